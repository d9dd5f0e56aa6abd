#pragma once

// Builders for the value types the cluster models are fed with.

#include "clustertypes.h"

namespace Samsa::Test {

inline PartitionInfo makePartition(int id, int leader, QList<int> replicas, QList<int> inSync)
{
    PartitionInfo partition;
    partition.partition = id;
    partition.leader = leader;
    partition.replicas = std::move(replicas);
    partition.inSyncReplicas = std::move(inSync);
    return partition;
}

// A healthy topic: partition p led by broker p % replication, all replicas in sync.
inline TopicInfo makeTopic(const QString& name, int partitions, int replication = 1, bool internal = false)
{
    TopicInfo topic;
    topic.name = name;
    topic.internal = internal;
    for (int p = 0; p < partitions; ++p) {
        QList<int> replicas;
        for (int r = 0; r < replication; ++r)
            replicas.append((p + r) % replication);
        topic.partitions.append(makePartition(p, replicas.first(), replicas, replicas));
    }
    return topic;
}

// Watermarks giving `perPartition` messages in each of `partitions` partitions, starting at `low`.
inline TopicWatermarks makeWatermarks(const QString& topic, int partitions, qint64 perPartition, qint64 low = 0)
{
    TopicWatermarks watermarks;
    watermarks.topic = topic;
    for (int p = 0; p < partitions; ++p)
        watermarks.partitions.insert(p, { low, low + perPartition });
    return watermarks;
}

} // namespace Samsa::Test
