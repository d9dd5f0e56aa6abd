#include "rdkafkaclient.h"

#include <QCoreApplication>
#include <QDeadlineTimer>

namespace Samsa::Test {

namespace {

rd_kafka_conf_t* makeConfig(const QString& bootstrap, const KafkaConfig& config, QString* error)
{
    char errstr[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    KafkaConfig all { { "bootstrap.servers", bootstrap.toUtf8() }, { "log_level", "3" } };
    for (auto it = config.cbegin(); it != config.cend(); ++it)
        all.insert(it.key(), it.value());
    for (auto it = all.cbegin(); it != all.cend(); ++it) {
        if (rd_kafka_conf_set(conf, it.key().constData(), it.value().constData(), errstr, sizeof errstr)
            != RD_KAFKA_CONF_OK) {
            *error = QString::fromUtf8(errstr);
            rd_kafka_conf_destroy(conf);
            return nullptr;
        }
    }
    return conf;
}

KafkaMessage fromRdKafka(const rd_kafka_message_t* message)
{
    KafkaMessage result;
    result.partition = message->partition;
    result.offset = message->offset;
    result.error = message->err;
    if (message->key)
        result.key = QByteArray(static_cast<const char*>(message->key), qsizetype(message->key_len));
    if (message->payload)
        result.value = QByteArray(static_cast<const char*>(message->payload), qsizetype(message->len));
    rd_kafka_timestamp_type_t type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
    result.timestamp = rd_kafka_message_timestamp(message, &type);
    rd_kafka_headers_t* headers = nullptr;
    // rd_kafka_message_headers takes a non-const message but only parses it.
    if (rd_kafka_message_headers(const_cast<rd_kafka_message_t*>(message), &headers) == RD_KAFKA_RESP_ERR_NO_ERROR) {
        const char* name = nullptr;
        const void* value = nullptr;
        size_t size = 0;
        for (size_t i = 0; rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i)
            result.headers.append({ QByteArray(name), QByteArray(static_cast<const char*>(value), qsizetype(size)) });
    }
    return result;
}

} // namespace

QString errorText(rd_kafka_resp_err_t error)
{
    return QStringLiteral("%1 (%2)").arg(QString::fromUtf8(rd_kafka_err2name(error)), QString::fromUtf8(rd_kafka_err2str(error)));
}

RdKafkaProducer::RdKafkaProducer(const QString& bootstrap, const KafkaConfig& config)
{
    rd_kafka_conf_t* conf = makeConfig(bootstrap, config, &m_error);
    if (!conf)
        return;
    rd_kafka_conf_set_dr_msg_cb(conf, &RdKafkaProducer::onDelivery);
    rd_kafka_conf_set_opaque(conf, this);
    char errstr[512];
    m_handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!m_handle)
        m_error = QString::fromUtf8(errstr);
}

RdKafkaProducer::~RdKafkaProducer()
{
    if (m_handle) {
        // Anything still queued is dropped: a test that cares has flushed.
        rd_kafka_purge(m_handle, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
        rd_kafka_poll(m_handle, 0);
        rd_kafka_destroy(m_handle);
    }
}

void RdKafkaProducer::onDelivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque)
{
    static_cast<RdKafkaProducer*>(opaque)->m_deliveries.append(fromRdKafka(message));
}

bool RdKafkaProducer::produce(const QByteArray& topic, int partition, const QByteArray& key, const QByteArray& value,
                              const Headers& headers, qint64 timestamp)
{
    rd_kafka_headers_t* hdrs = rd_kafka_headers_new(size_t(headers.size()));
    for (const auto& [name, headerValue] : headers)
        rd_kafka_header_add(hdrs, name.constData(), name.size(), headerValue.constData(), headerValue.size());
    QDeadlineTimer deadline(30000);
    // rd_kafka_produceva instead of the RD_KAFKA_V_* macros, which expand to C casts.
    rd_kafka_vu_t fields[7] = {};
    fields[0].vtype = RD_KAFKA_VTYPE_TOPIC;
    fields[0].u.cstr = topic.constData();
    fields[1].vtype = RD_KAFKA_VTYPE_PARTITION;
    fields[1].u.i32 = partition < 0 ? RD_KAFKA_PARTITION_UA : partition;
    fields[2].vtype = RD_KAFKA_VTYPE_KEY;
    fields[2].u.mem = { key.isNull() ? nullptr : const_cast<char*>(key.constData()), size_t(key.size()) };
    fields[3].vtype = RD_KAFKA_VTYPE_VALUE;
    fields[3].u.mem = { const_cast<char*>(value.constData()), size_t(value.size()) };
    fields[4].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
    fields[4].u.i = RD_KAFKA_MSG_F_COPY;
    fields[5].vtype = RD_KAFKA_VTYPE_TIMESTAMP;
    fields[5].u.i64 = timestamp;
    fields[6].vtype = RD_KAFKA_VTYPE_HEADERS;
    fields[6].u.headers = hdrs;
    for (;;) {
        rd_kafka_error_t* produceError = rd_kafka_produceva(m_handle, fields, 7);
        const rd_kafka_resp_err_t err = produceError ? rd_kafka_error_code(produceError) : RD_KAFKA_RESP_ERR_NO_ERROR;
        if (produceError)
            rd_kafka_error_destroy(produceError);
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            ++m_queued; // the headers now belong to the message
            return true;
        }
        if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL || deadline.hasExpired()) {
            rd_kafka_headers_destroy(hdrs);
            m_error = QStringLiteral("produce to %1: %2").arg(QString::fromUtf8(topic), errorText(err));
            return false;
        }
        rd_kafka_poll(m_handle, 5);
        QCoreApplication::processEvents();
    }
}

