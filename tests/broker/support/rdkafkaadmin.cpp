#include "rdkafkaadmin.h"

#include "rdkafkaclient.h"

namespace Samsa::Test {

namespace {

constexpr int requestTimeoutMs = 15000;

AdminResult eventError(rd_kafka_event_t* event)
{
    AdminResult result;
    if (!event) {
        result.error = RD_KAFKA_RESP_ERR__TIMED_OUT;
        result.message = QStringLiteral("no admin result event");
        return result;
    }
    result.error = rd_kafka_event_error(event);
    if (result.error)
        result.message = QString::fromUtf8(rd_kafka_event_error_string(event));
    return result;
}

AdminResult topicResult(const rd_kafka_topic_result_t* topic)
{
    AdminResult result;
    result.error = rd_kafka_topic_result_error(topic);
    if (const char* message = rd_kafka_topic_result_error_string(topic))
        result.message = QString::fromUtf8(message);
    return result;
}

} // namespace

RdKafkaAdmin::RdKafkaAdmin(const QString& bootstrap, const KafkaConfig& config)
{
    char errstr[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.toUtf8().constData(), errstr, sizeof errstr);
    rd_kafka_conf_set(conf, "log_level", "3", errstr, sizeof errstr);
    for (auto it = config.cbegin(); it != config.cend(); ++it)
        rd_kafka_conf_set(conf, it.key().constData(), it.value().constData(), errstr, sizeof errstr);
    m_handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!m_handle) {
        m_error = QString::fromUtf8(errstr);
        return;
    }
    m_queue = rd_kafka_queue_new(m_handle);
}

RdKafkaAdmin::~RdKafkaAdmin()
{
    if (m_queue)
        rd_kafka_queue_destroy(m_queue);
    if (m_handle)
        rd_kafka_destroy(m_handle);
}

rd_kafka_AdminOptions_t* RdKafkaAdmin::options(rd_kafka_admin_op_t op, bool validateOnly) const
{
    char errstr[512];
    rd_kafka_AdminOptions_t* options = rd_kafka_AdminOptions_new(m_handle, op);
    rd_kafka_AdminOptions_set_request_timeout(options, requestTimeoutMs, errstr, sizeof errstr);
    if (validateOnly)
        rd_kafka_AdminOptions_set_validate_only(options, 1, errstr, sizeof errstr);
    return options;
}

QMap<QByteArray, AdminResult> RdKafkaAdmin::createTopics(const QList<TopicSpec>& topics, bool validateOnly)
{
    char errstr[512];
    QList<rd_kafka_NewTopic_t*> newTopics;
    for (const TopicSpec& topic : topics) {
        rd_kafka_NewTopic_t* newTopic = rd_kafka_NewTopic_new(topic.name.constData(), topic.partitions, 1, errstr, sizeof errstr);
        for (auto it = topic.configs.cbegin(); it != topic.configs.cend(); ++it)
            rd_kafka_NewTopic_set_config(newTopic, it.key().constData(), it.value().constData());
        newTopics.append(newTopic);
    }
    rd_kafka_AdminOptions_t* opts = options(RD_KAFKA_ADMIN_OP_CREATETOPICS, validateOnly);
    rd_kafka_CreateTopics(m_handle, newTopics.data(), size_t(newTopics.size()), opts, m_queue);
    rd_kafka_event_t* event = waitForEvent(m_queue, RD_KAFKA_EVENT_CREATETOPICS_RESULT, requestTimeoutMs + 5000);
    QMap<QByteArray, AdminResult> results;
    const AdminResult overall = eventError(event);
    for (const TopicSpec& topic : topics)
        results.insert(topic.name, overall);
    if (overall.ok()) {
        size_t count = 0;
        const rd_kafka_topic_result_t** answers
            = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event), &count);
        for (size_t i = 0; i < count; ++i)
            results.insert(QByteArray(rd_kafka_topic_result_name(answers[i])), topicResult(answers[i]));
    }
    if (event)
        rd_kafka_event_destroy(event);
    rd_kafka_AdminOptions_destroy(opts);
    rd_kafka_NewTopic_destroy_array(newTopics.data(), size_t(newTopics.size()));
    return results;
}

