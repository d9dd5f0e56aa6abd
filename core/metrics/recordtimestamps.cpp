#include "recordtimestamps.h"

#include "kafka/kafkalog.h"

#include <QElapsedTimer>
#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <vector>

namespace Samsa {

RecordTimestamps::RecordTimestamps(const QList<QPair<QString, QString>>& properties)
    : m_properties(properties)
{
}

RecordTimestamps::~RecordTimestamps()
{
    if (m_handle)
        rd_kafka_destroy(m_handle);
}

QList<RecordTimestamps::Found> RecordTimestamps::read(const QList<RecordToTime>& records, int budgetMs)
{
    QList<Found> found;
    if (records.isEmpty())
        return found;
    if (!m_handle) {
        rd_kafka_conf_t* conf = rd_kafka_conf_new();
        char error[512];
        for (const auto& [key, value] : m_properties)
            rd_kafka_conf_set(conf, key.toUtf8().constData(), value.toUtf8().constData(), error, sizeof error);
        rd_kafka_conf_set(conf, "enable.auto.commit", "false", error, sizeof error);
        rd_kafka_conf_set(conf, "enable.partition.eof", "false", error, sizeof error);
        rd_kafka_conf_set(conf, "log_level", "3", error, sizeof error);
        // One record per partition is wanted: small fetches, nothing queued ahead.
        rd_kafka_conf_set(conf, "fetch.message.max.bytes", "16384", error, sizeof error);
        rd_kafka_conf_set(conf, "queued.min.messages", "1", error, sizeof error);
        rd_kafka_conf_set(conf, "fetch.wait.max.ms", "50", error, sizeof error);
        m_handle = rd_kafka_new(RD_KAFKA_CONSUMER, conf, error, sizeof error);
        if (!m_handle) {
            rd_kafka_conf_destroy(conf);
            qCInfo(lcKafka, "metrics: no reader for record timestamps: %s", error);
            return found;
        }
    }
    // All records at once on one queue: librdkafka fetches them together, one request per broker,
    // instead of one fetch round trip per record.
    rd_kafka_queue_t* queue = rd_kafka_queue_new(m_handle);
    struct Started {
        rd_kafka_topic_t* topic = nullptr;
        RecordToTime record;
        bool done = false;
    };
    std::vector<Started> started;
    started.reserve(size_t(records.size()));
    for (const RecordToTime& record : records) {
        rd_kafka_topic_t* topic = rd_kafka_topic_new(m_handle, record.topic.toUtf8().constData(), nullptr);
        if (!topic)
            continue;
        if (rd_kafka_consume_start_queue(topic, record.partition, record.offset, queue) != 0) {
            rd_kafka_topic_destroy(topic);
            continue;
        }
        started.push_back({ topic, record, false });
    }
    QElapsedTimer timer;
    timer.start();
    size_t open = started.size();
    while (open > 0) {
        const int remaining = budgetMs - int(timer.elapsed());
        if (remaining <= 0)
            break;
        rd_kafka_message_t* message = rd_kafka_consume_queue(queue, std::min(remaining, 100));
        if (!message)
            continue;
        if (!message->err && message->rkt) {
            const QString topic = QString::fromUtf8(rd_kafka_topic_name(message->rkt));
            for (Started& entry : started) {
                // A compacted or deleted offset gives the next record: its time is then the best there is.
                if (entry.done || entry.record.partition != message->partition || entry.record.topic != topic
                    || message->offset < entry.record.offset) {
                    continue;
                }
                entry.done = true;
                --open;
                const qint64 timestamp = rd_kafka_message_timestamp(message, nullptr);
                if (timestamp >= 0)
                    found.append({ entry.record, timestamp });
                break;
            }
        }
        rd_kafka_message_destroy(message);
    }
    for (Started& entry : started) {
        rd_kafka_consume_stop(entry.topic, entry.record.partition);
        rd_kafka_topic_destroy(entry.topic);
    }
    rd_kafka_queue_destroy(queue);
    return found;
}

} // namespace Samsa
