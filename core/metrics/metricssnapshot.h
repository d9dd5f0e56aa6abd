#pragma once

// What the metrics engine derived from the rounds sampled so far, as of the latest round: rates per
// partition and topic, and per group the lag in messages and in time, the consume rate, the health
// and the time to clear the lag. Plain values, handed from the engine's thread to the UI.

#include "grouphealth.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <optional>

namespace Samsa {

struct TimeLag {
    std::optional<qint64> ms; // nullopt: not known, `note` says why
    QString note; // "one sample so far", "from the record's timestamp", ...
};

struct ClearEstimate {
    enum class Kind : quint8 { Unknown, CaughtUp, Clearing, NotCatchingUp };
    Kind kind = Kind::Unknown;
    qint64 ms = -1; // for Clearing
};
QString clearEstimateText(const ClearEstimate& estimate); // "caught up", "about 3 min", "not catching up", "—"

struct PartitionMetrics {
    QString topic;
    int partition = -1;
    qint64 start = -1;
    qint64 end = -1;
    std::optional<double> messagesPerSecond; // produce rate; nullopt before two samples
    qint64 logBytes = -1; // size on disk, -1 unknown
    std::optional<double> bytesPerSecond; // where the log size is known
};

struct TopicMetrics {
    QString topic;
    int partitions = 0;
    qint64 messages = 0; // sum of end - start
    std::optional<double> messagesPerSecond;
    qint64 logBytes = -1; // -1 while no partition's size is known
    std::optional<double> bytesPerSecond;
    QStringList groups; // groups with commits on the topic
};

struct GroupPartitionMetrics {
    QString topic;
    int partition = -1;
    qint64 committed = -1;
    qint64 end = -1;
    qint64 lag = 0;
    TimeLag timeLag;
    std::optional<double> consumeRate;
    HealthVerdict health;
};

struct GroupMetrics {
    QString group;
    QString state;
    qint64 lag = 0;
    TimeLag timeLag; // the largest of its partitions
    std::optional<double> consumeRate; // committed messages per second over the window
    std::optional<double> produceRate; // into the partitions it reads
    Health health = Health::Unknown; // its worst partition's
    QString healthReason;
    ClearEstimate clear;
    QList<GroupPartitionMetrics> partitions; // sorted by topic, partition
};

struct MetricsSnapshot {
    qint64 timeMs = 0;
    qint64 roundMs = 0; // how long the round took
    int rounds = 0; // rounds seen so far
    QString error; // the round's error, if any
    bool unreachable = false; // the round reached no broker (error says why)
    QString logSizeError; // why log sizes (and bytes per second) are missing, if they are
    QList<PartitionMetrics> partitions; // sorted by topic, partition
    QList<TopicMetrics> topics; // sorted by name
    QList<GroupMetrics> groups; // sorted by id
    std::optional<double> messagesInPerSecond; // all partitions
    std::optional<double> bytesInPerSecond; // all partitions whose log size is known
    qint64 logBytes = -1; // all partitions whose log size is known
    std::optional<double> messagesOutPerSecond; // all groups' commits

    const GroupMetrics* group(const QString& id) const;
    const TopicMetrics* topic(const QString& name) const;
};

} // namespace Samsa

Q_DECLARE_METATYPE(Samsa::MetricsSnapshot)
