#pragma once

// Plain value types of topic administration: what to create, delete, grow or purge, and each
// item's own outcome (one failing topic or partition never hides the others' results).

#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

namespace Samsa {

struct NewTopicSpec {
    QString name;
    int partitions = -1; // -1: the broker's num.partitions
    int replicationFactor = -1; // -1: the broker's default.replication.factor
    QList<QPair<QString, QString>> configs; // overrides, in the order given
};

// The outcome of one topic in a CreateTopics, DeleteTopics or CreatePartitions request.
struct TopicOutcome {
    QString topic;
    QString error; // empty on success
};

struct PartitionPurge {
    int partition = -1;
    qint64 offset = -1; // delete the records before this offset; -1: all of them (to the high watermark)
};

// DeleteRecords of one topic: the partitions to purge, each to the end or to its own offset.
struct PurgeRequest {
    QString topic;
    QList<PartitionPurge> partitions; // empty: every partition, to the end
};

struct PartitionPurgeOutcome {
    QString topic;
    int partition = -1;
    qint64 lowWatermark = -1; // the log's new start offset, -1 when it failed
    QString error; // empty on success
};

// A whole request's outcome: error set when it failed as a whole (no answer, bad input), else one
// entry per item.
struct TopicActionResult {
    QList<TopicOutcome> topics;
    QList<PartitionPurgeOutcome> partitions; // DeleteRecords only
    QString error;

    // Every item went through and the request as a whole did not fail.
    bool ok() const;
    // "name: reason" per failed item (and the request's own error), one per line.
    QStringList failures() const;
};

// What a clone starts from: the source topic's partitions, replication factor and overrides (the
// configs set on the topic itself, not the defaults it inherits).
struct TopicCloneSource {
    QString topic;
    int partitions = 0;
    int replicationFactor = 0;
    QList<QPair<QString, QString>> overrides;
    QString error; // the topic could not be described
};

} // namespace Samsa

Q_DECLARE_METATYPE(Samsa::TopicCloneSource)
Q_DECLARE_METATYPE(Samsa::NewTopicSpec)
Q_DECLARE_METATYPE(Samsa::PurgeRequest)
Q_DECLARE_METATYPE(Samsa::TopicActionResult)
