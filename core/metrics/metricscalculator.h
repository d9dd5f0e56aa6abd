#pragma once

// Turns a sequence of sampling rounds into MetricsSnapshots. Time comes only from the rounds'
// timestamps, so tests drive it with any clock. Not thread-safe: the engine's thread owns it.

#include "grouphealth.h"
#include "metricssnapshot.h"
#include "metricstypes.h"
#include "offsethistory.h"

#include <QHash>

namespace Samsa {

struct MetricsSettings {
    int windowSamples = 10; // the health window, in rounds (Burrow's default)
    qint64 rateSpanMs = 60000; // rates are averages over about this span
    // How long a round may spend reading records' own timestamps: a second keeps the app's rounds
    // regular; a one-shot command (samsactl lag) can wait for them as long as its timeout.
    int recordTimeBudgetMs = 1000;
};

// A record whose timestamp would give a time lag the history cannot: the group committed an
// offset older than anything sampled (a group reprocessing from the start).
struct RecordToTime {
    QString topic;
    int partition = -1;
    qint64 offset = -1;
};

class MetricsCalculator {
public:
    explicit MetricsCalculator(MetricsSettings settings = {});

    void addRound(const SampleRound& round);
    MetricsSnapshot snapshot() const;

    // Committed offsets whose time lag needs the record's own timestamp; give it with recordTime().
    QList<RecordToTime> recordsToTime() const;
    void recordTime(const QString& topic, int partition, qint64 offset, qint64 timestampMs);

private:
    struct GroupPartitionState {
        QList<CommitSample> window; // oldest first, at most settings.windowSamples
    };
    struct GroupState {
        QString state;
        QHash<TopicPartition, GroupPartitionState> partitions;
    };
    struct PartitionState {
        PartitionOffsets latest;
        OffsetHistory ends;
        OffsetHistory bytes; // log size as a counter, for bytes/s
    };
    TimeLag timeLag(const TopicPartition& key, qint64 committed, qint64 end) const;

    MetricsSettings m_settings;
    qint64 m_timeMs = 0;
    qint64 m_roundMs = 0;
    int m_rounds = 0;
    QString m_error;
    bool m_unreachable = false;
    QString m_logSizeError;
    QHash<TopicPartition, PartitionState> m_partitions;
    QHash<QString, GroupState> m_groups;
    QHash<TopicPartition, QHash<qint64, qint64>> m_recordTimes; // offset -> record timestamp
};

} // namespace Samsa
