#include "metricscalculator.h"

#include <QLocale>
#include <algorithm>

namespace Samsa {

namespace {

bool hasMembers(const QString& state)
{
    // Without members a group cannot commit; Unknown (not described yet) gets the benefit of the doubt.
    return state != QLatin1String("Empty") && state != QLatin1String("Dead");
}

void addRate(std::optional<double>* sum, const std::optional<double>& rate)
{
    if (rate)
        *sum = sum->value_or(0) + *rate;
}

bool byTopicPartition(const QString& topicA, int partitionA, const QString& topicB, int partitionB)
{
    const int order = topicA.compare(topicB);
    return order != 0 ? order < 0 : partitionA < partitionB;
}

} // namespace

QString clearEstimateText(const ClearEstimate& estimate)
{
    switch (estimate.kind) {
    case ClearEstimate::Kind::Unknown:
        return QStringLiteral("—");
    case ClearEstimate::Kind::CaughtUp:
        return QStringLiteral("caught up");
    case ClearEstimate::Kind::NotCatchingUp:
        return QStringLiteral("not catching up");
    case ClearEstimate::Kind::Clearing:
        break;
    }
    const qint64 seconds = std::max<qint64>(1, (estimate.ms + 999) / 1000);
    if (seconds < 120)
        return QStringLiteral("about %1 s").arg(seconds);
    if (seconds < 2 * 3600)
        return QStringLiteral("about %1 min").arg((seconds + 30) / 60);
    if (seconds < 2 * 86400)
        return QStringLiteral("about %1 h").arg((seconds + 1800) / 3600);
    return QStringLiteral("about %1 days").arg((seconds + 43200) / 86400);
}

const GroupMetrics* MetricsSnapshot::group(const QString& id) const
{
    for (const GroupMetrics& entry : groups) {
        if (entry.group == id)
            return &entry;
    }
    return nullptr;
}

const TopicMetrics* MetricsSnapshot::topic(const QString& name) const
{
    for (const TopicMetrics& entry : topics) {
        if (entry.topic == name)
            return &entry;
    }
    return nullptr;
}

MetricsCalculator::MetricsCalculator(MetricsSettings settings)
    : m_settings(settings)
{
    m_settings.windowSamples = std::max(m_settings.windowSamples, 2);
}

void MetricsCalculator::addRound(const SampleRound& round)
{
    m_timeMs = round.timeMs;
    m_roundMs = round.durationMs;
    m_error = round.error;
    m_unreachable = round.unreachable;
    m_logSizeError = round.logSizeError;
    ++m_rounds;
    for (const PartitionOffsets& offsets : round.partitions) {
        PartitionState& state = m_partitions[{ offsets.topic, offsets.partition }];
        state.latest = offsets;
        state.ends.add(round.timeMs, offsets.end);
        if (offsets.logBytes >= 0)
            state.bytes.add(round.timeMs, offsets.logBytes);
    }

    // Groups not in the round were deleted (or the round failed to list them: keep them then).
    QHash<QString, GroupState> groups;
    const bool complete = round.error.isEmpty();
    for (auto it = round.groupStates.cbegin(); it != round.groupStates.cend(); ++it) {
        GroupState state = m_groups.take(it.key());
        state.state = it.value();
        groups.insert(it.key(), std::move(state));
    }
    if (!complete) {
        for (auto it = m_groups.begin(); it != m_groups.end(); ++it)
            groups.insert(it.key(), std::move(it.value()));
    }
    m_groups = std::move(groups);

    QHash<TopicPartition, QHash<qint64, qint64>> stillNeeded;
    for (const GroupCommit& commit : round.commits) {
        const TopicPartition key { commit.topic, commit.partition };
        GroupState& group = m_groups[commit.group];
        if (group.state.isEmpty())
            group.state = QStringLiteral("Unknown");
        const PartitionState partition = m_partitions.value(key);
        QList<CommitSample>& window = group.partitions[key].window;
        window.append({ round.timeMs, commit.committed, partition.latest.start, partition.latest.end });
        while (window.size() > m_settings.windowSamples)
            window.removeFirst();
        const auto times = m_recordTimes.constFind(key);
        if (times != m_recordTimes.constEnd() && times->contains(commit.committed))
            stillNeeded[key].insert(commit.committed, times->value(commit.committed));
    }
    m_recordTimes = std::move(stillNeeded);
    if (complete) {
        // Offsets deleted for a topic, or a partition the group no longer commits: forget them.
        for (GroupState& group : m_groups) {
            group.partitions.removeIf([&](const auto& entry) { return entry.value().window.last().timeMs != round.timeMs; });
        }
    }
}

TimeLag MetricsCalculator::timeLag(const TopicPartition& key, qint64 committed, qint64 end) const
{
    if (committed < 0)
        return { std::nullopt, QStringLiteral("nothing committed") };
    if (end >= 0 && committed >= end)
        return { 0, QString() }; // caught up: nothing is waiting, however long the partition idles
    const auto partition = m_partitions.constFind(key);
    if (partition != m_partitions.constEnd()) {
        if (const std::optional<qint64> written = partition->ends.timeWritten(committed))
            return { std::max<qint64>(0, m_timeMs - *written), QString() };
    }
    const auto times = m_recordTimes.constFind(key);
    if (times != m_recordTimes.constEnd() && times->contains(committed))
        return { std::max<qint64>(0, m_timeMs - times->value(committed)), QStringLiteral("from the record's timestamp") };
    if (partition == m_partitions.constEnd() || partition->ends.sampleCount() < 2)
        return { std::nullopt, QStringLiteral("one sample so far") };
    return { std::nullopt, QStringLiteral("older than the sampled history") };
}

QList<RecordToTime> MetricsCalculator::recordsToTime() const
{
    QList<RecordToTime> wanted;
    for (const GroupState& group : m_groups) {
        for (auto it = group.partitions.cbegin(); it != group.partitions.cend(); ++it) {
            const CommitSample& last = it->window.last();
            if (last.committed < 0 || last.committed >= last.end)
                continue;
            const auto partition = m_partitions.constFind(it.key());
            if (partition == m_partitions.constEnd() || partition->ends.timeWritten(last.committed))
                continue;
            if (m_recordTimes.value(it.key()).contains(last.committed))
                continue;
            wanted.append({ it.key().topic, it.key().partition, last.committed });
        }
    }
    return wanted;
}

void MetricsCalculator::recordTime(const QString& topic, int partition, qint64 offset, qint64 timestampMs)
{
    m_recordTimes[{ topic, partition }].insert(offset, timestampMs);
}

MetricsSnapshot MetricsCalculator::snapshot() const
{
    MetricsSnapshot snapshot;
    snapshot.timeMs = m_timeMs;
    snapshot.roundMs = m_roundMs;
    snapshot.rounds = m_rounds;
    snapshot.error = m_error;
    snapshot.unreachable = m_unreachable;
    snapshot.logSizeError = m_logSizeError;

    QHash<QString, qsizetype> topicIndex;
    for (auto it = m_partitions.cbegin(); it != m_partitions.cend(); ++it) {
        PartitionMetrics metrics;
        metrics.topic = it.key().topic;
        metrics.partition = it.key().partition;
        metrics.start = it->latest.start;
        metrics.end = it->latest.end;
        metrics.logBytes = it->latest.logBytes;
        metrics.messagesPerSecond = it->ends.rate(m_settings.rateSpanMs);
        if (it->bytes.sampleCount() > 1)
            metrics.bytesPerSecond = it->bytes.rate(m_settings.rateSpanMs);
        snapshot.partitions.append(metrics);
    }
    std::sort(snapshot.partitions.begin(), snapshot.partitions.end(), [](const auto& a, const auto& b) {
        return byTopicPartition(a.topic, a.partition, b.topic, b.partition);
    });
    QHash<TopicPartition, std::optional<double>> produceRates;
    for (const PartitionMetrics& partition : std::as_const(snapshot.partitions)) {
        produceRates.insert({ partition.topic, partition.partition }, partition.messagesPerSecond);
        if (!topicIndex.contains(partition.topic)) {
            topicIndex.insert(partition.topic, snapshot.topics.size());
            TopicMetrics topic;
            topic.topic = partition.topic;
            snapshot.topics.append(topic);
        }
        TopicMetrics& topic = snapshot.topics[topicIndex.value(partition.topic)];
        ++topic.partitions;
        if (partition.end >= 0 && partition.start >= 0)
            topic.messages += partition.end - partition.start;
        addRate(&topic.messagesPerSecond, partition.messagesPerSecond);
        addRate(&topic.bytesPerSecond, partition.bytesPerSecond);
        addRate(&snapshot.messagesInPerSecond, partition.messagesPerSecond);
        addRate(&snapshot.bytesInPerSecond, partition.bytesPerSecond);
        if (partition.logBytes >= 0) {
            topic.logBytes = std::max<qint64>(topic.logBytes, 0) + partition.logBytes;
            snapshot.logBytes = std::max<qint64>(snapshot.logBytes, 0) + partition.logBytes;
        }
    }

    for (auto groupIt = m_groups.cbegin(); groupIt != m_groups.cend(); ++groupIt) {
        GroupMetrics group;
        group.group = groupIt.key();
        group.state = groupIt->state;
        const bool members = hasMembers(group.state);
        for (auto it = groupIt->partitions.cbegin(); it != groupIt->partitions.cend(); ++it) {
            const QList<CommitSample>& window = it->window;
            const CommitSample& last = window.last();
            GroupPartitionMetrics partition;
            partition.topic = it.key().topic;
            partition.partition = it.key().partition;
            partition.committed = last.committed;
            partition.end = last.end;
            partition.lag = last.lag();
            partition.timeLag = timeLag(it.key(), last.committed, last.end);
            partition.health = evaluateHealth(window, m_settings.windowSamples, members);
            const CommitSample& first = window.first();
            if (window.size() > 1 && first.committed >= 0 && last.committed >= first.committed
                && last.timeMs > first.timeMs)
                partition.consumeRate = double(last.committed - first.committed) * 1000.0 / double(last.timeMs - first.timeMs);
            group.lag += partition.lag;
            addRate(&group.consumeRate, partition.consumeRate);
            addRate(&group.produceRate, produceRates.value(it.key()));
            if (partition.timeLag.ms && (!group.timeLag.ms || *partition.timeLag.ms > *group.timeLag.ms))
                group.timeLag = partition.timeLag;
            if (healthSeverity(partition.health.health) > healthSeverity(group.health)) {
                group.health = partition.health.health;
                group.healthReason = QStringLiteral("%1-%2: %3").arg(partition.topic).arg(partition.partition).arg(partition.health.reason);
            }
            group.partitions.append(partition);
            if (!topicIndex.contains(partition.topic))
                continue;
            QStringList& readers = snapshot.topics[topicIndex.value(partition.topic)].groups;
            if (!readers.contains(group.group))
                readers.append(group.group);
        }
        if (!group.timeLag.ms) {
            for (const GroupPartitionMetrics& partition : std::as_const(group.partitions)) {
                if (partition.lag > 0) {
                    group.timeLag.note = partition.timeLag.note; // why the lagging partition has none
                    break;
                }
            }
        }
        std::sort(group.partitions.begin(), group.partitions.end(), [](const auto& a, const auto& b) {
            return byTopicPartition(a.topic, a.partition, b.topic, b.partition);
        });
        if (group.health == Health::Ok && group.healthReason.isEmpty())
            group.healthReason = QStringLiteral("every partition is OK");
        if (group.lag == 0 && !group.partitions.isEmpty())
            group.clear.kind = ClearEstimate::Kind::CaughtUp;
        else if (group.consumeRate) {
            const double net = *group.consumeRate - group.produceRate.value_or(0);
            if (net > 0) {
                group.clear.kind = ClearEstimate::Kind::Clearing;
                group.clear.ms = qint64(double(group.lag) * 1000.0 / net);
            } else {
                group.clear.kind = ClearEstimate::Kind::NotCatchingUp;
            }
        }
        addRate(&snapshot.messagesOutPerSecond, group.consumeRate);
        snapshot.groups.append(group);
    }
    std::sort(snapshot.groups.begin(), snapshot.groups.end(),
        [](const GroupMetrics& a, const GroupMetrics& b) { return a.group < b.group; });
    for (TopicMetrics& topic : snapshot.topics)
        std::sort(topic.groups.begin(), topic.groups.end());
    return snapshot;
}

} // namespace Samsa
