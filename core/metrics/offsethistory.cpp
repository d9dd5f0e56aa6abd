#include "offsethistory.h"

#include <algorithm>

namespace Samsa {

OffsetHistory::OffsetHistory(int maxEntries)
    : m_maxEntries(std::max(maxEntries, 4))
{
}

void OffsetHistory::add(qint64 timeMs, qint64 endOffset)
{
    if (endOffset < 0)
        return;
    ++m_samples;
    if (!m_entries.isEmpty() && m_entries.last().end == endOffset) {
        m_entries.last().lastMs = std::max(m_entries.last().lastMs, timeMs);
        return;
    }
    if (!m_entries.isEmpty() && endOffset < m_entries.last().end) {
        // The log was deleted and recreated (or truncated): the old offsets mean nothing now.
        m_entries.clear();
        m_samples = 1;
    }
    m_entries.append({ endOffset, timeMs, timeMs });
    if (m_entries.size() > m_maxEntries)
        thin();
}

void OffsetHistory::thin()
{
    // Every second entry of the older half goes: recent entries, which rates and small time lags
    // use, stay exact; old ones keep a coarser outline.
    const qsizetype half = m_entries.size() / 2;
    QList<Entry> kept;
    kept.reserve(m_entries.size());
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (i < half && i % 2 == 1) {
            kept.last().lastMs = m_entries.at(i).lastMs; // the kept entry now stands for both
            kept.last().end = m_entries.at(i).end;
            continue;
        }
        kept.append(m_entries.at(i));
    }
    m_entries = std::move(kept);
}

std::optional<qint64> OffsetHistory::timeWritten(qint64 offset) const
{
    if (m_entries.isEmpty() || offset >= m_entries.last().end || offset < m_entries.first().end)
        return std::nullopt;
    // The last entry whose end is at or below `offset`: the end stayed there until lastMs and was
    // past `offset` at the next entry's firstMs.
    const auto after = std::upper_bound(m_entries.cbegin(), m_entries.cend(), offset,
        [](qint64 value, const Entry& entry) { return value < entry.end; });
    const Entry& before = *(after - 1);
    const double fraction = double(offset - before.end + 1) / double(after->end - before.end);
    return before.lastMs + qint64(fraction * double(after->firstMs - before.lastMs));
}

std::optional<double> OffsetHistory::rate(qint64 spanMs) const
{
    if (m_entries.isEmpty() || m_samples < 2)
        return std::nullopt;
    const Entry& last = m_entries.last();
    const qint64 nowMs = last.lastMs;
    // The newest entry seen at or before now - spanMs, else the oldest one.
    qsizetype index = m_entries.size() - 1;
    while (index > 0 && m_entries.at(index).lastMs > nowMs - spanMs)
        --index;
    const Entry& base = m_entries.at(index);
    // At base.lastMs the end was still base.end (for the newest entry: since firstMs).
    const qint64 baseMs = index == m_entries.size() - 1 ? base.firstMs : base.lastMs;
    if (nowMs <= baseMs)
        return std::nullopt;
    return double(last.end - base.end) * 1000.0 / double(nowMs - baseMs);
}

} // namespace Samsa
