#include "throughputhistory.h"

namespace Samsa {

namespace {

// What grew from before to now over the keys both have; a counter that went back (a truncated log,
// a reset group) adds nothing. nullopt when no key is in both.
std::optional<double> growth(const QHash<TopicPartition, qint64>& before, const QHash<TopicPartition, qint64>& now)
{
    std::optional<double> total;
    for (auto it = now.cbegin(); it != now.cend(); ++it) {
        const auto old = before.constFind(it.key());
        if (old == before.cend())
            continue;
        total = total.value_or(0) + double(std::max<qint64>(0, it.value() - old.value()));
    }
    return total;
}

} // namespace

ThroughputHistory::Counters ThroughputHistory::countersOf(const SampleRound& round)
{
    Counters counters;
    for (const PartitionOffsets& offsets : round.partitions) {
        const TopicPartition key { offsets.topic, offsets.partition };
        if (offsets.end >= 0)
            counters.ends.insert(key, offsets.end);
        if (offsets.logBytes >= 0)
            counters.bytes.insert(key, offsets.logBytes);
    }
    for (const GroupCommit& commit : round.commits) {
        if (commit.committed >= 0)
            counters.commits[commit.group].insert({ commit.topic, commit.partition }, commit.committed);
    }
    return counters;
}

std::optional<ThroughputPoint> ThroughputHistory::add(const SampleRound& round)
{
    Counters counters = countersOf(round);
    std::optional<ThroughputPoint> point;
    if (m_previous && round.timeMs > m_previousMs) {
        const double seconds = double(round.timeMs - m_previousMs) / 1000.0;
        const auto perSecond = [seconds](std::optional<double> grown) {
            return grown ? std::optional<double>(*grown / seconds) : std::nullopt;
        };
        point = ThroughputPoint { round.timeMs, perSecond(growth(m_previous->ends, counters.ends)), {},
            perSecond(growth(m_previous->bytes, counters.bytes)) };
        std::optional<double> out;
        for (auto it = counters.commits.cbegin(); it != counters.commits.cend(); ++it) {
            const auto before = m_previous->commits.constFind(it.key());
            if (before == m_previous->commits.cend())
                continue;
            if (const std::optional<double> grown = growth(before.value(), it.value()))
                out = out.value_or(0) + *grown;
        }
        point->messagesOut = perSecond(out);
    }
    m_previous = std::move(counters);
    m_previousMs = round.timeMs;
    return point;
}

} // namespace Samsa
