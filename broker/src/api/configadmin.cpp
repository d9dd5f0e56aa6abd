#include "api/requestscope.h"
#include "common/errors.h"
#include "storage/brokerconfig.h"
#include "storage/logmanager.h"

#include <algorithm>

namespace samsa::broker::api {

namespace {

constexpr int8_t kResourceTopic = 2;
constexpr int8_t kResourceBroker = 4;
constexpr int8_t kResourceBrokerLogger = 8;

std::optional<std::string> messageOrNull(ErrorCode error, const std::string& message)
{
    if (error == ErrorCode::None || message.empty())
        return std::nullopt;
    return message;
}

bool isThisBroker(const LogManager& logs, const std::string& name)
{
    return name.empty() || name == std::to_string(logs.nodeId());
}

struct Resource {
    int8_t type = 0;
    std::string name;
    std::optional<std::vector<std::string>> keys;
};

void writeConfig(
    protocol::ByteWriter& out, int16_t v, bool flexible, const ConfigDescription& c, bool synonyms, bool documentation)
{
    out.writeString(flexible, c.name);
    out.writeNullableString(flexible, c.sensitive ? std::nullopt : c.value);
    out.writeBool(c.readOnly);
    if (v == 0)
        out.writeBool(c.isDefault);
    else
        out.writeInt8(static_cast<int8_t>(c.source));
    out.writeBool(c.sensitive);
    if (v >= 1) {
        if (synonyms) {
            out.writeArrayLength(flexible, static_cast<int32_t>(c.synonyms.size()));
            for (const auto& s : c.synonyms) {
                out.writeString(flexible, s.name);
                out.writeNullableString(flexible, c.sensitive ? std::nullopt : s.value);
                out.writeInt8(static_cast<int8_t>(s.source));
                if (flexible)
                    out.writeEmptyTaggedFields();
            }
        } else {
            out.writeArrayLength(flexible, 0);
        }
    }
    if (v >= 3) {
        out.writeInt8(static_cast<int8_t>(c.type));
        out.writeNullableString(
            flexible, documentation && !c.documentation.empty() ? std::optional(c.documentation) : std::nullopt);
    }
    if (flexible)
        out.writeEmptyTaggedFields();
}

} // namespace

HandlerStatus handleDescribeConfigs(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    const int16_t v = scope.version();
    const bool flexible = v >= 4;
    LogManager& logs = scope.broker.logs;
    std::vector<Resource> resources;
    const int32_t count = in.readArrayLength(flexible);
    for (int32_t i = 0; i < count && in.ok(); ++i) {
        Resource r;
        r.type = in.readInt8();
        r.name = in.readString(flexible);
        const int32_t keys = in.readArrayLength(flexible);
        if (keys >= 0) {
            r.keys.emplace();
            for (int32_t k = 0; k < keys && in.ok(); ++k)
                r.keys->push_back(in.readString(flexible));
        }
        if (flexible)
            in.skipTaggedFields();
        resources.push_back(std::move(r));
    }
    bool synonyms = false;
    bool documentation = false;
    if (v >= 1)
        synonyms = in.readBool();
    if (v >= 3)
        documentation = in.readBool();
    if (flexible)
        in.skipTaggedFields();
    if (!in.ok())
        return HandlerStatus::Malformed;

    out.writeInt32(0); // throttle
    out.writeArrayLength(flexible, static_cast<int32_t>(resources.size()));
    for (const auto& r : resources) {
        ErrorCode error = ErrorCode::None;
        std::string message;
        std::vector<ConfigDescription> configs;
        if (r.type == kResourceTopic) {
            auto result = logs.describeTopicConfigs(r.name);
            error = result.error;
            message = result.message;
            configs = std::move(result.configs);
        } else if (r.type == kResourceBroker) {
            if (isThisBroker(logs, r.name)) {
                configs = logs.describeBrokerConfigs();
            } else {
                error = ErrorCode::InvalidRequest;
                message = "Unexpected broker id, expected " + std::to_string(logs.nodeId()) + " but received " + r.name;
            }
        } else if (r.type == kResourceBrokerLogger) {
            error = ErrorCode::None; // no dynamic loggers: an empty list
        } else {
            error = ErrorCode::InvalidRequest;
            message = "Unsupported resource type " + std::to_string(r.type);
        }
        if (r.keys && !r.keys->empty()) {
            std::erase_if(configs, [&r](const ConfigDescription& c) {
                return std::find(r.keys->begin(), r.keys->end(), c.name) == r.keys->end();
            });
        }
        out.writeInt16(static_cast<int16_t>(error));
        out.writeNullableString(flexible, messageOrNull(error, message));
        out.writeInt8(r.type);
        out.writeString(flexible, r.name);
        out.writeArrayLength(flexible, static_cast<int32_t>(configs.size()));
        for (const auto& c : configs)
            writeConfig(out, v, flexible, c, synonyms, documentation);
        if (flexible)
            out.writeEmptyTaggedFields();
    }
    if (flexible)
        out.writeEmptyTaggedFields();
    return HandlerStatus::Respond;
}

namespace {

struct AlterResource {
    int8_t type = 0;
    std::string name;
    std::vector<ConfigAlteration> changes;
    bool badOperation = false;
};

bool readAlterRequest(protocol::ByteReader& in, bool flexible, bool incremental, std::vector<AlterResource>& resources,
    bool* validateOnly)
{
    const int32_t count = in.readArrayLength(flexible);
    for (int32_t i = 0; i < count && in.ok(); ++i) {
        AlterResource r;
        r.type = in.readInt8();
        r.name = in.readString(flexible);
        const int32_t configs = in.readArrayLength(flexible);
        for (int32_t c = 0; c < configs && in.ok(); ++c) {
            ConfigAlteration change;
            change.name = in.readString(flexible);
            if (incremental) {
                const int8_t op = in.readInt8();
                if (op < 0 || op > 3)
                    r.badOperation = true;
                change.op = static_cast<AlterConfigOp>(op);
            }
            auto value = in.readNullableString(flexible);
            if (flexible)
                in.skipTaggedFields();
            if (!incremental && !value)
                continue; // AlterConfigs: a null value leaves the key out, i.e. back to its default
            change.value = value.value_or(std::string());
            r.changes.push_back(std::move(change));
        }
        if (flexible)
            in.skipTaggedFields();
        resources.push_back(std::move(r));
    }
    *validateOnly = in.readBool();
    if (flexible)
        in.skipTaggedFields();
    return in.ok();
}

HandlerStatus answerAlter(
    RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out, bool flexible, bool incremental)
{
    LogManager& logs = scope.broker.logs;
    std::vector<AlterResource> resources;
    bool validateOnly = false;
    if (!readAlterRequest(in, flexible, incremental, resources, &validateOnly))
        return HandlerStatus::Malformed;
    out.writeInt32(0); // throttle
    out.writeArrayLength(flexible, static_cast<int32_t>(resources.size()));
    for (const auto& r : resources) {
        TopicResult result;
        if (r.badOperation) {
            result = { ErrorCode::InvalidRequest, "Unknown config operation" };
        } else if (r.type == kResourceTopic) {
            if (incremental) {
                result = logs.incrementalAlterConfigs(r.name, r.changes, validateOnly);
            } else {
                ConfigMap map;
                for (const auto& c : r.changes)
                    map[c.name] = c.value;
                result = logs.alterConfigs(r.name, map, validateOnly);
            }
        } else if (r.type == kResourceBroker || r.type == kResourceBrokerLogger) {
            if (r.changes.empty() && isThisBroker(logs, r.name)) {
                result = {};
            } else {
                result = { ErrorCode::InvalidConfig,
                    "Broker configs cannot be changed at runtime; start samsa-broker with --set KEY=VALUE" };
            }
        } else {
            result = { ErrorCode::InvalidRequest, "Unsupported resource type " + std::to_string(r.type) };
        }
        out.writeInt16(static_cast<int16_t>(result.error));
        out.writeNullableString(flexible, messageOrNull(result.error, result.message));
        out.writeInt8(r.type);
        out.writeString(flexible, r.name);
        if (flexible)
            out.writeEmptyTaggedFields();
    }
    if (flexible)
        out.writeEmptyTaggedFields();
    return HandlerStatus::Respond;
}

} // namespace

HandlerStatus handleAlterConfigs(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    return answerAlter(scope, in, out, scope.version() >= 2, false);
}

HandlerStatus handleIncrementalAlterConfigs(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    return answerAlter(scope, in, out, scope.version() >= 1, true);
}

} // namespace samsa::broker::api
