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
    const auto errors = scope.broker.groups->commitOffsets(
        request.groupId, request.generationIdOrMemberEpoch, request.memberId, request.groupInstanceId, commits);

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
    auto& groups = *scope.broker.groups;
    OffsetFetchResponse response;
    if (scope.version() <= 7) {
        std::vector<group::FetchedOffset> offsets;
        const ErrorCode error = groups.fetchOffsets(request.groupId, fetchTopics(request.topics), &offsets);
        response.topics = fetchedTopics(offsets);
        response.errorCode = static_cast<int16_t>(error);
        return response;
    }
    for (const auto& group : request.groups) {
        std::vector<group::FetchedOffset> offsets;
        const ErrorCode error = groups.fetchOffsets(group.groupId, fetchTopics(group.topics), &offsets);
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
    std::vector<group::TopicPartition> partitions;
    for (const auto& topic : request.topics)
        for (const auto& partition : topic.partitions)
            partitions.emplace_back(topic.name, partition.partitionIndex);
    std::vector<ErrorCode> errors;
    const ErrorCode error = scope.broker.groups->deleteOffsets(request.groupId, partitions, &errors);
    OffsetDeleteResponse response;
    response.errorCode = static_cast<int16_t>(error);
    if (error != ErrorCode::None)
        return response;
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
