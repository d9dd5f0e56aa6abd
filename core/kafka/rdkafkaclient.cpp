#include "rdkafkaclient.h"

#include "kafkalog.h"

#include <QElapsedTimer>
#include <algorithm>
#include <librdkafka/rdkafka.h>

namespace Samsa {

namespace {

// librdkafka calls this from its own threads: only hand the line to Qt's logging, which is
// thread-safe. librdkafka does not put passwords in log lines at these levels.
void logCallback(const rd_kafka_t* /*handle*/, int level, const char* facility, const char* line)
{
    if (level <= 4)
        qCInfo(lcKafka, "librdkafka %s: %s", facility, line);
    else
        qCDebug(lcKafka, "librdkafka %s: %s", facility, line);
}

QString errorText(rd_kafka_resp_err_t error) { return QString::fromUtf8(rd_kafka_err2str(error)); }

// rd_kafka_metadata has no is_internal flag; Kafka's internal topics are the ones named "__...".
bool looksInternal(const QString& name) { return name.startsWith(QLatin1String("__")); }

ClusterMetadata convertMetadata(const rd_kafka_metadata_t* metadata)
{
    ClusterMetadata result;
    result.brokers.reserve(metadata->broker_cnt);
    for (int index = 0; index < metadata->broker_cnt; ++index) {
        const rd_kafka_metadata_broker_t& broker = metadata->brokers[index];
        result.brokers.append({ broker.id, QString::fromUtf8(broker.host), broker.port, QString() });
    }
    std::sort(result.brokers.begin(), result.brokers.end(),
        [](const BrokerInfo& a, const BrokerInfo& b) { return a.id < b.id; });

    result.topics.reserve(metadata->topic_cnt);
    for (int index = 0; index < metadata->topic_cnt; ++index) {
        const rd_kafka_metadata_topic_t& topic = metadata->topics[index];
        TopicInfo info;
        info.name = QString::fromUtf8(topic.topic);
        info.internal = looksInternal(info.name);
        if (topic.err)
            info.error = errorText(topic.err);
        info.partitions.reserve(topic.partition_cnt);
        for (int p = 0; p < topic.partition_cnt; ++p) {
            const rd_kafka_metadata_partition_t& partition = topic.partitions[p];
            PartitionInfo part;
            part.partition = partition.id;
            part.leader = partition.leader;
            part.replicas.reserve(partition.replica_cnt);
            for (int r = 0; r < partition.replica_cnt; ++r)
                part.replicas.append(partition.replicas[r]);
            part.inSyncReplicas.reserve(partition.isr_cnt);
            for (int r = 0; r < partition.isr_cnt; ++r)
                part.inSyncReplicas.append(partition.isrs[r]);
            if (partition.err)
                part.error = errorText(partition.err);
            info.partitions.append(part);
        }
        std::sort(info.partitions.begin(), info.partitions.end(),
            [](const PartitionInfo& a, const PartitionInfo& b) { return a.partition < b.partition; });
        result.topics.append(info);
    }
    std::sort(result.topics.begin(), result.topics.end(),
        [](const TopicInfo& a, const TopicInfo& b) { return a.name < b.name; });
    return result;
}

} // namespace

RdKafkaClient::~RdKafkaClient()
{
    if (m_handle)
        rd_kafka_destroy(m_handle);
}

std::unique_ptr<RdKafkaClient> RdKafkaClient::create(const QList<QPair<QString, QString>>& properties, QString* error)
{
    std::unique_ptr<RdKafkaClient> client(new RdKafkaClient);
    char errorBuffer[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    // Quiet by default; the user's extra properties come after and may raise it (e.g. debug=...).
    rd_kafka_conf_set(conf, "log_level", "4", errorBuffer, sizeof errorBuffer);
    rd_kafka_conf_set(conf, "client.id", "samsa", errorBuffer, sizeof errorBuffer);
    for (const auto& [key, value] : properties) {
        if (rd_kafka_conf_set(conf, key.toUtf8().constData(), value.toUtf8().constData(), errorBuffer,
                sizeof errorBuffer)
            != RD_KAFKA_CONF_OK) {
            *error = QStringLiteral("Configuration property '%1': %2").arg(key, QString::fromUtf8(errorBuffer));
            rd_kafka_conf_destroy(conf);
            return nullptr;
        }
    }
    rd_kafka_conf_set_log_cb(conf, logCallback);
    rd_kafka_conf_set_error_cb(conf, &RdKafkaClient::errorCallback);
    rd_kafka_conf_set_opaque(conf, client.get());
    client->m_handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errorBuffer, sizeof errorBuffer);
    if (!client->m_handle) {
        // rd_kafka_new only takes ownership of conf on success.
        rd_kafka_conf_destroy(conf);
        *error = QString::fromUtf8(errorBuffer);
        return nullptr;
    }
    return client;
}

void RdKafkaClient::errorCallback(rd_kafka_t* /*handle*/, int error, const char* reason, void* opaque)
{
    auto* client = static_cast<RdKafkaClient*>(opaque);
    // "1/1 brokers are down" says less than the connect error before it: keep that one.
    if (error == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN && !client->m_lastReason.isEmpty())
        return;
    client->m_lastReason = QString::fromUtf8(reason);
    client->m_lastReasonCode = error;
    qCInfo(lcKafka, "librdkafka error %s: %s", rd_kafka_err2name(rd_kafka_resp_err_t(error)), reason);
}

QString RdKafkaClient::failureText(int error) const
{
    const auto code = rd_kafka_resp_err_t(error);
    // A timeout or transport failure of the request itself is explained by the broker-level error.
    if ((code == RD_KAFKA_RESP_ERR__TRANSPORT || code == RD_KAFKA_RESP_ERR__TIMED_OUT) && !m_lastReason.isEmpty())
        return m_lastReason;
    return errorText(code);
}

RdKafkaClient::MetadataResult RdKafkaClient::fetchMetadata(int timeoutMs, const CancelCheck& isCancelled)
{
    MetadataResult result;
    QElapsedTimer timer;
    timer.start();
    const rd_kafka_metadata_t* metadata = nullptr;
    rd_kafka_resp_err_t error = RD_KAFKA_RESP_ERR__TIMED_OUT;
    bool requestTimedOut = false;
    constexpr int stepMs = 250;
    for (;;) {
        const int remaining = timeoutMs - int(timer.elapsed());
        if (remaining <= 0)
            break;
        // Short steps while no broker is usable (rd_kafka_metadata then waits for one); once a
        // request was sent and timed out, a large answer may need all the remaining time.
        const int step = requestTimedOut ? remaining : std::min(remaining, stepMs);
        error = rd_kafka_metadata(m_handle, 1, nullptr, &metadata, step);
        requestTimedOut = error == RD_KAFKA_RESP_ERR__TIMED_OUT;
        rd_kafka_poll(m_handle, 0); // serves the error callback
        if (!error)
            break;
        if (isCancelled && isCancelled()) {
            result.cancelled = true;
            return result;
        }
        // A refused login or a failed TLS handshake (an untrusted certificate, a host name mismatch,
        // TLS to a plaintext port) fails the same way on every retry: say so now, not at the timeout.
        if (m_lastReasonCode == RD_KAFKA_RESP_ERR__AUTHENTICATION || m_lastReasonCode == RD_KAFKA_RESP_ERR__SSL
            || rd_kafka_fatal_error(m_handle, nullptr, 0))
            break;
        if (error != RD_KAFKA_RESP_ERR__TRANSPORT && error != RD_KAFKA_RESP_ERR__TIMED_OUT)
            break;
    }
    if (error || !metadata) {
        result.error = failureText(error);
        return result;
    }
    result.metadata = convertMetadata(metadata);
    rd_kafka_metadata_destroy(metadata);

    // The metadata answer above filled librdkafka's cache; these only read it.
    if (char* clusterId = rd_kafka_clusterid(m_handle, 0)) {
        result.metadata.clusterId = QString::fromUtf8(clusterId);
        rd_kafka_mem_free(m_handle, clusterId);
    }
    result.metadata.controllerId = rd_kafka_controllerid(m_handle, 0);
    result.metadata.receivedAt = QDateTime::currentDateTimeUtc();
    result.ok = true;
    return result;
}

RdKafkaClient::WatermarksResult RdKafkaClient::fetchWatermarks(const QList<TopicInfo>& topics, int timeoutMs,
    const CancelCheck& isCancelled)
{
    // librdkafka matches each answer to its request with a linear search of the partition list, so
    // one list of 10,000 partitions costs 10,000 x 10,000 string compares (0.8 s here); lists of
    // about 1,000 partitions keep that small at the price of a few more round trips (0.15 s).
    constexpr qsizetype chunkPartitions = 1000;
    WatermarksResult result;
    QList<TopicInfo> chunk;
    qsizetype partitions = 0;
    const auto flush = [&] {
        if (chunk.isEmpty())
            return;
        const WatermarksResult part = fetchWatermarksOnce(chunk, timeoutMs, isCancelled);
        result.watermarks.append(part.watermarks);
        if (result.error.isEmpty())
            result.error = part.error;
        chunk.clear();
        partitions = 0;
    };
    for (const TopicInfo& topic : topics) {
        if (isCancelled && isCancelled())
            return result;
        chunk.append(topic);
        partitions += topic.partitions.size();
        if (partitions >= chunkPartitions)
            flush();
    }
    flush();
    return result;
}

RdKafkaClient::WatermarksResult RdKafkaClient::fetchWatermarksOnce(const QList<TopicInfo>& topics, int timeoutMs,
    const CancelCheck& isCancelled)
{
    WatermarksResult result;
    rd_kafka_topic_partition_list_t* earliest = rd_kafka_topic_partition_list_new(0);
    for (const TopicInfo& topic : topics) {
        const QByteArray name = topic.name.toUtf8();
        for (const PartitionInfo& partition : topic.partitions)
            rd_kafka_topic_partition_list_add(earliest, name.constData(), partition.partition)->offset
                = RD_KAFKA_OFFSET_BEGINNING;
    }
    if (earliest->cnt == 0) {
        rd_kafka_topic_partition_list_destroy(earliest);
        return result;
    }
    rd_kafka_topic_partition_list_t* latest = rd_kafka_topic_partition_list_copy(earliest);
    for (int index = 0; index < latest->cnt; ++index)
        latest->elems[index].offset = RD_KAFKA_OFFSET_END;

    // offsets_for_times with the logical timestamps -2/-1 asks ListOffsets for earliest/latest.
    const rd_kafka_resp_err_t lowError = rd_kafka_offsets_for_times(m_handle, earliest, timeoutMs);
    if (isCancelled && isCancelled()) {
        rd_kafka_topic_partition_list_destroy(earliest);
        rd_kafka_topic_partition_list_destroy(latest);
        return result;
    }
    const rd_kafka_resp_err_t highError = lowError && lowError != RD_KAFKA_RESP_ERR__TIMED_OUT
        ? lowError
        : rd_kafka_offsets_for_times(m_handle, latest, timeoutMs);
    rd_kafka_poll(m_handle, 0);

    QHash<QString, qsizetype> topicIndex;
    int answered = 0;
    for (int index = 0; index < earliest->cnt; ++index) {
        const rd_kafka_topic_partition_t& low = earliest->elems[index];
        const rd_kafka_topic_partition_t& high = latest->elems[index];
        if (low.err || high.err || low.offset < 0 || high.offset < 0)
            continue;
        const QString topic = QString::fromUtf8(low.topic);
        auto it = topicIndex.constFind(topic);
        if (it == topicIndex.constEnd()) {
            it = topicIndex.insert(topic, result.watermarks.size());
            result.watermarks.append({ topic, {} });
        }
        result.watermarks[it.value()].partitions.insert(low.partition, { low.offset, high.offset });
        ++answered;
    }
    if (answered == 0 && (lowError || highError))
        result.error = failureText(lowError ? lowError : highError);
    rd_kafka_topic_partition_list_destroy(earliest);
    rd_kafka_topic_partition_list_destroy(latest);
    return result;
}

} // namespace Samsa
