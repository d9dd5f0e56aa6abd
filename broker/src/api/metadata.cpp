#include "api/handlers.h"
#include "api/requestscope.h"
#include "common/errors.h"
#include "protocol/messages/metadata.h"
#include "storage/brokerconfig.h"
#include "storage/logmanager.h"

namespace samsa::broker::api {

using protocol::MetadataRequest;
using protocol::MetadataResponse;
using security::AclOperation;
using security::ResourceType;

namespace {

MetadataResponse::Topic topicAnswer(ErrorCode error, const std::optional<std::string>& name, const TopicId& id,
    bool internal, int32_t partitions, int32_t nodeId)
{
    MetadataResponse::Topic t;
    t.errorCode = static_cast<int16_t>(error);
    t.name = name;
    t.topicId = id;
    t.isInternal = internal;
    for (int32_t p = 0; p < partitions; ++p) {
        MetadataResponse::Partition partition;
        partition.partitionIndex = p;
        partition.leaderId = nodeId;
        partition.leaderEpoch = 0;
        partition.replicaNodes = { nodeId };
        partition.isrNodes = { nodeId };
        t.partitions.push_back(std::move(partition));
    }
    // topic authorized operations: not computed, left at INT32_MIN
    return t;
}

// One topic asked for by name (v0-9 always, v10+ when the name is set) or by id.
MetadataResponse::Topic answerFor(RequestScope& scope, const MetadataRequest::Topic& r, bool allowAutoCreate)
{
    LogManager& logs = scope.broker.logs;
    const int32_t nodeId = logs.nodeId();
    // Before v10 the name is never null: a null there reads as the empty name.
    const bool byName = r.name || scope.version() < 10;
    if (!byName) {
        const auto topic = logs.topicById(r.topicId);
        if (!topic)
            return topicAnswer(ErrorCode::UnknownTopicId, std::nullopt, r.topicId, false, 0, nodeId);
        if (!scope.authorize(AclOperation::Describe, ResourceType::Topic, topic->name))
            return topicAnswer(ErrorCode::TopicAuthorizationFailed, std::nullopt, r.topicId, false, 0, nodeId);
        return topicAnswer(ErrorCode::None, topic->name, topic->id, topic->internal, topic->partitionCount, nodeId);
    }
    const std::string name = r.name.value_or(std::string());
    // Whether the topic exists is not disclosed to a principal that may not describe it.
    if (!scope.authorize(AclOperation::Describe, ResourceType::Topic, name))
        return topicAnswer(ErrorCode::TopicAuthorizationFailed, name, TopicId {}, false, 0, nodeId);
    auto topic = logs.topic(name);
    if (!topic && allowAutoCreate && scope.broker.config.autoCreateTopics) {
        if (!scope.authorizeCluster(AclOperation::Create)
            && !scope.authorize(AclOperation::Create, ResourceType::Topic, name))
            return topicAnswer(ErrorCode::TopicAuthorizationFailed, name, TopicId {}, false, 0, nodeId);
        std::string message;
        if (!LogManager::isValidTopicName(name, &message))
            return topicAnswer(ErrorCode::InvalidTopicException, name, TopicId {}, false, 0, nodeId);
        const auto created = logs.createTopic(name, -1, {}, false);
        (void)created; // a concurrent creation is as good as ours
        topic = logs.topic(name);
    }
    if (!topic)
        return topicAnswer(ErrorCode::UnknownTopicOrPartition, name, r.topicId, false, 0, nodeId);
    return topicAnswer(ErrorCode::None, topic->name, topic->id, topic->internal, topic->partitionCount, nodeId);
}

} // namespace

MetadataResponse handle(RequestScope& scope, const MetadataRequest& request)
{
    const int16_t v = scope.version();
    LogManager& logs = scope.broker.logs;
    const int32_t nodeId = logs.nodeId();
    MetadataResponse response;
    // The endpoint of the listener this request arrived on (a fake connection in tests has none).
    const bool perListener = !scope.connection.advertisedHost.empty();
    response.brokers.push_back({ nodeId, perListener ? scope.connection.advertisedHost : scope.broker.advertisedHost,
        perListener ? scope.connection.advertisedPort : scope.broker.advertisedPort, std::nullopt });
    response.clusterId = logs.clusterId();
    response.controllerId = nodeId;

    // Topics: v0 empty = all; v1+ null = all, empty = none.
    const bool all = !request.topics || (v == 0 && request.topics->empty());
    if (all) {
        for (const auto& t : logs.topics()) {
            if (scope.authorize(AclOperation::Describe, ResourceType::Topic, t.name))
                response.topics.push_back(topicAnswer(ErrorCode::None, t.name, t.id, t.internal, t.partitionCount, nodeId));
        }
    } else {
        for (const auto& r : *request.topics) {
            auto answer = answerFor(scope, r, request.allowAutoTopicCreation);
            if (v < 12 && !answer.name)
                answer.name = std::string(); // the name is nullable only from v12
            response.topics.push_back(std::move(answer));
        }
    }
    // cluster authorized operations: not computed, left at INT32_MIN
    return response;
}

} // namespace samsa::broker::api
