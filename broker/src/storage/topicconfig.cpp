#include "storage/topicconfig.h"

#include "storage/brokerconfig.h"
#include "storage/configparse.h"
#include "storage/topicconfigdocs.h"

#include <algorithm>

namespace samsa::broker {

namespace {

using configparse::parseInteger;

enum class Kind { Long, Int, Boolean, Double, Choice, ChoiceList, Text };

struct TopicEntry {
    const char* name;
    Kind kind;
    const char* defaultValue; // Kafka's default when the broker has no synonym
    const char* brokerKey;    // the broker's log.* synonym, or nullptr
    int64_t min = 0;
    int64_t max = INT64_MAX;
    std::vector<std::string> choices = {};
};

const std::vector<TopicEntry>& topicEntries()
{
    constexpr int64_t MaxInt = INT32_MAX;
    static const std::vector<TopicEntry> table = {
        {"cleanup.policy", Kind::ChoiceList, "delete", "log.cleanup.policy", 0, 0, {"delete", "compact"}},
        {"compression.type", Kind::Choice, "producer", "compression.type", 0, 0,
         {"producer", "uncompressed", "gzip", "snappy", "lz4", "zstd"}},
        {"delete.retention.ms", Kind::Long, "86400000", nullptr, 0},
        {"file.delete.delay.ms", Kind::Long, "60000", nullptr, 0},
        {"flush.messages", Kind::Long, "9223372036854775807", "log.flush.interval.messages", 1},
        {"flush.ms", Kind::Long, "1000", "log.flush.interval.ms", 0},
        {"follower.replication.throttled.replicas", Kind::Text, "", nullptr},
        {"index.interval.bytes", Kind::Int, "4096", nullptr, 0, MaxInt},
        {"leader.replication.throttled.replicas", Kind::Text, "", nullptr},
        {"local.retention.bytes", Kind::Long, "-2", nullptr, -2},
        {"local.retention.ms", Kind::Long, "-2", nullptr, -2},
        {"max.compaction.lag.ms", Kind::Long, "9223372036854775807", nullptr, 1},
        {"max.message.bytes", Kind::Int, "1048588", "message.max.bytes", 0, MaxInt},
        {"message.downconversion.enable", Kind::Boolean, "true", "log.message.downconversion.enable"},
        {"message.format.version", Kind::Text, "3.0-IV1", "log.message.format.version"},
        {"message.timestamp.after.max.ms", Kind::Long, "9223372036854775807", nullptr, 0},
        {"message.timestamp.before.max.ms", Kind::Long, "9223372036854775807", nullptr, 0},
        {"message.timestamp.difference.max.ms", Kind::Long, "9223372036854775807", nullptr, 0},
        {"message.timestamp.type", Kind::Choice, "CreateTime", "log.message.timestamp.type", 0, 0,
         {"CreateTime", "LogAppendTime"}},
        {"min.cleanable.dirty.ratio", Kind::Double, "0.5", nullptr},
        {"min.compaction.lag.ms", Kind::Long, "0", nullptr, 0},
        {"min.insync.replicas", Kind::Int, "1", "min.insync.replicas", 1, MaxInt},
        {"preallocate", Kind::Boolean, "false", nullptr},
        {"remote.storage.enable", Kind::Boolean, "false", nullptr},
        {"retention.bytes", Kind::Long, "-1", "log.retention.bytes", INT64_MIN},
        {"retention.ms", Kind::Long, "604800000", "log.retention.ms", -1},
        {"segment.bytes", Kind::Int, "1073741824", "log.segment.bytes", 14, MaxInt},
        {"segment.index.bytes", Kind::Int, "10485760", nullptr, 4, MaxInt},
        {"segment.jitter.ms", Kind::Long, "0", nullptr, 0},
        {"segment.ms", Kind::Long, "604800000", "log.roll.ms", 1},
        {"unclean.leader.election.enable", Kind::Boolean, "false", nullptr},
    };
    return table;
}

const TopicEntry* findTopicEntry(const std::string& name)
{
    for (const auto& entry : topicEntries()) {
        if (name == entry.name)
            return &entry;
    }
    return nullptr;
}

bool validValue(const TopicEntry& entry, const std::string& value)
{
    switch (entry.kind) {
    case Kind::Long:
        return parseInteger(value, entry.min, entry.max).has_value();
    case Kind::Int:
        return parseInteger(value, entry.min, std::min<int64_t>(entry.max, INT32_MAX)).has_value();
    case Kind::Boolean:
        return configparse::parseBool(value).has_value();
    case Kind::Double:
        return configparse::parseDouble(value, 0.0, 1.0).has_value();
    case Kind::Choice:
        return std::find(entry.choices.begin(), entry.choices.end(), value) != entry.choices.end();
    case Kind::ChoiceList: {
        const auto items = configparse::parseList(value);
        if (items.empty())
            return false;
        return std::all_of(items.begin(), items.end(), [&](const std::string& item) {
            return std::find(entry.choices.begin(), entry.choices.end(), item) != entry.choices.end();
        });
    }
    case Kind::Text:
        return true;
    }
    return false;
}

ConfigType typeOf(Kind kind)
{
    switch (kind) {
    case Kind::Long:
        return ConfigType::Long;
    case Kind::Int:
        return ConfigType::Int;
    case Kind::Boolean:
        return ConfigType::Boolean;
    case Kind::Double:
        return ConfigType::Double;
    case Kind::Choice:
    case Kind::Text:
        return ConfigType::String;
    case Kind::ChoiceList:
        return ConfigType::List;
    }
    return ConfigType::Unknown;
}

// The value a topic gets without an override: the broker's synonym, else Kafka's default.
std::string inheritedValue(const TopicEntry& entry, const BrokerConfig& broker)
{
    if (entry.brokerKey) {
        if (auto value = broker.value(entry.brokerKey))
            return *value;
    }
    return entry.defaultValue;
}

int64_t integerOr(const ConfigMap& overrides, const BrokerConfig& broker, const char* name, int64_t fallback)
{
    const TopicEntry* entry = findTopicEntry(name);
    const auto it = overrides.find(name);
    const std::string text = it != overrides.end() ? it->second : inheritedValue(*entry, broker);
    return parseInteger(text, INT64_MIN, INT64_MAX).value_or(fallback);
}

std::string textOr(const ConfigMap& overrides, const BrokerConfig& broker, const char* name)
{
    const auto it = overrides.find(name);
    return it != overrides.end() ? it->second : inheritedValue(*findTopicEntry(name), broker);
}

} // namespace

bool TopicConfig::isKnown(const std::string& name)
{
    return findTopicEntry(name) != nullptr;
}

ErrorCode TopicConfig::validate(const ConfigMap& overrides, std::string* message)
{
    for (const auto& [name, value] : overrides) {
        const TopicEntry* entry = findTopicEntry(name);
        if (!entry) {
            if (message)
                *message = "Unknown topic config name: " + name;
            return ErrorCode::InvalidConfig;
        }
        if (!validValue(*entry, value)) {
            if (message)
                *message = "Invalid value " + value + " for configuration " + name;
            return ErrorCode::InvalidConfig;
        }
    }
    return ErrorCode::None;
}

ErrorCode TopicConfig::apply(ConfigMap& overrides, const ConfigAlteration& change, std::string* message)
{
    const TopicEntry* entry = findTopicEntry(change.name);
    if (!entry) {
        if (message)
            *message = "Unknown topic config name: " + change.name;
        return ErrorCode::InvalidConfig;
    }
    const bool isList = entry->kind == Kind::ChoiceList || change.name.find("throttled.replicas") != std::string::npos;
    switch (change.op) {
    case AlterConfigOp::Set:
        if (!validValue(*entry, change.value)) {
            if (message)
                *message = "Invalid value " + change.value + " for configuration " + change.name;
            return ErrorCode::InvalidConfig;
        }
        overrides[change.name] = change.value;
        return ErrorCode::None;
    case AlterConfigOp::Delete:
        overrides.erase(change.name);
        return ErrorCode::None;
    case AlterConfigOp::Append:
    case AlterConfigOp::Subtract: {
        if (!isList) {
            if (message)
                *message = "Config " + change.name + " is not a list: APPEND and SUBTRACT need a list config";
            return ErrorCode::InvalidRequest;
        }
        const auto it = overrides.find(change.name);
        auto items = configparse::parseList(it != overrides.end() ? it->second : std::string(entry->defaultValue));
        for (const auto& item : configparse::parseList(change.value)) {
            const auto found = std::find(items.begin(), items.end(), item);
            if (change.op == AlterConfigOp::Append && found == items.end())
                items.push_back(item);
            else if (change.op == AlterConfigOp::Subtract && found != items.end())
                items.erase(found);
        }
        const std::string joined = configparse::joinList(items);
        if (!validValue(*entry, joined)) {
            if (message)
                *message = "Invalid value " + joined + " for configuration " + change.name;
            return ErrorCode::InvalidConfig;
        }
        overrides[change.name] = joined;
        return ErrorCode::None;
    }
    }
    if (message)
        *message = "Unknown config operation";
    return ErrorCode::InvalidRequest;
}

TopicConfig TopicConfig::resolve(const ConfigMap& overrides, const BrokerConfig& broker)
{
    TopicConfig config;
    config.retentionMs = integerOr(overrides, broker, "retention.ms", config.retentionMs);
    config.retentionBytes = integerOr(overrides, broker, "retention.bytes", config.retentionBytes);
    config.segmentBytes = static_cast<int32_t>(integerOr(overrides, broker, "segment.bytes", config.segmentBytes));
    config.segmentMs = integerOr(overrides, broker, "segment.ms", config.segmentMs);
    config.maxMessageBytes =
        static_cast<int32_t>(integerOr(overrides, broker, "max.message.bytes", config.maxMessageBytes));
    config.flushMessages = integerOr(overrides, broker, "flush.messages", config.flushMessages);
    config.flushMs = integerOr(overrides, broker, "flush.ms", config.flushMs);
    config.indexIntervalBytes =
        static_cast<int32_t>(integerOr(overrides, broker, "index.interval.bytes", config.indexIntervalBytes));
    config.minCompactionLagMs = integerOr(overrides, broker, "min.compaction.lag.ms", config.minCompactionLagMs);
    config.deleteRetentionMs = integerOr(overrides, broker, "delete.retention.ms", config.deleteRetentionMs);
    {
        const std::string ratio = textOr(overrides, broker, "min.cleanable.dirty.ratio");
        char* end = nullptr;
        const double parsed = std::strtod(ratio.c_str(), &end);
        if (!ratio.empty() && end && *end == '\0' && parsed >= 0 && parsed <= 1)
            config.minCleanableDirtyRatio = parsed;
    }
    const auto policy = configparse::parseList(textOr(overrides, broker, "cleanup.policy"));
    config.cleanupDelete = std::find(policy.begin(), policy.end(), "delete") != policy.end();
    config.cleanupCompact = std::find(policy.begin(), policy.end(), "compact") != policy.end();
    config.timestampType = textOr(overrides, broker, "message.timestamp.type") == "LogAppendTime"
                               ? TimestampType::LogAppendTime
                               : TimestampType::CreateTime;
    config.compression = compressionCodecFromName(textOr(overrides, broker, "compression.type"));
    config.messageDownconversionEnable
        = configparse::parseBool(textOr(overrides, broker, "message.downconversion.enable")).value_or(true);
    return config;
}

std::vector<ConfigDescription> TopicConfig::describe(const ConfigMap& overrides, const BrokerConfig& broker)
{
    std::vector<ConfigDescription> out;
    for (const auto& entry : topicEntries()) {
        ConfigDescription description;
        description.name = entry.name;
        description.type = typeOf(entry.kind);
        const auto it = overrides.find(entry.name);
        description.documentation = topicConfigDocumentation(entry.name);
        const bool brokerSet = entry.brokerKey && broker.isExplicit(entry.brokerKey);
        // A dynamic broker config (AlterConfigs on the broker) comes before the --set one.
        const bool brokerDynamic = entry.brokerKey && broker.dynamicValues.count(entry.brokerKey);
        if (it != overrides.end()) {
            description.value = it->second;
            description.source = ConfigSource::DynamicTopicConfig;
            description.isDefault = false;
            description.synonyms.push_back({entry.name, it->second, ConfigSource::DynamicTopicConfig});
        } else {
            description.value = inheritedValue(entry, broker);
            description.source = brokerDynamic ? ConfigSource::DynamicBrokerConfig
                : brokerSet                    ? ConfigSource::StaticBrokerConfig
                                               : ConfigSource::DefaultConfig;
            description.isDefault = !brokerSet && !brokerDynamic;
        }
        if (brokerDynamic)
            description.synonyms.push_back({entry.brokerKey, broker.value(entry.brokerKey),
                                            ConfigSource::DynamicBrokerConfig});
        if (brokerSet)
            description.synonyms.push_back({entry.brokerKey,
                                            brokerDynamic ? broker.staticValues.at(entry.brokerKey)
                                                          : *broker.value(entry.brokerKey),
                                            ConfigSource::StaticBrokerConfig});
        if (entry.brokerKey) {
            const BrokerConfig defaults;
            description.synonyms.push_back({entry.brokerKey, defaults.value(entry.brokerKey), ConfigSource::DefaultConfig});
        }
        out.push_back(std::move(description));
    }
    return out;
}

} // namespace samsa::broker
