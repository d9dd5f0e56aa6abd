#include "recordconsumer.h"

#include "bytearena.h"

#include "kafka/kafkalog.h"
#include "kafka/rdkafkaadminrequest.h"

#include <QElapsedTimer>
#include <QUuid>
#include <algorithm>
#include <cstring>
#include <librdkafka/rdkafka.h>

namespace Samsa {

namespace {

void logCallback(const rd_kafka_t* /*handle*/, int level, const char* facility, const char* line)
{
    if (level <= 4)
        qCInfo(lcKafka, "librdkafka reader %s: %s", facility, line);
    else
        qCDebug(lcKafka, "librdkafka reader %s: %s", facility, line);
}

QString errorText(rd_kafka_resp_err_t error)
{
    return QString::fromUtf8(rd_kafka_err2str(error));
}

bool setProperty(rd_kafka_conf_t* conf, const QString& key, const QString& value, QString* error)
{
    char errorBuffer[512];
    if (rd_kafka_conf_set(conf, key.toUtf8().constData(), value.toUtf8().constData(), errorBuffer, sizeof errorBuffer)
        == RD_KAFKA_CONF_OK)
        return true;
    // The value is never shown: it may be a secret.
    *error = QStringLiteral("Configuration property '%1': %2").arg(key, QString::fromUtf8(errorBuffer));
    return false;
}

rd_kafka_topic_partition_list_t* partitionList(const QByteArray& topic, const QList<int>& partitions, qint64 offset)
{
    rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(int(partitions.size()));
    for (int partition : partitions)
        rd_kafka_topic_partition_list_add(list, topic.constData(), partition)->offset = offset;
    return list;
}

TimestampType timestampTypeOf(rd_kafka_timestamp_type_t type)
{
    switch (type) {
    case RD_KAFKA_TIMESTAMP_CREATE_TIME:
        return TimestampType::CreateTime;
    case RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME:
        return TimestampType::LogAppendTime;
    case RD_KAFKA_TIMESTAMP_NOT_AVAILABLE:
        break;
    }
    return TimestampType::NotAvailable;
}

// Calls visit(name, value, size) for each header of the message (value null for a null value).
template<typename Visit>
void forEachHeader(rd_kafka_message_t* message, Visit visit)
{
    rd_kafka_headers_t* headers = nullptr;
    if (rd_kafka_message_headers(message, &headers) != RD_KAFKA_RESP_ERR_NO_ERROR || !headers)
        return;
    const char* name = nullptr;
    const void* value = nullptr;
    size_t size = 0;
    for (size_t index = 0; rd_kafka_header_get_all(headers, index, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR;
         ++index)
        visit(name, static_cast<const char*>(value), qsizetype(size));
}

// Bytes the message's key, value and headers take in a ByteArena.
qsizetype arenaBytes(rd_kafka_message_t* message)
{
    qsizetype bytes = ByteArena::footprint(qsizetype(message->key_len)) + ByteArena::footprint(qsizetype(message->len));
    forEachHeader(message, [&bytes](const char* name, const char*, qsizetype size) {
        bytes += ByteArena::footprint(qsizetype(std::strlen(name))) + ByteArena::footprint(size);
    });
    return bytes;
}

// librdkafka keeps null and empty apart: a null key or value has a null pointer.
KafkaRecord toRecord(rd_kafka_message_t* message, ByteArena& arena)
{
    KafkaRecord record;
    record.partition = int(message->partition);
    record.offset = message->offset;
    rd_kafka_timestamp_type_t type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
    record.timestampMs = rd_kafka_message_timestamp(message, &type);
    record.timestampType = timestampTypeOf(type);
    if (message->key)
        record.key = arena.copy(static_cast<const char*>(message->key), qsizetype(message->key_len));
    if (message->payload)
        record.value = arena.copy(static_cast<const char*>(message->payload), qsizetype(message->len));
    forEachHeader(message, [&](const char* name, const char* value, qsizetype size) {
        RecordHeader header;
        header.key = arena.copy(name, qsizetype(std::strlen(name)));
        if (value)
            header.value = arena.copy(value, size);
        record.headers.append(std::move(header));
    });
    return record;
}

} // namespace

RecordConsumer::~RecordConsumer()
{
    if (m_queue)
        rd_kafka_queue_destroy(m_queue);
    // Nothing to commit and no group to leave: skip the consumer close, which would otherwise
    // wait for a coordinator that may be gone.
    if (m_handle)
        rd_kafka_destroy_flags(m_handle, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
}

std::unique_ptr<RecordConsumer> RecordConsumer::create(const QList<QPair<QString, QString>>& properties, QString* error)
{
    std::unique_ptr<RecordConsumer> consumer(new RecordConsumer);
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    const QList<QPair<QString, QString>> defaults = {
        { QStringLiteral("log_level"), QStringLiteral("4") },
        { QStringLiteral("client.id"), QStringLiteral("samsa-reader") },
        { QStringLiteral("queued.min.messages"), QStringLiteral("1000000") },
    };
    // librdkafka's high-level consumer needs a group.id even for assign(); a private one means
    // that nothing this handle could ever store or commit lands in a real group.
    const QList<QPair<QString, QString>> required = {
        { QStringLiteral("group.id"),
            QStringLiteral("samsa-reader-") + QUuid::createUuid().toString(QUuid::WithoutBraces) },
        { QStringLiteral("enable.auto.commit"), QStringLiteral("false") },
        { QStringLiteral("enable.auto.offset.store"), QStringLiteral("false") },
        { QStringLiteral("enable.partition.eof"), QStringLiteral("true") },
        { QStringLiteral("auto.offset.reset"), QStringLiteral("earliest") },
        { QStringLiteral("allow.auto.create.topics"), QStringLiteral("false") },
    };
    for (const auto& list : { defaults, properties, required }) {
        for (const auto& [key, value] : list) {
            if (!setProperty(conf, key, value, error)) {
                rd_kafka_conf_destroy(conf);
                return nullptr;
            }
        }
    }
    rd_kafka_conf_set_log_cb(conf, logCallback);
    rd_kafka_conf_set_error_cb(conf, &RecordConsumer::errorCallback);
    rd_kafka_conf_set_opaque(conf, consumer.get());
    char errorBuffer[512];
    consumer->m_handle = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errorBuffer, sizeof errorBuffer);
    if (!consumer->m_handle) {
        rd_kafka_conf_destroy(conf); // only taken over on success
        *error = QString::fromUtf8(errorBuffer);
        return nullptr;
    }
    // Errors and callbacks are then served by the same poll that returns the records.
    rd_kafka_poll_set_consumer(consumer->m_handle);
    consumer->m_queue = rd_kafka_queue_get_consumer(consumer->m_handle);
    return consumer;
}

void RecordConsumer::errorCallback(rd_kafka_t* /*handle*/, int error, const char* reason, void* opaque)
{
    auto* consumer = static_cast<RecordConsumer*>(opaque);
    if (error == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) {
        consumer->m_allBrokersDown = true;
        if (!consumer->m_lastReason.isEmpty())
            return; // the connect error before it says more than "1/1 brokers are down"
    }
    consumer->m_lastReason = QString::fromUtf8(reason);
    qCInfo(lcKafka, "librdkafka reader error %s: %s", rd_kafka_err2name(rd_kafka_resp_err_t(error)), reason);
}

QString RecordConsumer::lastTransportError() const
{
    return m_lastReason;
}

RecordConsumer::TopicLayout RecordConsumer::topicLayout(
    const QString& topic, int timeoutMs, const CancelCheck& isCancelled)
{
    TopicLayout layout;
    const QByteArray name = topic.toUtf8();
    rd_kafka_topic_t* handle = rd_kafka_topic_new(m_handle, name.constData(), nullptr);
    if (!handle) {
        layout.error = errorText(rd_kafka_last_error());
        return layout;
    }
    QElapsedTimer timer;
    timer.start();
    const rd_kafka_metadata_t* metadata = nullptr;
    rd_kafka_resp_err_t error = RD_KAFKA_RESP_ERR__TIMED_OUT;
    for (;;) {
        const int remaining = timeoutMs - int(timer.elapsed());
        if (remaining <= 0)
            break;
        // Short steps while no broker answers, so that a stop is noticed soon.
        error = rd_kafka_metadata(m_handle, 0, handle, &metadata, std::min(remaining, 250));
        rd_kafka_poll(m_handle, 0);
        if (!error)
            break;
        if (isCancelled && isCancelled()) {
            layout.cancelled = true;
            break;
        }
        if (error != RD_KAFKA_RESP_ERR__TRANSPORT && error != RD_KAFKA_RESP_ERR__TIMED_OUT)
            break;
    }
    rd_kafka_topic_destroy(handle);
    if (layout.cancelled)
        return layout;
    if (error || !metadata) {
        layout.error = QStringLiteral("Could not read the metadata of topic '%1': %2")
                           .arg(topic, m_lastReason.isEmpty() ? errorText(error) : m_lastReason);
        return layout;
    }
    for (int t = 0; t < metadata->topic_cnt; ++t) {
        const rd_kafka_metadata_topic_t& info = metadata->topics[t];
        if (QString::fromUtf8(info.topic) != topic)
            continue;
        if (info.err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART || (info.err == 0 && info.partition_cnt == 0)) {
            layout.error = QStringLiteral("Topic '%1' does not exist.").arg(topic);
        } else if (info.err) {
            layout.error = QStringLiteral("Topic '%1': %2").arg(topic, errorText(info.err));
        } else {
            for (int p = 0; p < info.partition_cnt; ++p) {
                layout.partitions.append(int(info.partitions[p].id));
                if (info.partitions[p].leader < 0)
                    layout.offline.append(int(info.partitions[p].id));
            }
            std::sort(layout.partitions.begin(), layout.partitions.end());
            std::sort(layout.offline.begin(), layout.offline.end());
            layout.ok = true;
        }
    }
    if (!layout.ok && layout.error.isEmpty())
        layout.error = QStringLiteral("Topic '%1' does not exist.").arg(topic);
    rd_kafka_metadata_destroy(metadata);
    return layout;
}

bool RecordConsumer::watermarks(const QString& topic, const QList<int>& partitions, int timeoutMs,
    QList<PartitionWatermarks>* result, QString* error)
{
    const QByteArray name = topic.toUtf8();
    rd_kafka_topic_partition_list_t* low = partitionList(name, partitions, RD_KAFKA_OFFSET_BEGINNING);
    rd_kafka_topic_partition_list_t* high = partitionList(name, partitions, RD_KAFKA_OFFSET_END);
    // offsets_for_times with the logical timestamps -2/-1 asks ListOffsets for earliest/latest,
    // batched per leader (query_watermark_offsets would be one round trip per partition).
    rd_kafka_resp_err_t failure = rd_kafka_offsets_for_times(m_handle, low, timeoutMs);
    if (!failure)
        failure = rd_kafka_offsets_for_times(m_handle, high, timeoutMs);
    for (int index = 0; !failure && index < low->cnt; ++index) {
        const rd_kafka_topic_partition_t& first = low->elems[index];
        const rd_kafka_topic_partition_t& last = high->elems[index];
        if (first.err || last.err) {
            *error = QStringLiteral("Partition %1 of '%2' did not give its offsets: %3")
                         .arg(first.partition)
                         .arg(topic, errorText(first.err ? first.err : last.err));
            break;
        }
        result->append({ int(first.partition), std::max<qint64>(first.offset, 0), std::max<qint64>(last.offset, 0) });
    }
    rd_kafka_topic_partition_list_destroy(low);
    rd_kafka_topic_partition_list_destroy(high);
    if (failure) {
        *error = QStringLiteral("Could not read the offsets of '%1': %2")
                     .arg(topic,
                         failure == RD_KAFKA_RESP_ERR__TIMED_OUT && !m_lastReason.isEmpty() ? m_lastReason
                                                                                            : errorText(failure));
    }
    return error->isEmpty();
}

bool RecordConsumer::offsetsForTime(const QString& topic, const QList<int>& partitions, qint64 timestampMs,
    int timeoutMs, QHash<int, qint64>* result, QString* error)
{
    rd_kafka_topic_partition_list_t* list = partitionList(topic.toUtf8(), partitions, timestampMs);
    const rd_kafka_resp_err_t failure = rd_kafka_offsets_for_times(m_handle, list, timeoutMs);
    for (int index = 0; !failure && index < list->cnt; ++index) {
        const rd_kafka_topic_partition_t& entry = list->elems[index];
        if (entry.err) {
            *error = QStringLiteral("Partition %1 of '%2' did not answer the time lookup: %3")
                         .arg(entry.partition)
                         .arg(topic, errorText(entry.err));
            break;
        }
        result->insert(int(entry.partition), entry.offset); // -1: no record at or after the time
    }
    rd_kafka_topic_partition_list_destroy(list);
    if (failure)
        *error = QStringLiteral("Could not look up offsets by time in '%1': %2").arg(topic, errorText(failure));
    return error->isEmpty();
}

bool RecordConsumer::committedOffsets(const QString& groupId, const QString& topic, const QList<int>& partitions,
    int timeoutMs, const CancelCheck& isCancelled, QHash<int, qint64>* result, QString* error)
{
    const QByteArray group = groupId.toUtf8();
    rd_kafka_topic_partition_list_t* wanted = partitionList(topic.toUtf8(), partitions, RD_KAFKA_OFFSET_INVALID);
    AdminRequest request(m_handle, RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS, timeoutMs);
    rd_kafka_ListConsumerGroupOffsets_t* offsetsRequest
        = rd_kafka_ListConsumerGroupOffsets_new(group.constData(), wanted);
    rd_kafka_topic_partition_list_destroy(wanted);
    rd_kafka_ListConsumerGroupOffsets(m_handle, &offsetsRequest, 1, request.options(), request.queue());
    rd_kafka_ListConsumerGroupOffsets_destroy(offsetsRequest);
    QElapsedTimer timer;
    timer.start();
    rd_kafka_event_t* event = request.next(isCancelled, timer);
    if (!event) {
        *error = QStringLiteral("The cluster did not give the committed offsets of group \"%1\" in time.").arg(groupId);
        return false;
    }
    if (rd_kafka_event_error(event)) {
        *error = QStringLiteral("Committed offsets of group \"%1\": %2")
                     .arg(groupId, QString::fromUtf8(rd_kafka_event_error_string(event)));
    } else {
        size_t count = 0;
        const rd_kafka_group_result_t** groups = rd_kafka_ListConsumerGroupOffsets_result_groups(
            rd_kafka_event_ListConsumerGroupOffsets_result(event), &count);
        for (size_t g = 0; g < count; ++g) {
            if (const rd_kafka_error_t* groupError = rd_kafka_group_result_error(groups[g])) {
                *error = QStringLiteral("Committed offsets of group \"%1\": %2")
                             .arg(groupId, QString::fromUtf8(rd_kafka_error_string(groupError)));
                continue;
            }
            const rd_kafka_topic_partition_list_t* list = rd_kafka_group_result_partitions(groups[g]);
            for (int p = 0; list && p < list->cnt; ++p) {
                const rd_kafka_topic_partition_t& entry = list->elems[p];
                if (!entry.err && QString::fromUtf8(entry.topic) == topic)
                    result->insert(int(entry.partition), entry.offset >= 0 ? entry.offset : -1);
            }
        }
    }
    rd_kafka_event_destroy(event);
    return error->isEmpty();
}

bool RecordConsumer::assign(const QString& topic, const QList<PartitionProgress>& partitions, QString* error)
{
    const QByteArray name = topic.toUtf8();
    rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(int(partitions.size()));
    for (const PartitionProgress& partition : partitions)
        rd_kafka_topic_partition_list_add(list, name.constData(), partition.partition)->offset = partition.position;
    const rd_kafka_resp_err_t failure = rd_kafka_assign(m_handle, list);
    rd_kafka_topic_partition_list_destroy(list);
    if (failure)
        *error = QStringLiteral("Could not assign the partitions of '%1': %2").arg(topic, errorText(failure));
    return !failure;
}

void RecordConsumer::pause(const QString& topic, int partition)
{
    rd_kafka_topic_partition_list_t* list = partitionList(topic.toUtf8(), { partition }, RD_KAFKA_OFFSET_INVALID);
    rd_kafka_pause_partitions(m_handle, list);
    rd_kafka_topic_partition_list_destroy(list);
}

void RecordConsumer::poll(int timeoutMs, int maxRecords, Batch* batch)
{
    constexpr int arraySize = 1000;
    rd_kafka_message_t* messages[arraySize];
    const ssize_t count
        = rd_kafka_consume_batch_queue(m_queue, timeoutMs, messages, size_t(std::clamp(maxRecords, 1, arraySize)));
    qsizetype bytes = 0;
    qsizetype records = 0;
    for (ssize_t index = 0; index < count; ++index) {
        if (!messages[index]->err) {
            bytes += arenaBytes(messages[index]);
            ++records;
        }
    }
    ByteArena arena(bytes);
    batch->records.reserve(batch->records.size() + records);
    for (ssize_t index = 0; index < count; ++index) {
        rd_kafka_message_t* message = messages[index];
        if (!message->err) {
            m_allBrokersDown = false; // records arrive: a broker serves us again
            batch->records.append(toRecord(message, arena));
        } else if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            batch->endsReached.append({ int(message->partition), message->offset });
        } else if (message->err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART
            || message->err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC
            || message->err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED
            || message->err == RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION) {
            if (batch->error.isEmpty()) {
                batch->error = message->rkt
                    ? QStringLiteral("Reading partition %1 of '%2' failed: %3")
                          .arg(message->partition)
                          .arg(QString::fromUtf8(rd_kafka_topic_name(message->rkt)), errorText(message->err))
                    : errorText(message->err);
            }
        } else {
            // Transient (a leader moving, a connection dropping): librdkafka retries by itself.
            qCInfo(lcKafka, "reader: %s", rd_kafka_message_errstr(message));
        }
        rd_kafka_message_destroy(message);
    }
}

bool RecordConsumer::reachable(const QString& topic, int timeoutMs)
{
    const QByteArray name = topic.toUtf8();
    rd_kafka_topic_t* handle = rd_kafka_topic_new(m_handle, name.constData(), nullptr);
    const rd_kafka_metadata_t* metadata = nullptr;
    const rd_kafka_resp_err_t error = rd_kafka_metadata(m_handle, 0, handle, &metadata, timeoutMs);
    if (metadata)
        rd_kafka_metadata_destroy(metadata);
    if (handle)
        rd_kafka_topic_destroy(handle);
    if (!error)
        m_allBrokersDown = false;
    return !error;
}

qint64 RecordConsumer::cachedHighWatermark(const QString& topic, int partition) const
{
    int64_t low = -1;
    int64_t high = -1;
    if (rd_kafka_get_watermark_offsets(m_handle, topic.toUtf8().constData(), partition, &low, &high))
        return -1;
    return high;
}

} // namespace Samsa