AdminResult RdKafkaAdmin::createTopic(const TopicSpec& topic, bool validateOnly)
{
    return createTopics({ topic }, validateOnly).value(topic.name);
}

AdminResult RdKafkaAdmin::deleteTopic(const QByteArray& name)
{
    rd_kafka_DeleteTopic_t* topic = rd_kafka_DeleteTopic_new(name.constData());
    rd_kafka_AdminOptions_t* opts = options(RD_KAFKA_ADMIN_OP_DELETETOPICS);
    rd_kafka_DeleteTopics(m_handle, &topic, 1, opts, m_queue);
    rd_kafka_event_t* event = waitForEvent(m_queue, RD_KAFKA_EVENT_DELETETOPICS_RESULT, requestTimeoutMs + 5000);
    AdminResult result = eventError(event);
    if (result.ok()) {
        size_t count = 0;
        const rd_kafka_topic_result_t** answers
            = rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(event), &count);
        result = count == 1 ? topicResult(answers[0]) : AdminResult { RD_KAFKA_RESP_ERR__BAD_MSG, QStringLiteral("no topic result") };
    }
    if (event)
        rd_kafka_event_destroy(event);
    rd_kafka_AdminOptions_destroy(opts);
    rd_kafka_DeleteTopic_destroy(topic);
    return result;
}

AdminResult RdKafkaAdmin::createPartitions(const QByteArray& topic, int newTotal, bool validateOnly)
{
    char errstr[512];
    rd_kafka_NewPartitions_t* partitions = rd_kafka_NewPartitions_new(topic.constData(), size_t(newTotal), errstr, sizeof errstr);
    rd_kafka_AdminOptions_t* opts = options(RD_KAFKA_ADMIN_OP_CREATEPARTITIONS, validateOnly);
    rd_kafka_CreatePartitions(m_handle, &partitions, 1, opts, m_queue);
    rd_kafka_event_t* event = waitForEvent(m_queue, RD_KAFKA_EVENT_CREATEPARTITIONS_RESULT, requestTimeoutMs + 5000);
    AdminResult result = eventError(event);
    if (result.ok()) {
        size_t count = 0;
        const rd_kafka_topic_result_t** answers
            = rd_kafka_CreatePartitions_result_topics(rd_kafka_event_CreatePartitions_result(event), &count);
        result = count == 1 ? topicResult(answers[0]) : AdminResult { RD_KAFKA_RESP_ERR__BAD_MSG, QStringLiteral("no topic result") };
    }
    if (event)
        rd_kafka_event_destroy(event);
    rd_kafka_AdminOptions_destroy(opts);
    rd_kafka_NewPartitions_destroy(partitions);
    return result;
}

AdminResult RdKafkaAdmin::describeConfigs(rd_kafka_ResourceType_t type, const QByteArray& name,
                                          QMap<QByteArray, ConfigValue>* configs)
{
    rd_kafka_ConfigResource_t* resource = rd_kafka_ConfigResource_new(type, name.constData());
    rd_kafka_AdminOptions_t* opts = options(RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS);
    rd_kafka_DescribeConfigs(m_handle, &resource, 1, opts, m_queue);
    rd_kafka_event_t* event = waitForEvent(m_queue, RD_KAFKA_EVENT_DESCRIBECONFIGS_RESULT, requestTimeoutMs + 5000);
    AdminResult result = eventError(event);
    if (result.ok()) {
        size_t count = 0;
        const rd_kafka_ConfigResource_t** answers
            = rd_kafka_DescribeConfigs_result_resources(rd_kafka_event_DescribeConfigs_result(event), &count);
        if (count != 1) {
            result = { RD_KAFKA_RESP_ERR__BAD_MSG, QStringLiteral("%1 resources in the answer").arg(count) };
        } else {
            result.error = rd_kafka_ConfigResource_error(answers[0]);
            if (const char* message = rd_kafka_ConfigResource_error_string(answers[0]))
                result.message = QString::fromUtf8(message);
            size_t entryCount = 0;
            const rd_kafka_ConfigEntry_t** entries = rd_kafka_ConfigResource_configs(answers[0], &entryCount);
            for (size_t i = 0; i < entryCount; ++i) {
                ConfigValue value;
                const char* text = rd_kafka_ConfigEntry_value(entries[i]);
                value.isNull = text == nullptr;
                value.value = text ? QByteArray(text) : QByteArray();
                value.source = rd_kafka_ConfigEntry_source(entries[i]);
                value.isDefault = rd_kafka_ConfigEntry_is_default(entries[i]);
                value.readOnly = rd_kafka_ConfigEntry_is_read_only(entries[i]);
                value.sensitive = rd_kafka_ConfigEntry_is_sensitive(entries[i]);
                configs->insert(QByteArray(rd_kafka_ConfigEntry_name(entries[i])), value);
            }
        }
    }
    if (event)
        rd_kafka_event_destroy(event);
    rd_kafka_AdminOptions_destroy(opts);
    rd_kafka_ConfigResource_destroy(resource);
    return result;
}

