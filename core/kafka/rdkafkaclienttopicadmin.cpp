// RdKafkaClient's topic administration with librdkafka 2.0.2's admin API: CreateTopics,
// DeleteTopics, CreatePartitions, DeleteRecords and AlterConfigs of a topic. Every topic or
// partition gets its own outcome; only a request that fails as a whole sets the result's error.

#include "rdkafkaadminrequest.h"
#include "rdkafkaclient.h"

#include <QHash>
#include <vector>

namespace Samsa {

namespace {

const QString TimedOut = QStringLiteral("The cluster did not answer in time.");

QString eventError(rd_kafka_event_t* event)
{
    const char* text = rd_kafka_event_error_string(event);
    return text && *text ? QString::fromUtf8(text) : QString::fromUtf8(rd_kafka_err2str(rd_kafka_event_error(event)));
}

QString topicResultError(const rd_kafka_topic_result_t* result)
{
    const rd_kafka_resp_err_t code = rd_kafka_topic_result_error(result);
    if (!code)
        return {};
    const char* text = rd_kafka_topic_result_error_string(result);
    return text && *text ? QString::fromUtf8(text) : QString::fromUtf8(rd_kafka_err2str(code));
}

// Waits for the request's single answer; null (with result->error set) when none came or the
// request failed as a whole.
rd_kafka_event_t* awaitAnswer(AdminRequest& request, TopicActionResult* result)
{
    QElapsedTimer timer;
    timer.start();
    rd_kafka_event_t* event = request.next({}, timer);
    if (!event) {
        result->error = TimedOut;
        return nullptr;
    }
    if (rd_kafka_event_error(event)) {
        result->error = eventError(event);
        rd_kafka_event_destroy(event);
        return nullptr;
    }
    return event;
}

// One outcome per topic asked for, in the order asked; a topic the answer leaves out says so.
void collectTopicResults(
    const QStringList& asked, const rd_kafka_topic_result_t** results, size_t count, TopicActionResult* result)
{
    QHash<QString, QString> errors;
    for (size_t index = 0; index < count; ++index)
        errors.insert(QString::fromUtf8(rd_kafka_topic_result_name(results[index])), topicResultError(results[index]));
    for (const QString& topic : asked) {
        const auto found = errors.constFind(topic);
        result->topics.append(
            { topic, found == errors.constEnd() ? QStringLiteral("no answer for this topic") : found.value() });
    }
}

} // namespace

TopicActionResult RdKafkaClient::createTopics(const QList<NewTopicSpec>& topics, int timeoutMs)
{
    TopicActionResult result;
    std::vector<rd_kafka_NewTopic_t*> newTopics;
    QStringList asked;
    for (const NewTopicSpec& spec : topics) {
        char errorBuffer[512] = {};
        rd_kafka_NewTopic_t* topic = rd_kafka_NewTopic_new(
            spec.name.toUtf8().constData(), spec.partitions, spec.replicationFactor, errorBuffer, sizeof errorBuffer);
        if (!topic) {
            result.topics.append({ spec.name, QString::fromUtf8(errorBuffer) });
            continue;
        }
        for (const auto& [name, value] : spec.configs)
            rd_kafka_NewTopic_set_config(topic, name.toUtf8().constData(), value.toUtf8().constData());
        newTopics.push_back(topic);
        asked.append(spec.name);
    }
    if (newTopics.empty()) {
        if (result.topics.isEmpty())
            result.error = QStringLiteral("No topic given.");
        return result;
    }
    AdminRequest request(m_handle, RD_KAFKA_ADMIN_OP_CREATETOPICS, timeoutMs);
    request.setOperationTimeout(timeoutMs);
    rd_kafka_CreateTopics(m_handle, newTopics.data(), newTopics.size(), request.options(), request.queue());
    rd_kafka_NewTopic_destroy_array(newTopics.data(), newTopics.size());
    if (rd_kafka_event_t* event = awaitAnswer(request, &result)) {
        size_t count = 0;
        const rd_kafka_topic_result_t** results
            = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event), &count);
        collectTopicResults(asked, results, count, &result);
        rd_kafka_event_destroy(event);
    }
    return result;
}

