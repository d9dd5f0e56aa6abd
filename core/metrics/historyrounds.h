#pragma once

// Reading the rounds table of history.db back: each row decoded against the row before it, so a
// range starts at the hour's keyframe and a delta whose base is missing or damaged is skipped
// until the next keyframe rather than decoded into wrong values.

#include "historyseries.h"
#include "roundcodec.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <optional>

namespace Samsa {

// One round as stored: series values instead of partitions and commits.
struct StoredRound {
    qint64 timeMs = 0;
    SeriesValues values;
    QHash<QString, QString> groupStates;
    qint64 durationMs = 0;
    QString error;
};

// The rounds a resolution's next delta is encoded or decoded against: the last one stored, and the
// one before it when the last one is a delta itself (a linear delta needs both).
struct RoundChain {
    std::optional<StoredRound> last;
    std::optional<SeriesValues> beforeLast;

    // Whether a round at timeMs may be a delta: it is not the first of its keyframe period.
    bool continuesAt(qint64 timeMs, qint64 keyframePeriodMs) const;
    const SeriesValues* lastValues() const { return last ? &last->values : nullptr; }
    const SeriesValues* beforeLastValues() const { return beforeLast ? &*beforeLast : nullptr; }
    void advance(StoredRound round, bool delta);
};

struct ReadProblems {
    int unreadable = 0; // rows skipped: damaged, or a delta whose base was skipped or is gone
    QString firstError;
};

// Calls onRound for each readable row of [fromMs, toMs] in time order, decoding only the filter's
// series. Reads from the start of fromMs's keyframe period. False on a database error.
bool readStoredRounds(const QSqlDatabase& db, const QString& cluster, int resolution, qint64 fromMs, qint64 toMs,
    qint64 keyframePeriodMs, const SeriesFilter& filter, const std::function<void(const StoredRound&)>& onRound,
    ReadProblems* problems, QString* error);

// Each series' last value over both rounds; states, duration and error are newer's.
StoredRound mergeLastValues(const StoredRound& older, const StoredRound& newer);

// The start of the period that holds timeMs (also for times before 1970).
qint64 floorTo(qint64 timeMs, qint64 periodMs);

} // namespace Samsa
