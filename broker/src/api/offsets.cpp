// OffsetCommit, OffsetFetch and OffsetDelete.

#include "api/handlers.h"
#include "api/requestscope.h"
#include "common/errors.h"
#include "group/groupcoordinator.h"
#include "protocol/messages/offsetcommit.h"
#include "protocol/messages/offsetdelete.h"
#include "protocol/messages/offsetfetch.h"

#include <algorithm>

namespace samsa::broker::api {

using protocol::OffsetCommitRequest;
using protocol::OffsetCommitResponse;
using protocol::OffsetDeleteRequest;
using protocol::OffsetDeleteResponse;
using protocol::OffsetFetchRequest;
using protocol::OffsetFetchResponse;
using security::AclOperation;
using security::ResourceType;

namespace {

using TopicRequest = std::pair<std::string, std::vector<int32_t>>;

// Groups a flat list of results by topic, keeping the order topics first appear in.
template <typename Item>
std::vector<std::pair<std::string, std::vector<const Item*>>> byTopic(const std::vector<Item>& items)
{
    std::vector<std::pair<std::string, std::vector<const Item*>>> topics;
    for (const auto& item : items) {
        auto it = std::find_if(topics.begin(), topics.end(), [&](const auto& t) { return t.first == item.topic; });
        if (it == topics.end()) {
            topics.emplace_back(item.topic, std::vector<const Item*> {});
            it = topics.end() - 1;
        }
        it->second.push_back(&item);
    }
    return topics;
}

std::optional<std::vector<TopicRequest>> fetchTopics(const std::optional<std::vector<OffsetFetchRequest::Topic>>& topics)
{
    if (!topics)
        return std::nullopt;
    std::vector<TopicRequest> out;
    for (const auto& topic : *topics)
        out.emplace_back(topic.name, topic.partitionIndexes);
    return out;
}

std::vector<OffsetFetchResponse::Topic> fetchedTopics(const std::vector<group::FetchedOffset>& offsets)
{
    std::vector<OffsetFetchResponse::Topic> topics;
    for (const auto& [name, partitions] : byTopic(offsets)) {
        OffsetFetchResponse::Topic topic;
        topic.name = name;
        for (const auto* p : partitions) {
            OffsetFetchResponse::Partition partition;
            partition.partitionIndex = p->partition;
            partition.committedOffset = p->offset;
            partition.committedLeaderEpoch = p->leaderEpoch;
            // Never null: some clients cannot take a null metadata string.
            partition.metadata = p->metadata;
            partition.errorCode = static_cast<int16_t>(p->error);
            topic.partitions.push_back(std::move(partition));
        }
        topics.push_back(std::move(topic));
    }
    return topics;
}

// One group's committed offsets for OffsetFetch: DESCRIBE on the group, and on each topic. Topics
// named in the request are answered TOPIC_AUTHORIZATION_FAILED; of "all topics", they are left out.
ErrorCode fetchAuthorized(RequestScope& scope, const std::string& groupId,
    const std::optional<std::vector<OffsetFetchRequest::Topic>>& topics, std::vector<group::FetchedOffset>* offsets)
{
    if (!scope.authorize(AclOperation::Describe, ResourceType::Group, groupId)) {
        // v0-1 have no top-level error: each partition asked for carries it, as Kafka answers.
        for (const auto& topic : topics.value_or(std::vector<OffsetFetchRequest::Topic> {}))
            for (const int32_t partition : topic.partitionIndexes)
                offsets->push_back({ topic.name, partition, -1, -1, std::string(), ErrorCode::GroupAuthorizationFailed });
        return ErrorCode::GroupAuthorizationFailed;
    }
    const ErrorCode error = scope.broker.groups->fetchOffsets(groupId, fetchTopics(topics), offsets);
    std::erase_if(*offsets, [&](group::FetchedOffset& offset) {
        if (scope.authorize(AclOperation::Describe, ResourceType::Topic, offset.topic))
            return false;
        offset = { offset.topic, offset.partition, -1, -1, std::string(), ErrorCode::TopicAuthorizationFailed };
        return !topics;
    });
    return error;
}

} // namespace

OffsetCommitResponse handle(RequestScope& scope, const OffsetCommitRequest& request)
{
    std::vector<group::OffsetCommit> commits;
    for (const auto& topic : request.topics) {
        for (const auto& partition : topic.partitions) {
            group::OffsetCommit commit;
            commit.topic = topic.name;
            commit.partition = partition.partitionIndex;
            commit.offset = partition.committedOffset;
            commit.leaderEpoch = partition.committedLeaderEpoch;
            commit.metadata = partition.committedMetadata;
            commits.push_back(std::move(commit));
        }
    }
    // READ on the group, then READ on each topic; only the allowed partitions reach the group.
    const bool groupAllowed = scope.authorize(AclOperation::Read, ResourceType::Group, request.groupId);
    std::vector<ErrorCode> errors(commits.size(), ErrorCode::GroupAuthorizationFailed);
    std::vector<group::OffsetCommit> allowed;
    std::vector<size_t> allowedAt;
    for (size_t i = 0; groupAllowed && i < commits.size(); ++i) {
        if (scope.authorize(AclOperation::Read, ResourceType::Topic, commits[i].topic)) {
            allowed.push_back(commits[i]);
            allowedAt.push_back(i);
        } else {
            errors[i] = ErrorCode::TopicAuthorizationFailed;
        }
    }
    if (!allowed.empty()) {
        const auto results = scope.broker.groups->commitOffsets(
            request.groupId, request.generationIdOrMemberEpoch, request.memberId, request.groupInstanceId, allowed);
        for (size_t j = 0; j < results.size(); ++j)
            errors[allowedAt[j]] = results[j];
    }

    OffsetCommitResponse response;
    for (const auto& [name, partitions] : byTopic(commits)) {
        OffsetCommitResponse::Topic topic;
        topic.name = name;
        for (const auto* p : partitions)
            topic.partitions.push_back(
                { p->partition, static_cast<int16_t>(errors[static_cast<size_t>(p - commits.data())]) });
        response.topics.push_back(std::move(topic));
    }
    return response;
}

OffsetFetchResponse handle(RequestScope& scope, const OffsetFetchRequest& request)
{
    OffsetFetchResponse response;
    if (scope.version() <= 7) {
        std::vector<group::FetchedOffset> offsets;
        const ErrorCode error = fetchAuthorized(scope, request.groupId, request.topics, &offsets);
        response.topics = fetchedTopics(offsets);
        response.errorCode = static_cast<int16_t>(error);
        return response;
    }
    for (const auto& group : request.groups) {
        std::vector<group::FetchedOffset> offsets;
        const ErrorCode error = fetchAuthorized(scope, group.groupId, group.topics, &offsets);
        OffsetFetchResponse::Group g;
        g.groupId = group.groupId;
        g.topics = fetchedTopics(offsets);
        g.errorCode = static_cast<int16_t>(error);
        response.groups.push_back(std::move(g));
    }
    return response;
}

OffsetDeleteResponse handle(RequestScope& scope, const OffsetDeleteRequest& request)
{
    OffsetDeleteResponse response;
    // DELETE on the group, READ on each topic; only the allowed partitions reach the group.
    if (!scope.authorize(AclOperation::Delete, ResourceType::Group, request.groupId)) {
        response.errorCode = static_cast<int16_t>(ErrorCode::GroupAuthorizationFailed);
        return response;
    }
    std::vector<group::TopicPartition> partitions;
    std::vector<group::TopicPartition> allowed;
    for (const auto& topic : request.topics) {
        for (const auto& partition : topic.partitions) {
            partitions.emplace_back(topic.name, partition.partitionIndex);
            if (scope.authorize(AclOperation::Read, ResourceType::Topic, topic.name))
                allowed.emplace_back(topic.name, partition.partitionIndex);
        }
    }
    std::vector<ErrorCode> allowedErrors;
    const ErrorCode error = scope.broker.groups->deleteOffsets(request.groupId, allowed, &allowedErrors);
    response.errorCode = static_cast<int16_t>(error);
    if (error != ErrorCode::None)
        return response;
    std::vector<ErrorCode> errors;
    for (size_t i = 0, j = 0; i < partitions.size(); ++i) {
        const bool wasAllowed = j < allowed.size() && allowed[j] == partitions[i];
        errors.push_back(wasAllowed ? allowedErrors[j++] : ErrorCode::TopicAuthorizationFailed);
    }
    struct Item {
        std::string topic;
        int32_t partition;
        ErrorCode error;
    };
    std::vector<Item> items;
    for (size_t i = 0; i < partitions.size(); ++i)
        items.push_back({ partitions[i].first, partitions[i].second, errors[i] });
    for (const auto& [name, entries] : byTopic(items)) {
        OffsetDeleteResponse::Topic topic;
        topic.name = name;
        for (const auto* entry : entries)
            topic.partitions.push_back({ entry->partition, static_cast<int16_t>(entry->error) });
        response.topics.push_back(std::move(topic));
    }
    return response;
}

} // namespace samsa::broker::api