TopicActionResult RdKafkaClient::deleteTopics(const QStringList& topics, int timeoutMs)
{
    TopicActionResult result;
    if (topics.isEmpty()) {
        result.error = QStringLiteral("No topic given.");
        return result;
    }
    std::vector<rd_kafka_DeleteTopic_t*> deletions;
    for (const QString& topic : topics)
        deletions.push_back(rd_kafka_DeleteTopic_new(topic.toUtf8().constData()));
    AdminRequest request(m_handle, RD_KAFKA_ADMIN_OP_DELETETOPICS, timeoutMs);
    request.setOperationTimeout(timeoutMs);
    rd_kafka_DeleteTopics(m_handle, deletions.data(), deletions.size(), request.options(), request.queue());
    rd_kafka_DeleteTopic_destroy_array(deletions.data(), deletions.size());
    if (rd_kafka_event_t* event = awaitAnswer(request, &result)) {
        size_t count = 0;
        const rd_kafka_topic_result_t** results
            = rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(event), &count);
        collectTopicResults(topics, results, count, &result);
        rd_kafka_event_destroy(event);
    }
    return result;
}

TopicActionResult RdKafkaClient::createPartitions(const QString& topic, int newTotal, int timeoutMs)
{
    TopicActionResult result;
    char errorBuffer[512] = {};
    rd_kafka_NewPartitions_t* partitions = rd_kafka_NewPartitions_new(
        topic.toUtf8().constData(), size_t(std::max(newTotal, 0)), errorBuffer, sizeof errorBuffer);
    if (!partitions) {
        result.topics.append({ topic, QString::fromUtf8(errorBuffer) });
        return result;
    }
    AdminRequest request(m_handle, RD_KAFKA_ADMIN_OP_CREATEPARTITIONS, timeoutMs);
    request.setOperationTimeout(timeoutMs);
    rd_kafka_CreatePartitions(m_handle, &partitions, 1, request.options(), request.queue());
    rd_kafka_NewPartitions_destroy(partitions);
    if (rd_kafka_event_t* event = awaitAnswer(request, &result)) {
        size_t count = 0;
        const rd_kafka_topic_result_t** results
            = rd_kafka_CreatePartitions_result_topics(rd_kafka_event_CreatePartitions_result(event), &count);
        collectTopicResults({ topic }, results, count, &result);
        rd_kafka_event_destroy(event);
    }
    return result;
}

