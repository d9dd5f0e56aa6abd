#include "throughputhistory.h"

#include "historyseries.h"

#include <array>

namespace Samsa {

ThroughputHistory::ThroughputHistory(std::vector<qint8> kinds)
    : m_kinds(std::move(kinds))
{
}

std::optional<ThroughputPoint> ThroughputHistory::add(qint64 timeMs, const SeriesValues& values)
{
    std::optional<ThroughputPoint> point;
    if (m_previous && timeMs > m_previousMs) {
        // What grew, by kind, over the series both rounds have; a counter that went back (a
        // truncated log, a reset group) adds nothing.
        std::array<double, 4> grown {};
        std::array<bool, 4> seen {};
        auto before = m_previous->cbegin();
        for (const SeriesValue& now : values) {
            while (before != m_previous->cend() && before->id < now.id)
                ++before;
            if (before == m_previous->cend())
                break;
            if (before->id != now.id || now.id >= m_kinds.size())
                continue;
            const qint8 kind = m_kinds[now.id];
            if (kind < 0 || kind >= qint8(grown.size()))
                continue;
            seen[size_t(kind)] = true;
            if (now.value > before->value)
                grown[size_t(kind)] += double(now.value - before->value);
        }
        const double seconds = double(timeMs - m_previousMs) / 1000.0;
        const auto rate = [&](SeriesKind kind) -> std::optional<double> {
            const size_t index = size_t(kind);
            return seen[index] ? std::optional<double>(grown[index] / seconds) : std::nullopt;
        };
        point = ThroughputPoint { timeMs, rate(SeriesKind::EndOffset), rate(SeriesKind::Committed),
            rate(SeriesKind::LogBytes) };
    }
    m_previous = values;
    m_previousMs = timeMs;
    return point;
}

} // namespace Samsa
