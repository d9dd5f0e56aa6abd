#pragma once

// A librdkafka high-level (group) consumer for the group tests: subscribe, poll, assignment,
// commits, and an abrupt end without LeaveGroup (as a crashed or frozen consumer leaves things).

#include "rdkafkaclient.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QSet>

#include <functional>

namespace Samsa::Test {

class GroupConsumer {
public:
    GroupConsumer(const QString& bootstrap, const QByteArray& group, const KafkaConfig& extra = {})
    {
        char errstr[512];
        rd_kafka_conf_t* conf = rd_kafka_conf_new();
        KafkaConfig all { { "bootstrap.servers", bootstrap.toUtf8() }, { "group.id", group },
            { "auto.offset.reset", "earliest" }, { "session.timeout.ms", "6000" },
            { "heartbeat.interval.ms", "300" }, { "log_level", "3" } };
        for (auto it = extra.cbegin(); it != extra.cend(); ++it)
            all.insert(it.key(), it.value());
        for (auto it = all.cbegin(); it != all.cend(); ++it) {
            if (rd_kafka_conf_set(conf, it.key().constData(), it.value().constData(), errstr, sizeof errstr)
                != RD_KAFKA_CONF_OK) {
                m_error = QString::fromUtf8(errstr);
                rd_kafka_conf_destroy(conf);
                return;
            }
        }
        m_handle = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
        if (!m_handle) {
            m_error = QString::fromUtf8(errstr);
            return;
        }
        rd_kafka_poll_set_consumer(m_handle);
    }

    ~GroupConsumer()
    {
        if (!m_handle)
            return;
        rd_kafka_consumer_close(m_handle);
        rd_kafka_destroy(m_handle);
    }

    GroupConsumer(const GroupConsumer&) = delete;
    GroupConsumer& operator=(const GroupConsumer&) = delete;

    bool isValid() const { return m_handle != nullptr; }
    QString error() const { return m_error; }
    rd_kafka_t* handle() const { return m_handle; }

    bool subscribe(const QByteArray& topic)
    {
        rd_kafka_topic_partition_list_t* topics = rd_kafka_topic_partition_list_new(1);
        rd_kafka_topic_partition_list_add(topics, topic.constData(), RD_KAFKA_PARTITION_UA);
        const rd_kafka_resp_err_t err = rd_kafka_subscribe(m_handle, topics);
        rd_kafka_topic_partition_list_destroy(topics);
        if (err)
            m_error = errorText(err);
        return !err;
    }

    // Serves the consumer once for up to timeoutMs (rebalances happen here) and keeps what arrives.
    void poll(int timeoutMs)
    {
        rd_kafka_message_t* message = rd_kafka_consumer_poll(m_handle, timeoutMs);
        if (!message)
            return;
        if (!message->err) {
            KafkaMessage m;
            m.partition = message->partition;
            m.offset = message->offset;
            if (message->payload)
                m.value = QByteArray(static_cast<const char*>(message->payload), qsizetype(message->len));
            m_messages.append(m);
        } else if (message->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            m_errors.append(errorText(message->err));
        }
        rd_kafka_message_destroy(message);
    }

    QSet<int> assignment() const
    {
        QSet<int> partitions;
        rd_kafka_topic_partition_list_t* list = nullptr;
        if (rd_kafka_assignment(m_handle, &list) != RD_KAFKA_RESP_ERR_NO_ERROR)
            return partitions;
        for (int i = 0; i < list->cnt; ++i)
            partitions.insert(list->elems[i].partition);
        rd_kafka_topic_partition_list_destroy(list);
        return partitions;
    }

    // Commits these offsets synchronously.
    rd_kafka_resp_err_t commit(const QByteArray& topic, const QMap<int, qint64>& offsets)
    {
        rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(offsets.size());
        for (auto it = offsets.cbegin(); it != offsets.cend(); ++it)
            rd_kafka_topic_partition_list_add(list, topic.constData(), it.key())->offset = it.value();
        const rd_kafka_resp_err_t err = rd_kafka_commit(m_handle, list, 0);
        rd_kafka_topic_partition_list_destroy(list);
        return err;
    }

    // The group's committed offsets of these partitions (-1001 where none), or an error.
    rd_kafka_resp_err_t committed(const QByteArray& topic, const QList<int>& partitions, QMap<int, qint64>* out)
    {
        rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(partitions.size());
        for (int p : partitions)
            rd_kafka_topic_partition_list_add(list, topic.constData(), p);
        rd_kafka_resp_err_t err = rd_kafka_committed(m_handle, list, 5000);
        for (int i = 0; !err && i < list->cnt; ++i) {
            if (list->elems[i].err)
                err = list->elems[i].err;
            out->insert(list->elems[i].partition, list->elems[i].offset);
        }
        rd_kafka_topic_partition_list_destroy(list);
        return err;
    }

    // Ends the consumer without LeaveGroup or final commit: to the broker it just stops
    // heartbeating.
    void abandon()
    {
        if (!m_handle)
            return;
        rd_kafka_destroy_flags(m_handle, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
        m_handle = nullptr;
    }

    const QList<KafkaMessage>& messages() const { return m_messages; }
    const QStringList& errors() const { return m_errors; }

private:
    rd_kafka_t* m_handle = nullptr;
    QString m_error;
    QList<KafkaMessage> m_messages;
    QStringList m_errors;
};

// Polls every consumer in turn until condition holds or timeoutMs passes.
inline bool pollUntil(const QList<GroupConsumer*>& consumers, const std::function<bool()>& condition, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        for (GroupConsumer* consumer : consumers)
            consumer->poll(20);
        QCoreApplication::processEvents();
    }
    return true;
}

// Java's String.hashCode, and the __consumer_offsets partition Kafka gives a group.
inline int consumerOffsetsPartition(const QByteArray& group, int partitions)
{
    quint32 hash = 0;
    for (const QChar c : QString::fromUtf8(group))
        hash = hash * 31 + c.unicode();
    const auto signedHash = static_cast<qint32>(hash);
    const qint32 positive = signedHash == std::numeric_limits<qint32>::min() ? 0 : std::abs(signedHash);
    return positive % partitions;
}

} // namespace Samsa::Test
