#include "api/clientmessage.h"
#include "api/handlers.h"
#include "api/requestscope.h"
#include "common/errors.h"
#include "protocol/messages/alterconfigs.h"
#include "protocol/messages/describeconfigs.h"
#include "protocol/messages/incrementalalterconfigs.h"
#include "storage/brokerconfig.h"
#include "storage/logmanager.h"

#include <algorithm>

namespace samsa::broker::api {

using protocol::AlterConfigsRequest;
using protocol::AlterConfigsResponse;
using protocol::DescribeConfigsRequest;
using protocol::DescribeConfigsResponse;
using protocol::IncrementalAlterConfigsRequest;
using protocol::IncrementalAlterConfigsResponse;

namespace {

constexpr int8_t kResourceTopic = 2;
constexpr int8_t kResourceBroker = 4;
constexpr int8_t kResourceBrokerLogger = 8;

std::optional<std::string> messageOrNull(ErrorCode error, const std::string& message)
{
    return clientErrorMessage(error, message);
}

// DESCRIBE_CONFIGS or ALTER_CONFIGS on the topic, or on the cluster for the broker's configs.
ErrorCode configRefusal(const RequestScope& scope, int8_t type, const std::string& name, security::AclOperation operation)
{
    if (type == kResourceTopic)
        return scope.authorize(operation, security::ResourceType::Topic, name) ? ErrorCode::None
                                                                                : ErrorCode::TopicAuthorizationFailed;
    if (type == kResourceBroker || type == kResourceBrokerLogger)
        return scope.authorizeCluster(operation) ? ErrorCode::None : ErrorCode::ClusterAuthorizationFailed;
    return ErrorCode::None; // an unknown type is refused as such
}

bool isThisBroker(const LogManager& logs, const std::string& name)
{
    return name.empty() || name == std::to_string(logs.nodeId());
}

// One config as DescribeConfigs lists it; the encoder keeps the fields of the asked version
// (IsDefault in v0, source and synonyms from v1, type and documentation from v3).
DescribeConfigsResponse::Config describeConfig(const ConfigDescription& c, bool synonyms, bool documentation)
{
    DescribeConfigsResponse::Config config;
    config.name = c.name;
    config.value = c.sensitive ? std::nullopt : c.value;
    config.readOnly = c.readOnly;
    config.isDefault = c.isDefault;
    config.configSource = static_cast<int8_t>(c.source);
    config.isSensitive = c.sensitive;
    if (synonyms) {
        for (const auto& s : c.synonyms)
            config.synonyms.push_back({ s.name, c.sensitive ? std::nullopt : s.value, static_cast<int8_t>(s.source) });
    }
    config.configType = static_cast<int8_t>(c.type);
    if (documentation && !c.documentation.empty())
        config.documentation = c.documentation;
    return config;
}

struct DescribedResource {
    ErrorCode error = ErrorCode::None;
    std::string message;
    std::vector<ConfigDescription> configs;
};

DescribedResource describeResource(LogManager& logs, const DescribeConfigsRequest::Resource& r)
{
    DescribedResource d;
    if (r.resourceType == kResourceTopic) {
        auto result = logs.describeTopicConfigs(r.resourceName);
        d.error = result.error;
        d.message = result.message;
        d.configs = std::move(result.configs);
    } else if (r.resourceType == kResourceBroker) {
        if (isThisBroker(logs, r.resourceName)) {
            d.configs = logs.describeBrokerConfigs();
        } else {
            d.error = ErrorCode::InvalidRequest;
            d.message = "Unexpected broker id, expected " + std::to_string(logs.nodeId()) + " but received "
                + r.resourceName;
        }
    } else if (r.resourceType == kResourceBrokerLogger) {
        d.error = ErrorCode::None; // no dynamic loggers: an empty list
    } else {
        d.error = ErrorCode::InvalidRequest;
        d.message = "Unsupported resource type " + std::to_string(r.resourceType);
    }
    const auto& keys = r.configurationKeys;
    if (keys && !keys->empty()) {
        std::erase_if(d.configs, [&keys](const ConfigDescription& c) {
            return std::find(keys->begin(), keys->end(), c.name) == keys->end();
        });
    }
    return d;
}

} // namespace

DescribeConfigsResponse handle(RequestScope& scope, const DescribeConfigsRequest& request)
{
    DescribeConfigsResponse response;
    for (const auto& r : request.resources) {
        const ErrorCode refusal
            = configRefusal(scope, r.resourceType, r.resourceName, security::AclOperation::DescribeConfigs);
        DescribedResource d
            = refusal == ErrorCode::None ? describeResource(scope.broker.logs, r) : DescribedResource { refusal, {}, {} };
        DescribeConfigsResponse::Result result;
        result.errorCode = static_cast<int16_t>(d.error);
        result.errorMessage = messageOrNull(d.error, d.message);
        result.resourceType = r.resourceType;
        result.resourceName = r.resourceName;
        for (const auto& c : d.configs)
            result.configs.push_back(describeConfig(c, request.includeSynonyms, request.includeDocumentation));
        response.results.push_back(std::move(result));
    }
    return response;
}

namespace {

struct AlterResource {
    int8_t type = 0;
    std::string name;
    std::vector<ConfigAlteration> changes;
    bool badOperation = false;
};

AlterResource alterationsOf(const AlterConfigsRequest::Resource& resource)
{
    AlterResource r { resource.resourceType, resource.resourceName, {}, false };
    for (const auto& config : resource.configs) {
        if (!config.value)
            continue; // AlterConfigs: a null value leaves the key out, i.e. back to its default
        r.changes.push_back({ config.name, AlterConfigOp::Set, *config.value });
    }
    return r;
}

AlterResource alterationsOf(const IncrementalAlterConfigsRequest::Resource& resource)
{
    AlterResource r { resource.resourceType, resource.resourceName, {}, false };
    for (const auto& config : resource.configs) {
        const int8_t op = config.configOperation;
        if (op < 0 || op > 3)
            r.badOperation = true;
        r.changes.push_back({ config.name, static_cast<AlterConfigOp>(op), config.value.value_or(std::string()) });
    }
    return r;
}

TopicResult alter(LogManager& logs, const AlterResource& r, bool incremental, bool validateOnly)
{
    if (r.badOperation)
        return { ErrorCode::InvalidRequest, "Unknown config operation" };
    if (r.type == kResourceTopic) {
        if (incremental)
            return logs.incrementalAlterConfigs(r.name, r.changes, validateOnly);
        ConfigMap map;
        for (const auto& c : r.changes)
            map[c.name] = c.value;
        return logs.alterConfigs(r.name, map, validateOnly);
    }
    if (r.type == kResourceBroker) {
        if (!isThisBroker(logs, r.name))
            return { ErrorCode::InvalidRequest,
                "Unexpected broker id, expected " + std::to_string(logs.nodeId()) + " but received " + r.name };
        if (incremental)
            return logs.incrementalAlterBrokerConfigs(r.changes, validateOnly);
        ConfigMap map;
        for (const auto& c : r.changes)
            map[c.name] = c.value;
        return logs.alterBrokerConfigs(map, validateOnly);
    }
    if (r.type == kResourceBrokerLogger) {
        if (r.changes.empty() && isThisBroker(logs, r.name))
            return {};
        return { ErrorCode::InvalidConfig, "Broker loggers cannot be changed at runtime" };
    }
    return { ErrorCode::InvalidRequest, "Unsupported resource type " + std::to_string(r.type) };
}

// AlterConfigs and IncrementalAlterConfigs answer in the same shape.
template <class Response, class Request> Response answerAlter(RequestScope& scope, const Request& request)
{
    constexpr bool incremental = std::is_same_v<Request, IncrementalAlterConfigsRequest>;
    Response response;
    for (const auto& resource : request.resources) {
        const AlterResource r = alterationsOf(resource);
        const ErrorCode refusal = configRefusal(scope, r.type, r.name, security::AclOperation::AlterConfigs);
        const TopicResult result = refusal == ErrorCode::None
            ? alter(scope.broker.logs, r, incremental, request.validateOnly)
            : TopicResult { refusal, {} };
        typename Response::Result answer;
        answer.errorCode = static_cast<int16_t>(result.error);
        answer.errorMessage = messageOrNull(result.error, result.message);
        answer.resourceType = r.type;
        answer.resourceName = r.name;
        response.responses.push_back(std::move(answer));
    }
    return response;
}

} // namespace

AlterConfigsResponse handle(RequestScope& scope, const AlterConfigsRequest& request)
{
    return answerAlter<AlterConfigsResponse>(scope, request);
}

IncrementalAlterConfigsResponse handle(RequestScope& scope, const IncrementalAlterConfigsRequest& request)
{
    return answerAlter<IncrementalAlterConfigsResponse>(scope, request);
}

} // namespace samsa::broker::api