AdminResult RdKafkaAdmin::alterConfigs(rd_kafka_ResourceType_t type, const QByteArray& name, const KafkaConfig& configs)
{
    rd_kafka_ConfigResource_t* resource = rd_kafka_ConfigResource_new(type, name.constData());
    for (auto it = configs.cbegin(); it != configs.cend(); ++it)
        rd_kafka_ConfigResource_set_config(resource, it.key().constData(), it.value().constData());
    rd_kafka_AdminOptions_t* opts = options(RD_KAFKA_ADMIN_OP_ALTERCONFIGS);
    rd_kafka_AlterConfigs(m_handle, &resource, 1, opts, m_queue);
    rd_kafka_event_t* event = waitForEvent(m_queue, RD_KAFKA_EVENT_ALTERCONFIGS_RESULT, requestTimeoutMs + 5000);
    AdminResult result = eventError(event);
    if (result.ok()) {
        size_t count = 0;
        const rd_kafka_ConfigResource_t** answers
            = rd_kafka_AlterConfigs_result_resources(rd_kafka_event_AlterConfigs_result(event), &count);
        if (count == 1) {
            result.error = rd_kafka_ConfigResource_error(answers[0]);
            if (const char* message = rd_kafka_ConfigResource_error_string(answers[0]))
                result.message = QString::fromUtf8(message);
        }
    }
    if (event)
        rd_kafka_event_destroy(event);
    rd_kafka_AdminOptions_destroy(opts);
    rd_kafka_ConfigResource_destroy(resource);
    return result;
}

AdminResult RdKafkaAdmin::deleteRecords(const QByteArray& topic, int partition, qint64 before, qint64* newLowWatermark)
{
    rd_kafka_topic_partition_list_t* offsets = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(offsets, topic.constData(), partition)->offset = before;
    rd_kafka_DeleteRecords_t* request = rd_kafka_DeleteRecords_new(offsets);
    rd_kafka_topic_partition_list_destroy(offsets);
    rd_kafka_AdminOptions_t* opts = options(RD_KAFKA_ADMIN_OP_DELETERECORDS);
    rd_kafka_DeleteRecords(m_handle, &request, 1, opts, m_queue);
    rd_kafka_event_t* event = waitForEvent(m_queue, RD_KAFKA_EVENT_DELETERECORDS_RESULT, requestTimeoutMs + 5000);
    AdminResult result = eventError(event);
    if (result.ok()) {
        const rd_kafka_topic_partition_list_t* answer
            = rd_kafka_DeleteRecords_result_offsets(rd_kafka_event_DeleteRecords_result(event));
        if (answer && answer->cnt == 1) {
            result.error = answer->elems[0].err;
            *newLowWatermark = answer->elems[0].offset;
        } else {
            result = { RD_KAFKA_RESP_ERR__BAD_MSG, QStringLiteral("no partition result") };
        }
    }
    if (event)
        rd_kafka_event_destroy(event);
    rd_kafka_AdminOptions_destroy(opts);
    rd_kafka_DeleteRecords_destroy(request);
    return result;
}

int RdKafkaAdmin::partitionCount(const QByteArray& topic) const
{
    QString error;
    return fetchTopics(m_handle, &error).value(topic, -1);
}

} // namespace Samsa::Test
