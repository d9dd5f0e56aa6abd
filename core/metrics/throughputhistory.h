#pragma once

// The cluster's total throughput between consecutive stored rounds, for the dashboard's chart when
// it reloads the past: messages in (end offsets), messages out (groups' commits) and bytes in (log
// sizes), each the sum of what grew divided by the time between the rounds. It works on the stored
// series values themselves (sorted by id, the kind of each id known), not on rounds rebuilt from
// them: a day of a 10,000-partition cluster is 1,440 rollups of 40,000 values, and a merge of two
// sorted arrays per rollup keeps that well under a second. Streaming: only the previous round is held.

#include "roundcodec.h"

#include <QMetaType>
#include <optional>
#include <vector>

namespace Samsa {

enum class SeriesKind;

struct ThroughputPoint {
    qint64 timeMs = 0;
    std::optional<double> messagesIn;
    std::optional<double> messagesOut;
    std::optional<double> bytesIn;
};

class ThroughputHistory {
public:
    // kinds[id] is the SeriesKind of series id as an int (-1 unknown).
    explicit ThroughputHistory(std::vector<qint8> kinds);

    // The point from the previous round to this one; nullopt for the first round.
    std::optional<ThroughputPoint> add(qint64 timeMs, const SeriesValues& values);

private:
    std::vector<qint8> m_kinds;
    std::optional<SeriesValues> m_previous;
    qint64 m_previousMs = 0;
};

} // namespace Samsa

Q_DECLARE_METATYPE(Samsa::ThroughputPoint)
