#include "messageproducerworker.h"

#include "kafka/kafkalog.h"

#include <QHash>
#include <QSet>
#include <librdkafka/rdkafka.h>

namespace Samsa {

namespace {

void logCallback(const rd_kafka_t* /*handle*/, int level, const char* facility, const char* line)
{
    if (level <= 4)
        qCInfo(lcKafka, "librdkafka producer %s: %s", facility, line);
    else
        qCDebug(lcKafka, "librdkafka producer %s: %s", facility, line);
}

QString errorText(rd_kafka_resp_err_t error)
{
    return QString::fromUtf8(rd_kafka_err2str(error));
}

// A non-null pointer for empty keys and values: librdkafka sends a null pointer as null.
const char emptyBytes[1] = { 0 };

const char* bytesOrNull(const std::optional<QByteArray>& bytes)
{
    if (!bytes)
        return nullptr;
    return bytes->isEmpty() ? emptyBytes : bytes->constData();
}

} // namespace

MessageProducerWorker::MessageProducerWorker(
    const QList<QPair<QString, QString>>& properties, std::shared_ptr<ProducerControl> control)
    : m_properties(properties)
    , m_control(std::move(control))
{
}

MessageProducerWorker::~MessageProducerWorker()
{
    if (m_handle) {
        rd_kafka_purge(m_handle, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
        rd_kafka_destroy(m_handle);
    }
}

bool MessageProducerWorker::createProducer(int timeoutMs, QString* error)
{
    char errorBuffer[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    const QList<QPair<QString, QString>> defaults = {
        { QStringLiteral("log_level"), QStringLiteral("4") },
        { QStringLiteral("client.id"), QStringLiteral("samsa-producer") },
        { QStringLiteral("message.timeout.ms"), QString::number(std::max(timeoutMs, 1000)) },
        // A typo in the topic name should be an error, not a new topic.
        { QStringLiteral("allow.auto.create.topics"), QStringLiteral("false") },
    };
    // Keyed records go where Java's default partitioner would put them (librdkafka's own default,
    // consistent_random, uses CRC32 and would put them elsewhere).
    const QList<QPair<QString, QString>> required = {
        { QStringLiteral("partitioner"), QStringLiteral("murmur2_random") },
    };
    for (const auto& list : { defaults, m_properties, required }) {
        for (const auto& [key, value] : list) {
            if (rd_kafka_conf_set(
                    conf, key.toUtf8().constData(), value.toUtf8().constData(), errorBuffer, sizeof errorBuffer)
                != RD_KAFKA_CONF_OK) {
                *error = QStringLiteral("Configuration property '%1': %2").arg(key, QString::fromUtf8(errorBuffer));
                rd_kafka_conf_destroy(conf);
                return false;
            }
        }
    }
    rd_kafka_conf_set_log_cb(conf, logCallback);
    rd_kafka_conf_set_error_cb(conf, &MessageProducerWorker::onError);
    rd_kafka_conf_set_dr_msg_cb(conf, &MessageProducerWorker::onDelivery);
    rd_kafka_conf_set_opaque(conf, this);
    m_handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errorBuffer, sizeof errorBuffer);
    if (!m_handle) {
        rd_kafka_conf_destroy(conf);
        *error = QString::fromUtf8(errorBuffer);
        return false;
    }
    return true;
}

bool MessageProducerWorker::loadTopics(
    const QList<ProduceRecord>& records, int timeoutMs, QHash<QString, int>* partitions, QString* error)
{
    QSet<QString> topics;
    for (const ProduceRecord& record : records)
        topics.insert(record.topic);
    QElapsedTimer timer;
    timer.start();
    for (const QString& topic : std::as_const(topics)) {
        if (topic.isEmpty()) {
            partitions->insert(topic, 0);
            continue;
        }
        rd_kafka_topic_t* handle = rd_kafka_topic_new(m_handle, topic.toUtf8().constData(), nullptr);
        const rd_kafka_metadata_t* metadata = nullptr;
        rd_kafka_resp_err_t failure = RD_KAFKA_RESP_ERR__TIMED_OUT;
        // Short steps while no broker answers, so that a cancel is noticed soon.
        while (timer.elapsed() < timeoutMs && !cancelled()) {
            failure = rd_kafka_metadata(m_handle, 0, handle, &metadata, 250);
            rd_kafka_poll(m_handle, 0);
            if (failure != RD_KAFKA_RESP_ERR__TRANSPORT && failure != RD_KAFKA_RESP_ERR__TIMED_OUT)
                break;
            if (m_allBrokersDown || timer.elapsed() >= 1000)
                reportConnection(true);
        }
        if (!failure)
            m_allBrokersDown = false;
        reportConnection(m_allBrokersDown);
        rd_kafka_topic_destroy(handle);
        if (failure || !metadata) {
            *error = QStringLiteral("Could not reach the cluster: %1")
                         .arg(m_lastReason.isEmpty() ? errorText(failure) : m_lastReason);
            return false;
        }
        int count = 0;
        for (int t = 0; t < metadata->topic_cnt; ++t) {
            if (!metadata->topics[t].err && QString::fromUtf8(metadata->topics[t].topic) == topic)
                count = metadata->topics[t].partition_cnt;
        }
        rd_kafka_metadata_destroy(metadata);
        partitions->insert(topic, count);
    }
    return true;
}

QString MessageProducerWorker::checkRecord(const ProduceRecord& record, const QHash<QString, int>& partitions)
{
    if (record.topic.isEmpty())
        return QStringLiteral("No topic given.");
    const int count = partitions.value(record.topic);
    if (count == 0)
        return QStringLiteral("Topic '%1' does not exist.").arg(record.topic);
    if (record.partition >= count || record.partition < -1)
        return QStringLiteral("Partition %1 does not exist in topic '%2' (it has %3 partitions).")
            .arg(record.partition)
            .arg(record.topic)
            .arg(count);
    return {};
}

void MessageProducerWorker::run(const QList<ProduceRecord>& records, int timeoutMs)
{
    m_clock.start();
    m_total = records.size();
    QString error;
    QHash<QString, int> partitions;
    if (!createProducer(timeoutMs, &error) || !loadTopics(records, timeoutMs, &partitions, &error)) {
        if (cancelled()) {
            m_summary.cancelled = true;
            m_summary.notSent = records.size();
            Q_EMIT finished(m_summary);
        } else {
            Q_EMIT failed(error);
        }
        return;
    }
    qsizetype next = 0;
    for (; next < records.size() && !cancelled(); ++next) {
        const ProduceRecord& record = records.at(next);
        const QString problem = checkRecord(record, partitions);
        if (!problem.isEmpty())
            addResult({ next, record.partition, -1, problem });
        else
            send(record, next, timeoutMs);
        rd_kafka_poll(m_handle, 0);
        reportConnection(m_allBrokersDown);
        flushResults(false);
    }
    if (cancelled()) {
        // Records still in librdkafka's queue come back as purged; those on the wire get their answer.
        rd_kafka_purge(m_handle, RD_KAFKA_PURGE_F_QUEUE);
        m_summary.cancelled = true;
        m_summary.notSent += records.size() - next;
    }
    QElapsedTimer waiting;
    waiting.start();
    bool purged = cancelled();
    while (m_inFlight > 0 && waiting.elapsed() < qint64(timeoutMs) + 5000) {
        rd_kafka_poll(m_handle, 50);
        reportConnection(m_allBrokersDown);
        if (!purged && cancelled()) {
            rd_kafka_purge(m_handle, RD_KAFKA_PURGE_F_QUEUE);
            m_summary.cancelled = true;
            purged = true;
        }
        flushResults(false);
    }
    if (m_inFlight > 0) {
        // librdkafka gives every record an answer within message.timeout.ms; this is only a backstop.
        rd_kafka_purge(m_handle, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
        rd_kafka_poll(m_handle, 100);
    }
    flushResults(true);
    Q_EMIT finished(m_summary);
}

bool MessageProducerWorker::send(const ProduceRecord& record, qsizetype index, int timeoutMs)
{
    const QByteArray topic = record.topic.toUtf8();
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        rd_kafka_headers_t* headers = nullptr;
        if (!record.headers.isEmpty()) {
            headers = rd_kafka_headers_new(size_t(record.headers.size()));
            for (const RecordHeader& header : record.headers) {
                rd_kafka_header_add(headers, header.key.constData(), header.key.size(), bytesOrNull(header.value),
                    header.value ? header.value->size() : 0);
            }
        }
        // rd_kafka_produceva rather than the RD_KAFKA_V_* macros, whose casts the strict warnings reject.
        rd_kafka_vu_t fields[8];
        fields[0].vtype = RD_KAFKA_VTYPE_TOPIC;
        fields[0].u.cstr = topic.constData();
        fields[1].vtype = RD_KAFKA_VTYPE_PARTITION;
        fields[1].u.i32 = record.partition < 0 ? RD_KAFKA_PARTITION_UA : record.partition;
        fields[2].vtype = RD_KAFKA_VTYPE_KEY;
        fields[2].u.mem.ptr = const_cast<char*>(bytesOrNull(record.key));
        fields[2].u.mem.size = record.key ? size_t(record.key->size()) : 0;
        fields[3].vtype = RD_KAFKA_VTYPE_VALUE;
        fields[3].u.mem.ptr = const_cast<char*>(bytesOrNull(record.value));
        fields[3].u.mem.size = record.value ? size_t(record.value->size()) : 0;
        fields[4].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
        fields[4].u.i = RD_KAFKA_MSG_F_COPY;
        fields[5].vtype = RD_KAFKA_VTYPE_TIMESTAMP;
        fields[5].u.i64 = record.timestampMs.value_or(0);
        fields[6].vtype = RD_KAFKA_VTYPE_OPAQUE;
        fields[6].u.ptr = reinterpret_cast<void*>(index);
        size_t fieldCount = 7;
        if (headers) {
            fields[7].vtype = RD_KAFKA_VTYPE_HEADERS;
            fields[7].u.headers = headers;
            fieldCount = 8;
        }
        rd_kafka_error_t* produceError = rd_kafka_produceva(m_handle, fields, fieldCount);
        const rd_kafka_resp_err_t failure
            = produceError ? rd_kafka_error_code(produceError) : RD_KAFKA_RESP_ERR_NO_ERROR;
        if (produceError)
            rd_kafka_error_destroy(produceError);
        if (!failure) {
            ++m_inFlight;
            return true;
        }
        if (headers)
            rd_kafka_headers_destroy(headers); // only taken over on success
        if (failure == RD_KAFKA_RESP_ERR__QUEUE_FULL && !cancelled() && waited.elapsed() < timeoutMs) {
            rd_kafka_poll(m_handle, 50); // deliveries make room
            flushResults(false);
            continue;
        }
        addResult({ index, record.partition, -1, errorText(failure) });
        return false;
    }
}

void MessageProducerWorker::reportConnection(bool lost)
{
    if (lost == m_reportedLost)
        return;
    m_reportedLost = lost;
    Q_EMIT connectionChanged(lost, lost ? m_lastReason : QString());
}

void MessageProducerWorker::onError(rd_kafka_t* /*handle*/, int error, const char* reason, void* opaque)
{
    // Served by rd_kafka_poll on the worker's thread, like the delivery reports.
    auto* worker = static_cast<MessageProducerWorker*>(opaque);
    if (error == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN)
        worker->m_allBrokersDown = true;
    if (error == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN && !worker->m_lastReason.isEmpty())
        return; // the connect error before it says more than "1/1 brokers are down"
    worker->m_lastReason = QString::fromUtf8(reason);
}

void MessageProducerWorker::onDelivery(rd_kafka_t* /*handle*/, const rd_kafka_message_t* message, void* opaque)
{
    auto* worker = static_cast<MessageProducerWorker*>(opaque);
    --worker->m_inFlight;
    ProduceResult result;
    result.index = reinterpret_cast<qsizetype>(message->_private);
    result.partition = int(message->partition);
    if (message->err == RD_KAFKA_RESP_ERR__PURGE_QUEUE) {
        result.error = QStringLiteral("Cancelled before it was sent.");
        --worker->m_summary.failed; // counted as not sent instead
        ++worker->m_summary.notSent;
    } else if (message->err) {
        result.error = errorText(message->err);
        if ((message->err == RD_KAFKA_RESP_ERR__MSG_TIMED_OUT || message->err == RD_KAFKA_RESP_ERR__TRANSPORT)
            && !worker->m_lastReason.isEmpty())
            result.error += QStringLiteral(" (%1)").arg(worker->m_lastReason);
    } else {
        result.offset = message->offset;
        worker->m_allBrokersDown = false; // a broker answered
    }
    worker->addResult(result);
}

void MessageProducerWorker::addResult(const ProduceResult& result)
{
    if (result.ok())
        ++m_summary.delivered;
    else
        ++m_summary.failed;
    ++m_answered;
    m_pending.append(result);
}

void MessageProducerWorker::flushResults(bool force)
{
    const qint64 now = m_clock.elapsed();
    if (!force && now - m_lastFlushMs < resultIntervalMs)
        return;
    m_lastFlushMs = now;
    if (!m_pending.isEmpty()) {
        Q_EMIT resultsReady(m_pending);
        m_pending.clear();
    }
    Q_EMIT progress(m_answered, m_total);
}

} // namespace Samsa