TopicActionResult RdKafkaClient::deleteRecords(const QList<PurgeRequest>& requests, int timeoutMs)
{
    TopicActionResult result;
    // Partitions are checked against metadata first: librdkafka fails the whole request when none of
    // them has a leader, and a partition that does not exist deserves its own answer. A topic without
    // chosen partitions is purged entirely.
    const MetadataResult metadata = fetchMetadata(timeoutMs, {});
    if (!metadata.ok) {
        result.error = metadata.error;
        return result;
    }
    QList<PartitionPurge> asked;
    QStringList askedTopics; // beside asked: the topic of each partition
    QList<PartitionPurgeOutcome> refused;
    for (const PurgeRequest& purge : requests) {
        const auto info = std::find_if(metadata.metadata.topics.cbegin(), metadata.metadata.topics.cend(),
            [&](const TopicInfo& candidate) { return candidate.name == purge.topic; });
        if (info == metadata.metadata.topics.cend() || info->partitions.isEmpty()) {
            result.topics.append({ purge.topic, QStringLiteral("The topic does not exist.") });
            continue;
        }
        QList<PartitionPurge> partitions = purge.partitions;
        if (partitions.isEmpty()) {
            for (const PartitionInfo& partition : info->partitions)
                partitions.append({ partition.partition, -1 });
        }
        for (const PartitionPurge& partition : std::as_const(partitions)) {
            const bool exists = std::any_of(info->partitions.cbegin(), info->partitions.cend(),
                [&](const PartitionInfo& known) { return known.partition == partition.partition; });
            if (!exists) {
                refused.append({ purge.topic, partition.partition, -1,
                    QStringLiteral("The topic has no partition %1.").arg(partition.partition) });
                continue;
            }
            asked.append(partition);
            askedTopics.append(purge.topic);
        }
    }
    if (asked.isEmpty()) {
        result.partitions = refused;
        if (result.topics.isEmpty() && refused.isEmpty())
            result.error = QStringLiteral("No partition given.");
        return result;
    }
    rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(int(asked.size()));
    for (qsizetype index = 0; index < asked.size(); ++index) {
        // -1 (RD_KAFKA_OFFSET_END) asks the broker to delete up to the high watermark.
        const PartitionPurge& partition = asked.at(index);
        rd_kafka_topic_partition_list_add(list, askedTopics.at(index).toUtf8().constData(), partition.partition)->offset
            = partition.offset < 0 ? RD_KAFKA_OFFSET_END : partition.offset;
    }
    AdminRequest request(m_handle, RD_KAFKA_ADMIN_OP_DELETERECORDS, timeoutMs);
    request.setOperationTimeout(timeoutMs);
    rd_kafka_DeleteRecords_t* deletion = rd_kafka_DeleteRecords_new(list);
    rd_kafka_topic_partition_list_destroy(list);
    rd_kafka_DeleteRecords(m_handle, &deletion, 1, request.options(), request.queue());
    rd_kafka_DeleteRecords_destroy(deletion);
    rd_kafka_event_t* event = awaitAnswer(request, &result);
    if (!event)
        return result;
    QHash<QPair<QString, int>, QPair<qint64, QString>> answers;
    const rd_kafka_topic_partition_list_t* offsets
        = rd_kafka_DeleteRecords_result_offsets(rd_kafka_event_DeleteRecords_result(event));
    for (int index = 0; offsets && index < offsets->cnt; ++index) {
        const rd_kafka_topic_partition_t& entry = offsets->elems[index];
        answers.insert({ QString::fromUtf8(entry.topic), int(entry.partition) },
            { entry.err ? -1 : entry.offset, entry.err ? QString::fromUtf8(rd_kafka_err2str(entry.err)) : QString() });
    }
    rd_kafka_event_destroy(event);
    for (qsizetype index = 0; index < asked.size(); ++index) {
        PartitionPurgeOutcome partition { askedTopics.at(index), asked.at(index).partition, -1, {} };
        const auto found = answers.constFind({ partition.topic, partition.partition });
        partition.lowWatermark = found == answers.constEnd() ? -1 : found.value().first;
        partition.error
            = found == answers.constEnd() ? QStringLiteral("no answer for this partition") : found.value().second;
        result.partitions.append(partition);
    }
    result.partitions.append(refused);
    return result;
}

TopicActionResult RdKafkaClient::alterTopicConfigs(
    const QString& topic, const QList<QPair<QString, QString>>& overrides, int timeoutMs)
{
    return alterConfigs({ ConfigResourceType::Topic, topic }, overrides, timeoutMs);
}

TopicActionResult RdKafkaClient::alterConfigs(
    const ConfigResource& target, const QList<QPair<QString, QString>>& values, int timeoutMs)
{
    TopicActionResult result;
    const bool isTopic = target.type == ConfigResourceType::Topic;
    const QString label = isTopic ? target.name : QStringLiteral("broker %1").arg(target.name);
    rd_kafka_ConfigResource_t* resource = rd_kafka_ConfigResource_new(
        isTopic ? RD_KAFKA_RESOURCE_TOPIC : RD_KAFKA_RESOURCE_BROKER, target.name.toUtf8().constData());
    for (const auto& [name, value] : values)
        rd_kafka_ConfigResource_set_config(resource, name.toUtf8().constData(), value.toUtf8().constData());
    AdminRequest request(m_handle, RD_KAFKA_ADMIN_OP_ALTERCONFIGS, timeoutMs);
    rd_kafka_AlterConfigs(m_handle, &resource, 1, request.options(), request.queue());
    rd_kafka_ConfigResource_destroy(resource);
    if (rd_kafka_event_t* event = awaitAnswer(request, &result)) {
        size_t count = 0;
        const rd_kafka_ConfigResource_t** resources
            = rd_kafka_AlterConfigs_result_resources(rd_kafka_event_AlterConfigs_result(event), &count);
        QString error = count == 0 ? QStringLiteral("no answer for this resource") : QString();
        if (count > 0 && rd_kafka_ConfigResource_error(resources[0])) {
            const char* text = rd_kafka_ConfigResource_error_string(resources[0]);
            error = text && *text ? QString::fromUtf8(text)
                                  : QString::fromUtf8(rd_kafka_err2str(rd_kafka_ConfigResource_error(resources[0])));
        }
        result.topics.append({ label, error });
        rd_kafka_event_destroy(event);
    }
    return result;
}

} // namespace Samsa
