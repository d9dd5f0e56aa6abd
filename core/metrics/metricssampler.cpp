#include "metricssampler.h"

#include <QElapsedTimer>

namespace Samsa {

MetricsSampler::MetricsSampler(const QList<QPair<QString, QString>>& properties, Clock clock)
    : m_properties(properties)
    , m_clock(std::move(clock))
    , m_logSizes(properties)
{
}

MetricsSampler::~MetricsSampler() = default;

SampleRound MetricsSampler::sample(int timeoutMs, const CancelCheck& isCancelled)
{
    QElapsedTimer timer;
    timer.start();
    SampleRound round;
    const auto finish = [&](const QString& error) {
        round.error = error;
        round.durationMs = timer.elapsed();
        round.timeMs = m_clock();
        return round;
    };
    if (!m_client) {
        QString error;
        m_client = RdKafkaClient::create(m_properties, &error);
        if (!m_client)
            return finish(error);
    }

    const RdKafkaClient::MetadataResult metadata = m_client->fetchMetadata(timeoutMs, isCancelled);
    if (!metadata.ok) {
        round.unreachable = !metadata.cancelled;
        return finish(metadata.cancelled ? QStringLiteral("cancelled") : metadata.error);
    }
    QList<TopicInfo> topics;
    for (const TopicInfo& topic : metadata.metadata.topics) {
        if (topic.error.isEmpty() && !topic.partitions.isEmpty())
            topics.append(topic);
    }
    // Commits before end offsets: a partition's end is then never older than the commit it is
    // compared with, so a lag never comes out negative from the time between the two.
    const GroupListResult groups = m_client->listGroups(timeoutMs, isCancelled);
    QStringList groupIds;
    for (const GroupListing& group : groups.groups) {
        round.groupStates.insert(group.id, group.state);
        groupIds.append(group.id);
    }
    const RdKafkaClient::CommittedOffsetsResult commits = m_client->committedOffsets(groupIds, timeoutMs, isCancelled);
    for (auto it = commits.groups.cbegin(); it != commits.groups.cend(); ++it) {
        for (const GroupPartitionOffset& offset : it.value())
            round.commits.append({ it.key(), offset.topic, offset.partition, offset.committed });
    }

    const RdKafkaClient::WatermarksResult marks = m_client->fetchWatermarks(topics, timeoutMs, isCancelled);
    const LogSizeSampler::Result sizes = m_logSizes.sample(metadata.metadata, m_clock(), isCancelled);
    round.logSizeError = sizes.error;
    for (const TopicWatermarks& topic : marks.watermarks) {
        for (auto it = topic.partitions.cbegin(); it != topic.partitions.cend(); ++it) {
            const qint64 bytes = sizes.bytes.value({ topic.topic, it.key() }, -1);
            round.partitions.append({ topic.topic, it.key(), it.value().first, it.value().second, bytes });
        }
    }

    QStringList errors;
    if (!groups.error.isEmpty())
        errors.append(QStringLiteral("Listing groups: %1").arg(groups.error));
    if (!commits.errors.isEmpty())
        errors.append(QStringLiteral("Committed offsets: %1").arg(commits.errors.join(QStringLiteral("; "))));
    if (!marks.error.isEmpty())
        errors.append(QStringLiteral("End offsets: %1").arg(marks.error));
    return finish(errors.join(QLatin1Char('\n')));
}

} // namespace Samsa
