#pragma once

// librdkafka's Admin API (C) as blocking calls for conformance tests. Every call waits for its
// result event while processing Qt events, and returns librdkafka's error code plus message.

#include "rdkafkaclient.h"

#include <QMap>

namespace Samsa::Test {

struct AdminResult {
    rd_kafka_resp_err_t error = RD_KAFKA_RESP_ERR_NO_ERROR;
    QString message;
    bool ok() const { return error == RD_KAFKA_RESP_ERR_NO_ERROR; }
    QByteArray text() const { return (errorText(error) + QStringLiteral(": ") + message).toUtf8(); }
};

struct TopicSpec {
    QByteArray name;
    int partitions = 1;
    KafkaConfig configs;
};

struct ConfigValue {
    QByteArray value;
    bool isNull = false;
    rd_kafka_ConfigSource_t source = RD_KAFKA_CONFIG_SOURCE_UNKNOWN_CONFIG;
    bool isDefault = false;
    bool readOnly = false;
    bool sensitive = false;
};

class RdKafkaAdmin {
public:
    explicit RdKafkaAdmin(const QString& bootstrap, const KafkaConfig& config = {});
    ~RdKafkaAdmin();
    RdKafkaAdmin(const RdKafkaAdmin&) = delete;
    RdKafkaAdmin& operator=(const RdKafkaAdmin&) = delete;

    bool isValid() const { return m_handle != nullptr; }
    QString error() const { return m_error; }
    rd_kafka_t* handle() const { return m_handle; }

    // One result per topic, by name.
    QMap<QByteArray, AdminResult> createTopics(const QList<TopicSpec>& topics, bool validateOnly = false);
    AdminResult createTopic(const TopicSpec& topic, bool validateOnly = false);
    AdminResult deleteTopic(const QByteArray& name);
    AdminResult createPartitions(const QByteArray& topic, int newTotal, bool validateOnly = false);
    AdminResult describeConfigs(rd_kafka_ResourceType_t type, const QByteArray& name, QMap<QByteArray, ConfigValue>* configs);
    // AlterConfigs: replaces every override of the resource with `configs`.
    AdminResult alterConfigs(rd_kafka_ResourceType_t type, const QByteArray& name, const KafkaConfig& configs);
    // offset -1 (RD_KAFKA_OFFSET_END): everything up to the high watermark.
    AdminResult deleteRecords(const QByteArray& topic, int partition, qint64 before, qint64* newLowWatermark);
    // The topic's partition count from a Metadata request for all topics (asking for one by name
    // would auto-create it); -1 when the broker does not list it.
    int partitionCount(const QByteArray& topic) const;

private:
    rd_kafka_AdminOptions_t* options(rd_kafka_admin_op_t op, bool validateOnly = false) const;

    rd_kafka_t* m_handle = nullptr;
    rd_kafka_queue_t* m_queue = nullptr;
    QString m_error;
};

} // namespace Samsa::Test
