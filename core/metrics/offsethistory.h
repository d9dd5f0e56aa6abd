#pragma once

// The recent history of one partition's end offset, for rates and time lag.
//
// Time lag: how long ago the end offset was where a group's committed offset is now, i.e. how long
// ago the next record the group will read was written. The history keeps each end offset value
// with the first and last time it was seen, so the moment the end moved past an offset lies
// between two samples and is interpolated there (an idle partition costs one entry, however long
// it idles). Entries are thinned, oldest first, beyond `maxEntries`.

#include <QList>
#include <optional>

namespace Samsa {

class OffsetHistory {
public:
    explicit OffsetHistory(int maxEntries = 512);

    void add(qint64 timeMs, qint64 endOffset);

    int sampleCount() const { return m_samples; }
    qint64 latestEnd() const { return m_entries.isEmpty() ? -1 : m_entries.last().end; }
    qint64 latestTimeMs() const { return m_entries.isEmpty() ? -1 : m_entries.last().lastMs; }
    qint64 oldestEnd() const { return m_entries.isEmpty() ? -1 : m_entries.first().end; }

    // When the end offset moved past `offset` (the record at `offset` was written). nullopt when
    // the history does not reach back that far or `offset` is not written yet.
    std::optional<qint64> timeWritten(qint64 offset) const;

    // Messages per second over about the last `spanMs` (at least two samples apart); nullopt
    // with fewer than two samples.
    std::optional<double> rate(qint64 spanMs) const;

private:
    struct Entry {
        qint64 end = 0;
        qint64 firstMs = 0;
        qint64 lastMs = 0;
    };
    void thin();

    QList<Entry> m_entries; // oldest first, ends strictly increasing (a truncated log starts over)
    int m_maxEntries;
    int m_samples = 0;
};

} // namespace Samsa