bool RdKafkaProducer::flush(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_deliveries.size() < m_queued) {
        if (deadline.hasExpired()) {
            m_error = QStringLiteral("%1 of %2 messages without a delivery report after %3 ms")
                          .arg(m_queued - m_deliveries.size())
                          .arg(m_queued)
                          .arg(timeoutMs);
            return false;
        }
        rd_kafka_poll(m_handle, 5);
        QCoreApplication::processEvents();
    }
    return true;
}

QString RdKafkaProducer::deliveryErrors() const
{
    QStringList errors;
    for (const KafkaMessage& message : m_deliveries) {
        if (message.error != RD_KAFKA_RESP_ERR_NO_ERROR && errors.size() < 5)
            errors.append(QStringLiteral("%1: %2").arg(QString::fromUtf8(message.value.left(40)), errorText(message.error)));
    }
    return errors.join(QStringLiteral("; "));
}

rd_kafka_resp_err_t RdKafkaProducer::fatalError(QString* reason) const
{
    char errstr[512] = {};
    const rd_kafka_resp_err_t err = rd_kafka_fatal_error(m_handle, errstr, sizeof errstr);
    if (reason)
        *reason = QString::fromUtf8(errstr);
    return err;
}

RdKafkaReader::RdKafkaReader(const QString& bootstrap, const KafkaConfig& config)
{
    KafkaConfig all { { "enable.partition.eof", "true" }, { "enable.auto.commit", "false" },
                      { "enable.auto.offset.store", "false" }, { "fetch.wait.max.ms", "100" } };
    for (auto it = config.cbegin(); it != config.cend(); ++it)
        all.insert(it.key(), it.value());
    rd_kafka_conf_t* conf = makeConfig(bootstrap, all, &m_error);
    if (!conf)
        return;
    char errstr[512];
    m_handle = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
    if (!m_handle)
        m_error = QString::fromUtf8(errstr);
}

RdKafkaReader::~RdKafkaReader()
{
    if (m_handle)
        rd_kafka_destroy(m_handle);
}

bool RdKafkaReader::readToEnd(const QByteArray& topic, int partition, qint64 offset, QList<KafkaMessage>* messages,
                              int timeoutMs)
{
    rd_kafka_topic_conf_t* topicConf = rd_kafka_topic_conf_new();
    char errstr[512];
    rd_kafka_topic_conf_set(topicConf, "auto.commit.enable", "false", errstr, sizeof errstr);
    rd_kafka_topic_t* handle = rd_kafka_topic_new(m_handle, topic.constData(), topicConf);
    if (rd_kafka_consume_start(handle, partition, offset) == -1) {
        m_error = QStringLiteral("consume_start: %1").arg(errorText(rd_kafka_last_error()));
        rd_kafka_topic_destroy(handle);
        return false;
    }
    bool ok = false;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        rd_kafka_message_t* message = rd_kafka_consume(handle, partition, 50);
        QCoreApplication::processEvents();
        if (!message)
            continue;
        const rd_kafka_resp_err_t err = message->err;
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR)
            messages->append(fromRdKafka(message));
        rd_kafka_message_destroy(message);
        if (err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            ok = true;
            break;
        }
        if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            m_error = QStringLiteral("reading %1/%2: %3").arg(QString::fromUtf8(topic)).arg(partition).arg(errorText(err));
            break;
        }
    }
    if (!ok && m_error.isEmpty())
        m_error = QStringLiteral("reading %1/%2: no end of partition within %3 ms, %4 messages read")
                      .arg(QString::fromUtf8(topic))
                      .arg(partition)
                      .arg(timeoutMs)
                      .arg(messages->size());
    rd_kafka_consume_stop(handle, partition);
    rd_kafka_topic_destroy(handle);
    return ok;
}

bool RdKafkaReader::watermarks(const QByteArray& topic, int partition, qint64* low, qint64* high, int timeoutMs)
{
    int64_t lowValue = -1;
    int64_t highValue = -1;
    const rd_kafka_resp_err_t err
        = rd_kafka_query_watermark_offsets(m_handle, topic.constData(), partition, &lowValue, &highValue, timeoutMs);
    if (err) {
        m_error = QStringLiteral("watermarks of %1/%2: %3").arg(QString::fromUtf8(topic)).arg(partition).arg(errorText(err));
        return false;
    }
    *low = lowValue;
    *high = highValue;
    return true;
}

QMap<QByteArray, int> fetchTopics(rd_kafka_t* handle, QString* error, int timeoutMs)
{
    QMap<QByteArray, int> topics;
    const rd_kafka_metadata_t* metadata = nullptr;
    const rd_kafka_resp_err_t err = rd_kafka_metadata(handle, 1, nullptr, &metadata, timeoutMs);
    if (err) {
        *error = QStringLiteral("metadata: %1").arg(errorText(err));
        return topics;
    }
    for (int i = 0; i < metadata->topic_cnt; ++i) {
        if (metadata->topics[i].err == RD_KAFKA_RESP_ERR_NO_ERROR)
            topics.insert(QByteArray(metadata->topics[i].topic), metadata->topics[i].partition_cnt);
    }
    rd_kafka_metadata_destroy(metadata);
    return topics;
}

rd_kafka_event_t* waitForEvent(rd_kafka_queue_t* queue, rd_kafka_event_type_t type, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        rd_kafka_event_t* event = rd_kafka_queue_poll(queue, 10);
        QCoreApplication::processEvents();
        if (!event)
            continue;
        if (rd_kafka_event_type(event) == type)
            return event;
        rd_kafka_event_destroy(event);
    }
    return nullptr;
}

} // namespace Samsa::Test
