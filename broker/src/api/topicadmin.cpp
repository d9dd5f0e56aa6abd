#include "api/clientmessage.h"
#include "api/handlers.h"
#include "api/requestscope.h"
#include "common/errors.h"
#include "group/groupcoordinator.h"
#include "protocol/messages/createpartitions.h"
#include "protocol/messages/createtopics.h"
#include "protocol/messages/deletetopics.h"
#include "storage/brokerconfig.h"
#include "storage/internaltopics.h"
#include "storage/logmanager.h"

#include <set>

namespace samsa::broker::api {

using protocol::CreatePartitionsRequest;
using protocol::CreatePartitionsResponse;
using protocol::CreateTopicsRequest;
using protocol::CreateTopicsResponse;
using protocol::DeleteTopicsRequest;
using protocol::DeleteTopicsResponse;

namespace {

std::optional<std::string> messageOrNull(ErrorCode error, const std::string& message)
{
    return clientErrorMessage(error, message);
}

// Every partition must have exactly one replica, on this broker.
bool badAssignment(const CreateTopicsRequest::Topic& t, int32_t nodeId)
{
    for (const auto& a : t.assignments) {
        if (a.brokerIds.size() != 1 || a.brokerIds.front() != nodeId)
            return true;
    }
    return false;
}

// The topic's configuration as CreateTopics v5+ reports it.
std::vector<CreateTopicsResponse::Config> describedConfigs(const ConfigMap& overrides, const BrokerConfig& config)
{
    std::vector<CreateTopicsResponse::Config> configs;
    for (const auto& c : TopicConfig::describe(overrides, config)) {
        configs.push_back({ c.name, c.sensitive ? std::nullopt : c.value, c.readOnly, static_cast<int8_t>(c.source),
            c.sensitive });
    }
    return configs;
}

// Partitions a CreateTopics request asks for in all, counted as Kafka does before it looks at
// anything else: explicit counts, the default for -1, the assignments when given.
int64_t requestedPartitions(const CreateTopicsRequest& request, int32_t defaultPartitions)
{
    int64_t total = 0;
    for (const auto& t : request.topics) {
        if (!t.assignments.empty())
            total += static_cast<int64_t>(t.assignments.size());
        else if (t.numPartitions == -1)
            total += defaultPartitions;
        else if (t.numPartitions > 0)
            total += t.numPartitions;
    }
    return total;
}

std::string tooManyPartitions(int64_t requested, int32_t limit)
{
    return "Excessively large number of partitions per request: " + std::to_string(requested)
        + " requested, max.partitions.per.request is " + std::to_string(limit) + ".";
}

const std::string NotAuthorized = "Authorization failed.";

} // namespace

CreateTopicsResponse handle(RequestScope& scope, const CreateTopicsRequest& request)
{
    LogManager& logs = scope.broker.logs;
    const int32_t nodeId = logs.nodeId();
    std::multiset<std::string> names;
    for (const auto& t : request.topics)
        names.insert(t.name);
    // Beyond the bound the whole request is refused before anything is looked at or created.
    const int64_t requested = requestedPartitions(request, scope.broker.config.numPartitions);
    const int32_t limit = scope.broker.config.maxPartitionsPerRequest;

    // CREATE on the cluster, or on each topic.
    const bool createAny = scope.authorizeCluster(security::AclOperation::Create);
    CreateTopicsResponse response;
    for (const auto& t : request.topics) {
        ConfigMap configs;
        for (const auto& c : t.configs) {
            if (c.value)
                configs[c.name] = *c.value;
        }
        const int32_t assignmentCount = static_cast<int32_t>(t.assignments.size());
        TopicResult result;
        int32_t partitions = t.numPartitions;
        if (!createAny && !scope.authorize(security::AclOperation::Create, security::ResourceType::Topic, t.name)) {
            result = { ErrorCode::TopicAuthorizationFailed, NotAuthorized };
        } else if (requested > limit) {
            result = { ErrorCode::PolicyViolation, tooManyPartitions(requested, limit) };
        } else if (names.count(t.name) > 1) {
            result = { ErrorCode::InvalidRequest, "Duplicate topic name in the request: " + t.name };
        } else if (assignmentCount > 0 && (t.numPartitions != -1 || t.replicationFactor != -1)) {
            result = { ErrorCode::InvalidRequest,
                "Both numPartitions or replicationFactor and replicasAssignments were set." };
        } else if (badAssignment(t, nodeId)) {
            result = { ErrorCode::InvalidReplicaAssignment,
                "Every partition must have exactly one replica, on broker " + std::to_string(nodeId) + "." };
        } else if (t.replicationFactor != -1 && t.replicationFactor != 1) {
            result = { ErrorCode::InvalidReplicationFactor,
                "Unable to replicate the partition " + std::to_string(t.replicationFactor)
                    + " time(s): The target replication factor of " + std::to_string(t.replicationFactor)
                    + " cannot be reached because only 1 broker(s) are registered." };
        } else if (t.numPartitions == 0 || t.numPartitions < -1) {
            result = { ErrorCode::InvalidPartitions, "Number of partitions must be larger than 0." };
        } else {
            if (assignmentCount > 0)
                partitions = assignmentCount;
            if (partitions == -1)
                partitions = scope.broker.config.numPartitions;
            result = logs.createTopic(t.name, partitions, configs, request.validateOnly);
        }
        const bool ok = result.error == ErrorCode::None;
        CreateTopicsResponse::Topic answer;
        answer.name = t.name;
        if (ok && !request.validateOnly) {
            if (auto d = logs.topic(t.name))
                answer.topicId = d->id;
        }
        answer.errorCode = static_cast<int16_t>(result.error);
        answer.errorMessage = messageOrNull(result.error, result.message);
        if (ok) {
            answer.numPartitions = partitions;
            answer.replicationFactor = 1;
            answer.configs = describedConfigs(configs, scope.broker.config);
        }
        response.topics.push_back(std::move(answer));
    }
    return response;
}

DeleteTopicsResponse handle(RequestScope& scope, const DeleteTopicsRequest& request)
{
    LogManager& logs = scope.broker.logs;
    // v6+ names topics by name or by id, earlier versions by name only.
    std::vector<DeleteTopicsRequest::Topic> targets = request.topics;
    for (const auto& name : request.topicNames)
        targets.push_back({ name, TopicId {} });

    DeleteTopicsResponse response;
    for (auto& t : targets) {
        TopicResult result;
        if (!t.name) {
            if (auto d = logs.topicById(t.topicId))
                t.name = d->name;
            else
                result = { ErrorCode::UnknownTopicId, "Topic id not found." };
        } else if (auto d = logs.topic(*t.name)) {
            t.topicId = d->id;
        }
        if (t.name && !scope.authorize(security::AclOperation::Delete, security::ResourceType::Topic, *t.name)) {
            result = { ErrorCode::TopicAuthorizationFailed, NotAuthorized };
        } else if (t.name && internaltopics::isKafkaInternal(*t.name)) {
            // Kafka refuses too; the group coordinator's state lives there. (_schemas may go: the
            // registry writes its state back into a new topic.)
            result = { ErrorCode::InvalidTopicException, "Cannot delete the internal topic " + *t.name };
        } else if (t.name && result.error == ErrorCode::None) {
            result = logs.deleteTopic(*t.name);
            if (result.error == ErrorCode::None)
                scope.broker.groups->removeOffsetsOfTopic(*t.name);
        }
        response.responses.push_back(
            { t.name, t.topicId, static_cast<int16_t>(result.error), messageOrNull(result.error, result.message) });
    }
    return response;
}

CreatePartitionsResponse handle(RequestScope& scope, const CreatePartitionsRequest& request)
{
    // Partitions the request would add in all; beyond the bound it is refused as a whole.
    int64_t requested = 0;
    for (const auto& t : request.topics) {
        if (const auto current = scope.broker.logs.topic(t.name); current && t.count > current->partitionCount)
            requested += t.count - current->partitionCount;
    }
    const int32_t limit = scope.broker.config.maxPartitionsPerRequest;
    CreatePartitionsResponse response;
    for (const auto& t : request.topics) {
        // More partitions would move groups to other __consumer_offsets partitions (and lose
        // their offsets); the registry reads only partition 0 of _schemas.
        const std::string refusal = internaltopics::clientWriteRefusal(scope.broker.logs, t.name);
        const TopicResult result
            = !scope.authorize(security::AclOperation::Alter, security::ResourceType::Topic, t.name)
            ? TopicResult { ErrorCode::TopicAuthorizationFailed, NotAuthorized }
            : !refusal.empty() ? TopicResult { ErrorCode::InvalidTopicException, refusal }
            : requested > limit
            ? TopicResult { ErrorCode::PolicyViolation, tooManyPartitions(requested, limit) }
            : scope.broker.logs.createPartitions(t.name, t.count, request.validateOnly);
        response.results.push_back(
            { t.name, static_cast<int16_t>(result.error), messageOrNull(result.error, result.message) });
    }
    return response;
}

} // namespace samsa::broker::api
