#include "recordtimestamps.h"

#include "kafka/kafkalog.h"

#include <QElapsedTimer>
#include <librdkafka/rdkafka.h>

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
        m_handle = rd_kafka_new(RD_KAFKA_CONSUMER, conf, error, sizeof error);
        if (!m_handle) {
            rd_kafka_conf_destroy(conf);
            qCInfo(lcKafka, "metrics: no reader for record timestamps: %s", error);
            return found;
        }
    }
    QElapsedTimer timer;
    timer.start();
    for (const RecordToTime& record : records) {
        const int remaining = budgetMs - int(timer.elapsed());
        if (remaining <= 0)
            break;
        rd_kafka_topic_t* topic = rd_kafka_topic_new(m_handle, record.topic.toUtf8().constData(), nullptr);
        if (!topic)
            continue;
        if (rd_kafka_consume_start(topic, record.partition, record.offset) == 0) {
            // A compacted or deleted offset gives the next record: its time is then the best there is.
            if (rd_kafka_message_t* message = rd_kafka_consume(topic, record.partition, remaining)) {
                if (!message->err) {
                    const qint64 timestamp = rd_kafka_message_timestamp(message, nullptr);
                    if (timestamp >= 0)
                        found.append({ record, timestamp });
                }
                rd_kafka_message_destroy(message);
            }
            rd_kafka_consume_stop(topic, record.partition);
        }
        rd_kafka_topic_destroy(topic);
    }
    return found;
}

} // namespace Samsa
