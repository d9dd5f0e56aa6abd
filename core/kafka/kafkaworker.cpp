#include "kafkaworker.h"

#include <QElapsedTimer>
#include <algorithm>
#include <mutex>

namespace Samsa {

void registerKafkaMetaTypes()
{
    static std::once_flag once;
    std::call_once(once, [] {
        qRegisterMetaType<Samsa::ClusterMetadata>();
        qRegisterMetaType<Samsa::TopicWatermarks>();
        qRegisterMetaType<QList<Samsa::TopicWatermarks>>();
        qRegisterMetaType<Samsa::ConfigResult>();
        qRegisterMetaType<Samsa::ConnectionTestResult>();
        qRegisterMetaType<Samsa::GroupListResult>();
        qRegisterMetaType<Samsa::GroupDetail>();
    });
}

KafkaWorker::KafkaWorker(const QList<QPair<QString, QString>>& properties, int timeoutMs,
    std::shared_ptr<KafkaWorkerControl> control)
    : m_properties(properties)
    , m_timeoutMs(std::max(timeoutMs, 100))
    , m_control(std::move(control))
{
    registerKafkaMetaTypes();
}

KafkaWorker::~KafkaWorker() = default; // destroys the handle on the worker's thread

bool KafkaWorker::ensureClient(QString* error)
{
    if (!m_client)
        m_client = RdKafkaClient::create(m_properties, error);
    return m_client != nullptr;
}

void KafkaWorker::loadMetadata(quint64 jobId)
{
    if (isSuperseded(jobId))
        return;
    QString error;
    if (!ensureClient(&error)) {
        Q_EMIT metadataFailed(jobId, error);
        return;
    }
    const CancelCheck superseded = [this, jobId] { return isSuperseded(jobId); };
    RdKafkaClient::MetadataResult result = m_client->fetchMetadata(m_timeoutMs, superseded);
    if (result.cancelled || isSuperseded(jobId))
        return;
    if (!result.ok) {
        Q_EMIT metadataFailed(jobId, result.error);
        return;
    }
    fillRacks(&result.metadata);
    if (isSuperseded(jobId))
        return;
    m_topics = result.metadata.topics;
    Q_EMIT metadataLoaded(jobId, result.metadata);
    streamWatermarks(jobId, m_topics, [this, jobId] { return !isSuperseded(jobId); });
}

void KafkaWorker::loadTopicWatermarks(quint64 jobId, const QString& topic)
{
    if (isCancelled())
        return;
    QString error;
    if (!ensureClient(&error)) {
        Q_EMIT watermarksFailed(jobId, error);
        Q_EMIT watermarksDone(jobId);
        return;
    }
    const auto findTopic = [this, &topic]() -> const TopicInfo* {
        const auto it = std::find_if(m_topics.cbegin(), m_topics.cend(),
            [&topic](const TopicInfo& info) { return info.name == topic; });
        return it == m_topics.cend() ? nullptr : &*it;
    };
    if (!findTopic()) {
        // A topic created since the last metadata: look again before saying it does not exist.
        const RdKafkaClient::MetadataResult result
            = m_client->fetchMetadata(m_timeoutMs, [this] { return isCancelled(); });
        if (result.cancelled || isCancelled())
            return;
        if (!result.ok) {
            Q_EMIT watermarksFailed(jobId, result.error);
            Q_EMIT watermarksDone(jobId);
            return;
        }
        m_topics = result.metadata.topics;
    }
    const TopicInfo* info = findTopic();
    if (!info) {
        Q_EMIT watermarksFailed(jobId, QStringLiteral("Topic '%1' does not exist.").arg(topic));
        Q_EMIT watermarksDone(jobId);
        return;
    }
    streamWatermarks(jobId, { *info }, [this] { return !isCancelled(); });
}

void KafkaWorker::describeConfigs(quint64 jobId, const ConfigResource& resource)
{
    if (isCancelled())
        return;
    ConfigResult result;
    result.resource = resource;
    if (!ensureClient(&result.error)) {
        Q_EMIT configsLoaded(jobId, result);
        return;
    }
    result = m_client->describeConfigs(resource, m_timeoutMs, [this] { return isCancelled(); });
    if (!isCancelled())
        Q_EMIT configsLoaded(jobId, result);
}

void KafkaWorker::loadGroups(quint64 jobId)
{
    if (isCancelled())
        return;
    GroupListResult result;
    if (ensureClient(&result.error))
        result = m_client->listGroups(m_timeoutMs, [this] { return isCancelled(); });
    if (!isCancelled())
        Q_EMIT groupsLoaded(jobId, result);
}

void KafkaWorker::loadGroupDetail(quint64 jobId, const QString& groupId)
{
    if (isCancelled())
        return;
    GroupDetail detail;
    detail.id = groupId;
    if (ensureClient(&detail.error))
        detail = m_client->describeGroup(groupId, m_timeoutMs, [this] { return isCancelled(); });
    if (!isCancelled())
        Q_EMIT groupDetailLoaded(jobId, detail);
}

void KafkaWorker::testConnection(quint64 jobId)
{
    if (isCancelled())
        return;
    ConnectionTestResult result;
    if (!ensureClient(&result.error)) {
        Q_EMIT connectionTested(jobId, result);
        return;
    }
    const CancelCheck cancelled = [this] { return isCancelled(); };
    QElapsedTimer timer;
    timer.start();
    const RdKafkaClient::MetadataResult cold = m_client->fetchMetadata(m_timeoutMs, cancelled);
    if (cold.cancelled || isCancelled())
        return;
    if (!cold.ok) {
        result.error = cold.error;
        Q_EMIT connectionTested(jobId, result);
        return;
    }
    // The first answer includes connecting and the handshake; a second, warm request is the
    // round trip the user will feel when browsing.
    const int remaining = std::max(m_timeoutMs - int(timer.elapsed()), 1000);
    timer.restart();
    const RdKafkaClient::MetadataResult warm = m_client->fetchMetadata(remaining, cancelled);
    const qint64 latency = timer.elapsed();
    if (warm.cancelled || isCancelled())
        return;
    result.ok = warm.ok;
    result.error = warm.error;
    const ClusterMetadata& metadata = warm.ok ? warm.metadata : cold.metadata;
    result.brokerCount = int(metadata.brokers.size());
    result.clusterId = metadata.clusterId;
    result.latencyMs = latency;
    Q_EMIT connectionTested(jobId, result);
}

void KafkaWorker::fillRacks(ClusterMetadata* metadata)
{
    QList<int> unknown;
    for (const BrokerInfo& broker : std::as_const(metadata->brokers)) {
        if (!m_racks.contains(broker.id))
            unknown.append(broker.id);
    }
    // Racks are a nicety: a cluster that refuses DescribeConfigs is not asked again, and a
    // failure here never fails the connect.
    if (!unknown.isEmpty() && !m_racksUnavailable) {
        if (!m_client->fetchRacks(unknown, std::min(m_timeoutMs, 5000), [this] { return isCancelled(); }, &m_racks))
            m_racksUnavailable = true;
    }
    for (BrokerInfo& broker : metadata->brokers)
        broker.rack = m_racks.value(broker.id);
}

void KafkaWorker::streamWatermarks(quint64 jobId, const QList<TopicInfo>& topics, const CancelCheck& stillWanted)
{
    QString firstError;
    bool anyAnswered = false;
    QList<TopicInfo> chunk;
    int chunkPartitions = 0;
    const auto flush = [&]() {
        if (chunk.isEmpty())
            return;
        const RdKafkaClient::WatermarksResult result
            = m_client->fetchWatermarks(chunk, m_timeoutMs, [&stillWanted] { return !stillWanted(); });
        chunk.clear();
        chunkPartitions = 0;
        if (!stillWanted())
            return;
        if (!result.watermarks.isEmpty()) {
            anyAnswered = true;
            Q_EMIT watermarksLoaded(jobId, result.watermarks);
        }
        if (!result.error.isEmpty() && firstError.isEmpty())
            firstError = result.error;
    };
    for (const TopicInfo& topic : topics) {
        if (!stillWanted())
            return;
        TopicInfo online { topic.name, topic.internal, topic.error, {} };
        // Partitions without a leader cannot answer ListOffsets; their watermarks stay unknown.
        std::copy_if(topic.partitions.cbegin(), topic.partitions.cend(), std::back_inserter(online.partitions),
            [](const PartitionInfo& partition) { return !partition.isOffline(); });
        if (online.partitions.isEmpty())
            continue;
        chunkPartitions += int(online.partitions.size());
        chunk.append(online);
        if (chunkPartitions >= watermarkChunkSize)
            flush();
    }
    if (stillWanted())
        flush();
    if (!stillWanted())
        return;
    if (!anyAnswered && !firstError.isEmpty())
        Q_EMIT watermarksFailed(jobId, firstError);
    Q_EMIT watermarksDone(jobId);
}

} // namespace Samsa
