#include "configdescriber.h"

#include "kafka/rdkafkaclient.h"
#include "kafka/wire/describeconfigs.h"
#include "kafka/wire/wireconnection.h"

namespace Samsa {

ConfigDescriber::ConfigDescriber(const QList<QPair<QString, QString>>& properties, int timeoutMs)
    : m_properties(properties)
    , m_timeoutMs(timeoutMs)
{
}

ConfigResult ConfigDescriber::describeOverWire(const QList<BrokerInfo>& brokers, const ConfigResource& resource) const
{
    ConfigResult result;
    result.resource = resource;
    const WireSecurity security = WireSecurity::fromProperties(m_properties);
    if (!security.unsupportedReason().isEmpty()) {
        result.error = security.unsupportedReason();
        return result;
    }
    // A broker resource must go to that broker; a topic to any.
    const BrokerInfo* target = nullptr;
    for (const BrokerInfo& broker : brokers) {
        if (resource.type == ConfigResourceType::Topic || QString::number(broker.id) == resource.name) {
            target = &broker;
            break;
        }
    }
    if (!target) {
        result.error = QStringLiteral("No broker to ask.");
        return result;
    }
    WireConnection connection(security, QStringLiteral("samsa-admin"));
    const QDeadlineTimer deadline(m_timeoutMs);
    QString error;
    if (!connection.open(target->host, target->port, deadline, {}, &error)) {
        result.error = error;
        return result;
    }
    const std::optional<QByteArray> body = connection.call(DescribeConfigs::ApiKey, DescribeConfigs::Version,
        DescribeConfigs::encodeRequest(resource), deadline, {}, &error);
    if (!body || !DescribeConfigs::decodeResponse(*body, &result, &error))
        result.error = error;
    return result;
}

ConfigResult ConfigDescriber::describe(RdKafkaClient& kafka, const ConfigResource& resource) const
{
    const RdKafkaClient::MetadataResult metadata = kafka.fetchMetadata(m_timeoutMs, {});
    if (metadata.ok) {
        ConfigResult wire = describeOverWire(metadata.metadata.brokers, resource);
        if (wire.error.isEmpty())
            return wire;
    }
    return kafka.describeConfigs(resource, m_timeoutMs, {});
}

ConfigResult ConfigDescriber::topicConfigCatalog(RdKafkaClient& kafka) const
{
    ConfigResult result;
    const RdKafkaClient::MetadataResult metadata = kafka.fetchMetadata(m_timeoutMs, {});
    if (!metadata.ok) {
        result.error = metadata.error;
        return result;
    }
    QString topic = metadata.metadata.topics.isEmpty() ? QString() : metadata.metadata.topics.first().name;
    for (const TopicInfo& info : metadata.metadata.topics) {
        if (!info.internal && !info.name.startsWith(QLatin1Char('_'))) {
            topic = info.name;
            break;
        }
    }
    if (topic.isEmpty()) {
        result.error = QStringLiteral("The cluster has no topic to read the list of topic configs from.");
        return result;
    }
    const ConfigResource resource { ConfigResourceType::Topic, topic };
    result = describeOverWire(metadata.metadata.brokers, resource);
    if (!result.error.isEmpty())
        result = kafka.describeConfigs(resource, m_timeoutMs, {});
    for (ConfigEntry& entry : result.entries) {
        if (entry.source != ConfigSource::DynamicTopic)
            entry.defaultValue = entry.value;
        // What a new topic gets: the default, not this topic's override.
        entry.value = entry.defaultValue;
        entry.source = ConfigSource::Default;
        entry.isDefault = true;
    }
    return result;
}

} // namespace Samsa
