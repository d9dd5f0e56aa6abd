#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace samsa::broker {

// DescribeConfigs' ConfigSource numbers (v1+).
enum class ConfigSource : int8_t {
    Unknown = 0,
    DynamicTopicConfig = 1,
    DynamicBrokerConfig = 2,
    DynamicDefaultBrokerConfig = 3,
    StaticBrokerConfig = 4,
    DefaultConfig = 5,
    DynamicBrokerLoggerConfig = 6,
};

// DescribeConfigs' ConfigType numbers (v3+).
enum class ConfigType : int8_t {
    Unknown = 0,
    Boolean = 1,
    String = 2,
    Int = 3,
    Short = 4,
    Long = 5,
    Double = 6,
    List = 7,
    Class = 8,
    Password = 9,
};

// One synonym of a config (DescribeConfigs v1+ with IncludeSynonyms): where else its value may
// come from, most specific first. For a topic config that is the topic override, then the
// broker's log.* setting, then the built-in default.
struct ConfigSynonym {
    std::string name;
    std::optional<std::string> value;
    ConfigSource source = ConfigSource::DefaultConfig;
};

// One entry of a DescribeConfigs answer. A sensitive entry's value is nullopt (Kafka sends null).
struct ConfigDescription {
    std::string name;
    std::optional<std::string> value;
    ConfigSource source = ConfigSource::DefaultConfig;
    bool isDefault = true;
    bool readOnly = false;
    bool sensitive = false;
    ConfigType type = ConfigType::String;
    std::string documentation;
    std::vector<ConfigSynonym> synonyms;
};

} // namespace samsa::broker
