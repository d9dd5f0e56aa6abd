// RdKafkaClient's admin requests (DescribeConfigs), kept apart from metadata and watermarks.

#include "rdkafkaadminrequest.h"
#include "rdkafkaclient.h"

#include <QElapsedTimer>
#include <algorithm>
#include <librdkafka/rdkafka.h>

namespace Samsa {

namespace {

ConfigSource convertSource(rd_kafka_ConfigSource_t source)
{
    switch (source) {
    case RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG:
        return ConfigSource::DynamicTopic;
    case RD_KAFKA_CONFIG_SOURCE_DYNAMIC_BROKER_CONFIG:
        return ConfigSource::DynamicBroker;
    case RD_KAFKA_CONFIG_SOURCE_DYNAMIC_DEFAULT_BROKER_CONFIG:
        return ConfigSource::DynamicDefaultBroker;
    case RD_KAFKA_CONFIG_SOURCE_STATIC_BROKER_CONFIG:
        return ConfigSource::StaticBroker;
    case RD_KAFKA_CONFIG_SOURCE_DEFAULT_CONFIG:
        return ConfigSource::Default;
    case RD_KAFKA_CONFIG_SOURCE_UNKNOWN_CONFIG:
        return ConfigSource::Unknown;
    default:
        return ConfigSource::Other;
    }
}

QString resultErrorText(const rd_kafka_event_t* event)
{
    const char* text = rd_kafka_event_error_string(const_cast<rd_kafka_event_t*>(event));
    return text ? QString::fromUtf8(text) : QString::fromUtf8(rd_kafka_err2str(rd_kafka_event_error(
                                                const_cast<rd_kafka_event_t*>(event))));
}

QString resourceErrorText(const rd_kafka_ConfigResource_t* resource)
{
    const char* text = rd_kafka_ConfigResource_error_string(resource);
    return text && *text ? QString::fromUtf8(text)
                         : QString::fromUtf8(rd_kafka_err2str(rd_kafka_ConfigResource_error(resource)));
}

// librdkafka asks for synonyms (DescribeConfigs v1+): they list where a value may come from, most
// specific first, so the first one from another source is what applies without the entry's own.
QString defaultFromSynonyms(const rd_kafka_ConfigEntry_t* entry, const ConfigEntry& converted)
{
    if (converted.isSensitive)
        return {};
    if (converted.source == ConfigSource::Default)
        return converted.value;
    size_t count = 0;
    const rd_kafka_ConfigEntry_t** synonyms = rd_kafka_ConfigEntry_synonyms(entry, &count);
    for (size_t index = 0; index < count; ++index) {
        if (convertSource(rd_kafka_ConfigEntry_source(synonyms[index])) == converted.source)
            continue;
        const char* value = rd_kafka_ConfigEntry_value(synonyms[index]);
        return value ? QString::fromUtf8(value) : QString();
    }
    return {};
}

rd_kafka_ConfigResource_t* newResource(const ConfigResource& resource)
{
    const QByteArray name = resource.name.toUtf8();
    return rd_kafka_ConfigResource_new(
        resource.type == ConfigResourceType::Topic ? RD_KAFKA_RESOURCE_TOPIC : RD_KAFKA_RESOURCE_BROKER,
        name.constData());
}

} // namespace

ConfigResult RdKafkaClient::describeConfigs(const ConfigResource& resource, int timeoutMs,
    const CancelCheck& isCancelled)
{
    ConfigResult result;
    result.resource = resource;
    if (resource.name.trimmed().isEmpty()) {
        result.error = QStringLiteral("No topic or broker given.");
        return result;
    }
    if (resource.type == ConfigResourceType::Broker) {
        bool isNumber = false;
        resource.name.toInt(&isNumber);
        if (!isNumber) {
            result.error = QStringLiteral("Broker '%1' is not a broker id (a number).").arg(resource.name);
            return result;
        }
    }

    AdminRequest request(m_handle, RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, timeoutMs);
    rd_kafka_ConfigResource_t* configResource = newResource(resource);
    QElapsedTimer timer;
    timer.start();
    rd_kafka_DescribeConfigs(m_handle, &configResource, 1, request.options(), request.queue());
    rd_kafka_ConfigResource_destroy(configResource);

    rd_kafka_event_t* event = request.next(isCancelled, timer);
    if (!event) {
        result.error = isCancelled && isCancelled() ? QStringLiteral("Cancelled.")
                                                    : QString::fromUtf8(rd_kafka_err2str(RD_KAFKA_RESP_ERR__TIMED_OUT));
        return result;
    }
    const rd_kafka_DescribeConfigs_result_t* answer = rd_kafka_event_DescribeConfigs_result(event);
    if (rd_kafka_event_error(event) || !answer) {
        result.error = resultErrorText(event);
        rd_kafka_event_destroy(event);
        return result;
    }
    size_t resourceCount = 0;
    const rd_kafka_ConfigResource_t** resources = rd_kafka_DescribeConfigs_result_resources(answer, &resourceCount);
    if (resourceCount == 0) {
        result.error = QStringLiteral("The cluster sent no configuration for %1.").arg(resource.name);
    } else if (rd_kafka_ConfigResource_error(resources[0])) {
        result.error = resourceErrorText(resources[0]);
    } else {
        size_t entryCount = 0;
        const rd_kafka_ConfigEntry_t** entries = rd_kafka_ConfigResource_configs(resources[0], &entryCount);
        result.entries.reserve(qsizetype(entryCount));
        for (size_t index = 0; index < entryCount; ++index) {
            const rd_kafka_ConfigEntry_t* entry = entries[index];
            ConfigEntry converted;
            converted.name = QString::fromUtf8(rd_kafka_ConfigEntry_name(entry));
            converted.isSensitive = rd_kafka_ConfigEntry_is_sensitive(entry);
            // The broker sends no value for sensitive entries; never keep one if it did.
            const char* value = rd_kafka_ConfigEntry_value(entry);
            if (value && !converted.isSensitive)
                converted.value = QString::fromUtf8(value);
            converted.isDefault = rd_kafka_ConfigEntry_is_default(entry);
            converted.isReadOnly = rd_kafka_ConfigEntry_is_read_only(entry);
            converted.source = convertSource(rd_kafka_ConfigEntry_source(entry));
            converted.defaultValue = defaultFromSynonyms(entry, converted);
            result.entries.append(converted);
        }
        std::sort(result.entries.begin(), result.entries.end(),
            [](const ConfigEntry& a, const ConfigEntry& b) { return a.name < b.name; });
    }
    rd_kafka_event_destroy(event);
    return result;
}

bool RdKafkaClient::fetchRacks(const QList<int>& brokerIds, int timeoutMs, const CancelCheck& isCancelled,
    QHash<int, QString>* racks)
{
    if (brokerIds.isEmpty())
        return true;
    AdminRequest request(m_handle, RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, timeoutMs);
    QElapsedTimer timer;
    timer.start();
    // librdkafka sends a broker resource to that broker, so each needs its own call.
    for (int id : brokerIds) {
        rd_kafka_ConfigResource_t* resource = newResource({ ConfigResourceType::Broker, QString::number(id) });
        rd_kafka_ConfigResource_set_config(resource, "broker.rack", nullptr);
        rd_kafka_DescribeConfigs(m_handle, &resource, 1, request.options(), request.queue());
        rd_kafka_ConfigResource_destroy(resource);
    }
    bool answered = false;
    for (qsizetype pending = brokerIds.size(); pending > 0; --pending) {
        rd_kafka_event_t* event = request.next(isCancelled, timer);
        if (!event)
            break;
        const rd_kafka_DescribeConfigs_result_t* answer = rd_kafka_event_DescribeConfigs_result(event);
        const rd_kafka_resp_err_t error = rd_kafka_event_error(event);
        if (error == RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE || error == RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED) {
            rd_kafka_event_destroy(event);
            return answered;
        }
        size_t resourceCount = 0;
        const rd_kafka_ConfigResource_t** resources
            = answer && !error ? rd_kafka_DescribeConfigs_result_resources(answer, &resourceCount) : nullptr;
        for (size_t index = 0; index < resourceCount; ++index) {
            if (rd_kafka_ConfigResource_error(resources[index]))
                continue;
            answered = true;
            const int id = QByteArray(rd_kafka_ConfigResource_name(resources[index])).toInt();
            size_t entryCount = 0;
            const rd_kafka_ConfigEntry_t** entries = rd_kafka_ConfigResource_configs(resources[index], &entryCount);
            QString rack;
            for (size_t e = 0; e < entryCount; ++e) {
                if (qstrcmp(rd_kafka_ConfigEntry_name(entries[e]), "broker.rack") == 0) {
                    const char* value = rd_kafka_ConfigEntry_value(entries[e]);
                    rack = value ? QString::fromUtf8(value) : QString();
                }
            }
            racks->insert(id, rack);
        }
        rd_kafka_event_destroy(event);
    }
    return answered;
}

} // namespace Samsa
