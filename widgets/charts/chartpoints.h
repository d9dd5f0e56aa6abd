#pragma once

// The points a chart panel keeps (one per round, in time order) and the past that the history
// brings after the panel has started taking live rounds.

#include <QList>
#include <limits>

namespace Samsa {

// Puts the history's entries older than the first live point in front of the live points, each
// made a Point by convert, and keeps the newest maxPoints. False when nothing was older.
template<typename Point, typename Entry, typename Convert>
bool prependHistory(QList<Point>* points, const QList<Entry>& history, qsizetype maxPoints, Convert convert)
{
    const qint64 firstLive = points->isEmpty() ? std::numeric_limits<qint64>::max() : points->first().timeMs;
    QList<Point> older;
    for (const Entry& entry : history) {
        if (entry.timeMs < firstLive)
            older.append(convert(entry));
    }
    if (older.isEmpty())
        return false;
    *points = older + *points;
    if (points->size() > maxPoints)
        points->remove(0, points->size() - maxPoints);
    return true;
}

} // namespace Samsa
