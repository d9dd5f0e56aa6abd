#include "groupconsumer.h"

#include <QDeadlineTimer>

namespace Samsa::Test {

GroupConsumer::GroupConsumer(const QString& bootstrap, const char* group, const char* topic)
{
    char error[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.toUtf8().constData(), error, sizeof error);
    rd_kafka_conf_set(conf, "group.id", group, error, sizeof error);
    rd_kafka_conf_set(conf, "client.id", "lag-test", error, sizeof error);
    rd_kafka_conf_set(conf, "auto.offset.reset", "earliest", error, sizeof error);
    rd_kafka_conf_set(conf, "enable.auto.commit", "false", error, sizeof error);
    rd_kafka_conf_set(conf, "session.timeout.ms", "6000", error, sizeof error);
    rd_kafka_conf_set(conf, "log_level", "3", error, sizeof error);
    m_handle = rd_kafka_new(RD_KAFKA_CONSUMER, conf, error, sizeof error);
    if (!m_handle) {
        rd_kafka_conf_destroy(conf);
        return;
    }
    rd_kafka_poll_set_consumer(m_handle);
    rd_kafka_topic_partition_list_t* topics = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(topics, topic, RD_KAFKA_PARTITION_UA);
    rd_kafka_subscribe(m_handle, topics);
    rd_kafka_topic_partition_list_destroy(topics);
}

GroupConsumer::~GroupConsumer() { close(); }

bool GroupConsumer::consumeAndCommit(int count, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    int received = 0;
    while (received < count && !deadline.hasExpired()) {
        if (rd_kafka_message_t* message = rd_kafka_consumer_poll(m_handle, 100)) {
            if (!message->err)
                ++received;
            rd_kafka_message_destroy(message);
        }
    }
    return received == count && rd_kafka_commit(m_handle, nullptr, 0) == RD_KAFKA_RESP_ERR_NO_ERROR;
}

void GroupConsumer::close()
{
    if (!m_handle)
        return;
    rd_kafka_consumer_close(m_handle);
    rd_kafka_destroy(m_handle);
    m_handle = nullptr;
}

} // namespace Samsa::Test
