#pragma once

// What a MessageReader should read, and what it tells about its progress. Plain values: the
// browser fills a ReadRequest from its form; the reader answers with ReadPlan and ReadProgress.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <optional>

namespace Samsa {

enum class ReadStart : quint8 {
    Beginning, // the first offset still in the log
    LastPerPartition, // the last `lastCount` records of each partition
    Offset, // `offset` in every partition, or `partitionOffsets` per partition
    Timestamp, // the first record at or after `timestampMs` (ListOffsets by time)
    GroupOffsets, // the committed offsets of consumer group `groupId` (read, never joined or changed)
};

struct ReadRequest {
    QString topic;
    QList<int> partitions; // empty: every partition of the topic
    ReadStart start = ReadStart::Beginning;
    qint64 lastCount = 100; // LastPerPartition
    qint64 offset = 0; // Offset, for partitions not in partitionOffsets
    QHash<int, qint64> partitionOffsets; // Offset, per partition
    qint64 timestampMs = 0; // Timestamp, milliseconds since the epoch
    QString groupId; // GroupOffsets
    qint64 maxMessages = 10000; // stop once this many were loaded; <= 0: no limit
    // Off: stop at the end offsets seen when reading starts. On: keep reading until stopped.
    bool liveTail = false;
    // Find by key: read only the partition Kafka's default partitioner chooses for this key
    // (`partitions` is then ignored) and, when onlyMatchingKey, keep only records with that key.
    std::optional<QByteArray> findKey;
    int keyPartitionCount = 0; // partitions to hash over; 0: the topic's current count
    bool onlyMatchingKey = true;
    // Bound for each request to the cluster (metadata, offsets); a dead cluster fails after this.
    int timeoutMs = 10000;
};

struct PartitionProgress {
    int partition = -1;
    qint64 start = -1; // where reading started
    qint64 position = -1; // next offset to read
    qint64 end = -1; // where reading stops (live tail: the latest end offset seen)
    bool done = false; // reached its end (never while tailing)
};

// Sent once, when reading starts: the partitions with their ranges, and what the user should know
// about them (the key's partition, offsets that were out of range and where reading starts instead).
struct ReadPlan {
    QList<PartitionProgress> partitions;
    QStringList notes;
};

struct ReadProgress {
    qint64 loaded = 0; // records delivered
    qint64 scanned = 0; // records read, including those skipped by find by key
    double rate = 0; // records read per second, over the last seconds
    qint64 elapsedMs = 0;
    QList<PartitionProgress> partitions;
};

} // namespace Samsa

Q_DECLARE_METATYPE(Samsa::ReadRequest)
Q_DECLARE_METATYPE(Samsa::ReadPlan)
Q_DECLARE_METATYPE(Samsa::ReadProgress)
