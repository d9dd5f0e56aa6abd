#include "clustertypes.h"

namespace Samsa {

qint64 TopicInfo::messageCount() const
{
    qint64 total = 0;
    for (const PartitionInfo& partition : partitions) {
        const qint64 count = partition.messageCount();
        if (count < 0)
            return -1;
        total += count;
    }
    return total;
}

int ClusterMetadata::partitionCount() const
{
    int count = 0;
    for (const TopicInfo& topic : topics)
        count += int(topic.partitions.size());
    return count;
}

int ClusterMetadata::underReplicatedCount() const
{
    int count = 0;
    for (const TopicInfo& topic : topics)
        for (const PartitionInfo& partition : topic.partitions)
            count += partition.isUnderReplicated() ? 1 : 0;
    return count;
}

int ClusterMetadata::offlineCount() const
{
    int count = 0;
    for (const TopicInfo& topic : topics)
        for (const PartitionInfo& partition : topic.partitions)
            count += partition.isOffline() ? 1 : 0;
    return count;
}

QString configSourceName(ConfigSource source)
{
    switch (source) {
    case ConfigSource::DynamicTopic:
        return QStringLiteral("Topic override");
    case ConfigSource::DynamicBroker:
        return QStringLiteral("Broker override");
    case ConfigSource::DynamicDefaultBroker:
        return QStringLiteral("Cluster-wide override");
    case ConfigSource::StaticBroker:
        return QStringLiteral("Broker config file");
    case ConfigSource::Default:
        return QStringLiteral("Default");
    case ConfigSource::Other:
        return QStringLiteral("Other");
    case ConfigSource::Unknown:
        break;
    }
    return QStringLiteral("Unknown");
}

} // namespace Samsa
