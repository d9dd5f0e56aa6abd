#include "logsizesampler.h"

#include "kafka/wire/describelogdirs.h"

namespace Samsa {

LogSizeSampler::LogSizeSampler(const QList<QPair<QString, QString>>& properties)
    : m_security(WireSecurity::fromProperties(properties))
{
}

LogSizeSampler::~LogSizeSampler() = default;

LogSizeSampler::Result LogSizeSampler::sample(const ClusterMetadata& metadata, qint64 nowMs,
    const CancelCheck& isCancelled)
{
    Result result;
    const QString unsupported = m_security.unsupportedReason();
    if (!unsupported.isEmpty()) {
        result.error = QStringLiteral("Log sizes are not sampled: %1.").arg(unsupported);
        return result;
    }

    QHash<TopicPartition, int> leaders;
    for (const TopicInfo& topic : metadata.topics) {
        for (const PartitionInfo& partition : topic.partitions)
            leaders.insert({ topic.name, partition.partition }, partition.leader);
    }
    const QDeadlineTimer deadline(BudgetMs);
    QStringList errors;
    for (const BrokerInfo& broker : metadata.brokers) {
        if (nowMs < m_retryAfterMs.value(broker.id, 0)) {
            errors.append(m_lastErrors.value(broker.id));
            continue;
        }
        auto& connection = m_connections[broker.id];
        if (!connection)
            connection = std::make_unique<WireConnection>(m_security, QStringLiteral("samsa-metrics"));
        QString error;
        LogDirsAnswer answer;
        const auto failed = [&](const QString& why) {
            const QString text = QStringLiteral("broker %1 (%2:%3): %4").arg(broker.id).arg(broker.host).arg(broker.port).arg(why);
            m_lastErrors.insert(broker.id, text);
            m_retryAfterMs.insert(broker.id, nowMs + RetryAfterMs);
            errors.append(text);
        };
        if (!connection->open(broker.host, broker.port, deadline, isCancelled, &error)) {
            failed(error);
            continue;
        }
        const std::optional<QByteArray> body = connection->call(DescribeLogDirs::ApiKey, DescribeLogDirs::Version,
            DescribeLogDirs::encodeRequestAll(), deadline, isCancelled, &error);
        if (!body || !DescribeLogDirs::decodeResponse(*body, &answer, &error)) {
            connection->close();
            failed(error);
            continue;
        }
        for (const QString& problem : std::as_const(answer.directoryErrors))
            errors.append(QStringLiteral("broker %1: %2").arg(broker.id).arg(problem));
        for (const LogDirPartition& entry : std::as_const(answer.partitions)) {
            const TopicPartition key { entry.topic, entry.partition };
            const auto leader = leaders.constFind(key);
            if (entry.future || leader == leaders.cend())
                continue;
            // The leader's copy wins; another replica's only fills in while the leader has not answered.
            if (leader.value() == broker.id || !result.bytes.contains(key))
                result.bytes.insert(key, entry.bytes);
        }
    }
    if (!errors.isEmpty())
        result.error = QStringLiteral("Log sizes are missing from %1").arg(errors.join(QStringLiteral("; ")));
    return result;
}

} // namespace Samsa
