#include "describeconfigs.h"

#include "wirecodec.h"
#include "wireconnection.h"

#include <algorithm>

namespace Samsa::DescribeConfigs {

namespace {

constexpr qint8 TopicResource = 2;
constexpr qint8 BrokerResource = 4;

ConfigSource sourceOf(qint8 code)
{
    switch (code) {
    case 1:
        return ConfigSource::DynamicTopic;
    case 2:
        return ConfigSource::DynamicBroker;
    case 3:
        return ConfigSource::DynamicDefaultBroker;
    case 4:
        return ConfigSource::StaticBroker;
    case 5:
        return ConfigSource::Default;
    case 0:
        return ConfigSource::Unknown;
    default:
        return ConfigSource::Other;
    }
}

ConfigValueType typeOf(qint8 code)
{
    return code >= 1 && code <= 9 ? static_cast<ConfigValueType>(code) : ConfigValueType::Unknown;
}

} // namespace

QByteArray encodeRequest(const ConfigResource& resource)
{
    WireWriter writer;
    writer.int32(1);
    writer.int8(resource.type == ConfigResourceType::Topic ? TopicResource : BrokerResource);
    writer.string(resource.name);
    writer.nullArray(); // every config
    writer.int8(1); // include synonyms: they give each config's default
    writer.int8(1); // include documentation
    return writer.data();
}

bool decodeResponse(const QByteArray& body, ConfigResult* result, QString* error)
{
    WireReader in(body);
    const auto broken = [&] {
        *error = QStringLiteral("The DescribeConfigs answer is broken: %1").arg(in.error());
        return false;
    };
    qint32 throttleMs = 0;
    qint32 resources = 0;
    // Smallest entries: a resource 2+2+1+2+4 bytes; a config 2+2+1+1+1+4+1+2; a synonym 2+2+1.
    if (!in.int32(&throttleMs) || !in.arrayCount(11, &resources))
        return broken();
    if (resources < 1) {
        *error = QStringLiteral("The DescribeConfigs answer has no resource");
        return false;
    }
    qint16 code = 0;
    QString message;
    qint8 type = 0;
    QString name;
    qint32 configs = 0;
    if (!in.int16(&code) || !in.nullableString(&message) || !in.int8(&type) || !in.string(&name)
        || !in.arrayCount(14, &configs))
        return broken();
    if (code != 0)
        result->error = message.isEmpty() ? kafkaErrorText(code) : message;
    for (qint32 c = 0; c < configs; ++c) {
        ConfigEntry entry;
        qint8 source = 0;
        qint32 synonyms = 0;
        if (!in.string(&entry.name) || !in.nullableString(&entry.value) || !in.boolean(&entry.isReadOnly)
            || !in.int8(&source) || !in.boolean(&entry.isSensitive) || !in.arrayCount(5, &synonyms))
            return broken();
        entry.source = sourceOf(source);
        entry.isDefault = entry.source == ConfigSource::Default;
        if (entry.isSensitive)
            entry.value.clear();
        bool haveDefault = entry.source == ConfigSource::Default;
        if (haveDefault)
            entry.defaultValue = entry.value;
        for (qint32 s = 0; s < synonyms; ++s) {
            QString synonymName;
            QString synonymValue;
            qint8 synonymSource = 0;
            if (!in.string(&synonymName) || !in.nullableString(&synonymValue) || !in.int8(&synonymSource))
                return broken();
            // The first synonym from another source is what applies without the entry's own setting.
            if (!haveDefault && !entry.isSensitive && sourceOf(synonymSource) != entry.source) {
                entry.defaultValue = synonymValue;
                haveDefault = true;
            }
        }
        qint8 configType = 0;
        if (!in.int8(&configType) || !in.nullableString(&entry.documentation))
            return broken();
        entry.type = typeOf(configType);
        if (code == 0)
            result->entries.append(entry);
    }
    std::sort(result->entries.begin(), result->entries.end(),
        [](const ConfigEntry& a, const ConfigEntry& b) { return a.name < b.name; });
    return true; // further resources (none were asked for) are not read
}

} // namespace Samsa::DescribeConfigs
