#include "topicactionsworker.h"

#include "topics/configdescriber.h"
#include "topics/configoverrides.h"
#include "topics/topicname.h"

namespace Samsa {

TopicActionsWorker::TopicActionsWorker(const QList<QPair<QString, QString>>& properties, int timeoutMs)
    : m_properties(properties)
    , m_timeoutMs(timeoutMs)
{
}

RdKafkaClient* TopicActionsWorker::client(TopicActionResult* result)
{
    if (!m_client)
        m_client = RdKafkaClient::create(m_properties, &result->error);
    return m_client.get();
}

void TopicActionsWorker::createTopics(int job, const QList<NewTopicSpec>& topics)
{
    // Invalid names are refused here, each with its reason; the valid ones are still created.
    TopicActionResult refused;
    QList<NewTopicSpec> valid;
    for (const NewTopicSpec& spec : topics) {
        const QString problem = TopicName::problem(spec.name);
        if (!problem.isEmpty())
            refused.topics.append({ spec.name, problem });
        else
            valid.append(spec);
    }
    TopicActionResult result;
    if (!valid.isEmpty()) {
        if (RdKafkaClient* kafka = client(&result))
            result = kafka->createTopics(valid, m_timeoutMs);
    }
    // Keep the order the topics were given in.
    TopicActionResult ordered;
    ordered.error = result.error;
    for (const NewTopicSpec& spec : topics) {
        const auto find = [&spec](const QList<TopicOutcome>& list) {
            return std::find_if(
                list.cbegin(), list.cend(), [&spec](const TopicOutcome& o) { return o.topic == spec.name; });
        };
        if (auto it = find(refused.topics); it != refused.topics.cend())
            ordered.topics.append(*it);
        else if (auto done = find(result.topics); done != result.topics.cend())
            ordered.topics.append(*done);
    }
    Q_EMIT finished(job, ordered);
}

void TopicActionsWorker::deleteTopics(int job, const QStringList& topics)
{
    TopicActionResult result;
    if (RdKafkaClient* kafka = client(&result))
        result = kafka->deleteTopics(topics, m_timeoutMs);
    Q_EMIT finished(job, result);
}

void TopicActionsWorker::createPartitions(int job, const QString& topic, int newTotal)
{
    TopicActionResult result;
    if (newTotal < 1)
        result.topics.append({ topic, QStringLiteral("The new number of partitions must be at least 1.") });
    else if (RdKafkaClient* kafka = client(&result))
        result = kafka->createPartitions(topic, newTotal, m_timeoutMs);
    Q_EMIT finished(job, result);
}

void TopicActionsWorker::purge(int job, const QList<PurgeRequest>& requests)
{
    TopicActionResult result;
    if (RdKafkaClient* kafka = client(&result))
        result = kafka->deleteRecords(requests, m_timeoutMs);
    Q_EMIT finished(job, result);
}

void TopicActionsWorker::alterConfigs(
    int job, const ConfigResource& resource, const QList<QPair<QString, QString>>& changes)
{
    TopicActionResult result;
    RdKafkaClient* kafka = client(&result);
    if (!kafka) {
        Q_EMIT finished(job, result);
        return;
    }
    const bool isTopic = resource.type == ConfigResourceType::Topic;
    const QString label = isTopic ? resource.name : QStringLiteral("broker %1").arg(resource.name);
    // AlterConfigs replaces the whole set: read the current one first (a topic's overrides, a
    // broker's dynamic configs), so that those not changed here survive.
    const ConfigResult current = kafka->describeConfigs(resource, m_timeoutMs, {});
    if (!current.error.isEmpty()) {
        result.topics.append({ label, current.error });
        Q_EMIT finished(job, result);
        return;
    }
    const ConfigOverrides merged
        = ConfigOverrides::fromEntries(current.entries, isTopic ? ConfigSource::DynamicTopic : ConfigSource::DynamicBroker)
              .changed(changes);
    if (!merged.error.isEmpty()) {
        result.topics.append({ label, merged.error });
        Q_EMIT finished(job, result);
        return;
    }
    Q_EMIT finished(job, kafka->alterConfigs(resource, merged.values, m_timeoutMs));
}

void TopicActionsWorker::describeConfigs(int job, const ConfigResource& resource)
{
    TopicActionResult failure;
    ConfigResult result;
    result.resource = resource;
    if (RdKafkaClient* kafka = client(&failure))
        result = ConfigDescriber(m_properties, m_timeoutMs).describe(*kafka, resource);
    else
        result.error = failure.error;
    Q_EMIT configsDescribed(job, result);
}

void TopicActionsWorker::inspectTopic(int job, const QString& topic)
{
    TopicActionResult failure;
    TopicCloneSource source;
    source.topic = topic;
    RdKafkaClient* kafka = client(&failure);
    if (!kafka) {
        source.error = failure.error;
        Q_EMIT topicInspected(job, source);
        return;
    }
    const RdKafkaClient::MetadataResult metadata = kafka->fetchMetadata(m_timeoutMs, {});
    const auto info = std::find_if(metadata.metadata.topics.cbegin(), metadata.metadata.topics.cend(),
        [&topic](const TopicInfo& candidate) { return candidate.name == topic; });
    if (!metadata.ok) {
        source.error = metadata.error;
    } else if (info == metadata.metadata.topics.cend() || info->partitions.isEmpty()) {
        source.error = QStringLiteral("The topic %1 does not exist.").arg(topic);
    } else {
        source.partitions = int(info->partitions.size());
        source.replicationFactor = info->replicationFactor();
        const ConfigResult configs = kafka->describeConfigs({ ConfigResourceType::Topic, topic }, m_timeoutMs, {});
        const ConfigOverrides overrides = ConfigOverrides::fromEntries(configs.entries);
        source.error = configs.error.isEmpty() ? overrides.error : configs.error;
        source.overrides = overrides.values;
    }
    Q_EMIT topicInspected(job, source);
}

void TopicActionsWorker::describeTopicConfigCatalog(int job)
{
    TopicActionResult failure;
    ConfigResult result;
    if (RdKafkaClient* kafka = client(&failure))
        result = ConfigDescriber(m_properties, m_timeoutMs).topicConfigCatalog(*kafka);
    else
        result.error = failure.error;
    Q_EMIT configsDescribed(job, result);
}

} // namespace Samsa
