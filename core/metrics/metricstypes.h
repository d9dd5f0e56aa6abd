#pragma once

// What one sampling round of a cluster saw: the offsets of every partition's log and the committed
// offsets of every group. These are counters, so everything else (rates, lag, time lag, health) is
// derived from a sequence of rounds, and a history of rounds is all that needs keeping.

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>

namespace Samsa {

struct TopicPartition {
    QString topic;
    int partition = -1;
    bool operator==(const TopicPartition&) const = default;
};

inline size_t qHash(const TopicPartition& key, size_t seed = 0)
{
    return qHashMulti(seed, key.topic, key.partition);
}

struct PartitionOffsets {
    QString topic;
    int partition = -1;
    qint64 start = -1; // log start offset (earliest), -1 unknown
    qint64 end = -1; // high watermark (latest), -1 unknown
    qint64 logBytes = -1; // size on disk where DescribeLogDirs answered, -1 unknown
};

struct GroupCommit {
    QString group;
    QString topic;
    int partition = -1;
    qint64 committed = -1; // -1: nothing committed
};

struct SampleRound {
    qint64 timeMs = 0; // when the round's answers were complete (the clock of the engine)
    QList<PartitionOffsets> partitions;
    QList<GroupCommit> commits;
    QHash<QString, QString> groupStates; // group id -> Stable, Empty, ... (groups seen this round)
    qint64 durationMs = 0; // wall time the round took
    QString error; // a failure that left the round incomplete (what there is is still used)
    QString logSizeError; // why log sizes are missing (not kept in the history)
    bool unreachable = false; // no metadata came back: no broker answered (not kept in the history)
};

} // namespace Samsa

Q_DECLARE_METATYPE(Samsa::SampleRound)
