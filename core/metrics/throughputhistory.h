#pragma once

// The cluster's total throughput between consecutive stored rounds, for the dashboard's chart when
// it reloads the past: messages in (end offsets), messages out (groups' commits) and bytes in (log
// sizes), each the sum of what grew divided by the time between the rounds. Streaming: only the
// previous round is held, so a day of a 10,000-partition cluster fits in memory.

#include "metricstypes.h"

#include <QMetaType>
#include <optional>

namespace Samsa {

struct ThroughputPoint {
    qint64 timeMs = 0;
    std::optional<double> messagesIn;
    std::optional<double> messagesOut;
    std::optional<double> bytesIn;
};

class ThroughputHistory {
public:
    // The point from the previous round to this one; nullopt for the first round.
    std::optional<ThroughputPoint> add(const SampleRound& round);

private:
    struct Counters {
        QHash<TopicPartition, qint64> ends;
        QHash<TopicPartition, qint64> bytes;
        QHash<QString, QHash<TopicPartition, qint64>> commits; // group -> offsets
    };
    static Counters countersOf(const SampleRound& round);

    std::optional<Counters> m_previous;
    qint64 m_previousMs = 0;
};

} // namespace Samsa

Q_DECLARE_METATYPE(Samsa::ThroughputPoint)
