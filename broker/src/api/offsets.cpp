// OffsetCommit, OffsetFetch and OffsetDelete.

#include "api/requestscope.h"
#include "common/errors.h"
#include "group/groupcoordinator.h"

namespace samsa::broker::api {

namespace {

using TopicRequest = std::pair<std::string, std::vector<int32_t>>;

// Groups a flat list of results by topic, keeping the order topics first appear in.
template<typename Item>
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

std::optional<std::vector<TopicRequest>> readFetchTopics(protocol::ByteReader& in, bool flexible)
{
    const int32_t count = in.readArrayLength(flexible);
    if (count < 0)
        return std::nullopt;
    std::vector<TopicRequest> topics;
    for (int32_t t = 0; t < count && in.ok(); ++t) {
        TopicRequest topic;
        topic.first = in.readString(flexible);
        const int32_t partitions = in.readArrayLength(flexible);
        for (int32_t p = 0; p < partitions && in.ok(); ++p)
            topic.second.push_back(in.readInt32());
        if (flexible)
            in.skipTaggedFields();
        topics.push_back(std::move(topic));
    }
    return topics;
}

void writeFetchedTopics(protocol::ByteWriter& out, int16_t v, bool flexible, const std::vector<group::FetchedOffset>& offsets)
{
    const auto topics = byTopic(offsets);
    out.writeArrayLength(flexible, static_cast<int32_t>(topics.size()));
    for (const auto& [name, partitions] : topics) {
        out.writeString(flexible, name);
        out.writeArrayLength(flexible, static_cast<int32_t>(partitions.size()));
        for (const auto* p : partitions) {
            out.writeInt32(p->partition);
            out.writeInt64(p->offset);
            if (v >= 5)
                out.writeInt32(p->leaderEpoch);
            // Never null: some clients cannot take a null metadata string.
            out.writeNullableString(flexible, p->metadata);
            out.writeInt16(static_cast<int16_t>(p->error));
            if (flexible)
                out.writeEmptyTaggedFields();
        }
        if (flexible)
            out.writeEmptyTaggedFields();
    }
}

} // namespace

HandlerStatus handleOffsetCommit(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    const int16_t v = scope.version();
    const bool flexible = v >= 8;
    const std::string groupId = in.readString(flexible);
    const int32_t generationId = v >= 1 ? in.readInt32() : -1;
    const std::string memberId = v >= 1 ? in.readString(flexible) : std::string();
    std::optional<std::string> groupInstanceId;
    if (v >= 7)
        groupInstanceId = in.readNullableString(flexible);
    if (v >= 2 && v <= 4)
        in.readInt64(); // retention time: the broker's offsets.retention.minutes applies
    std::vector<group::OffsetCommit> commits;
    const int32_t topicCount = in.readArrayLength(flexible);
    for (int32_t t = 0; t < topicCount && in.ok(); ++t) {
        const std::string topic = in.readString(flexible);
        const int32_t partitionCount = in.readArrayLength(flexible);
        for (int32_t p = 0; p < partitionCount && in.ok(); ++p) {
            group::OffsetCommit commit;
            commit.topic = topic;
            commit.partition = in.readInt32();
            commit.offset = in.readInt64();
            if (v >= 6)
                commit.leaderEpoch = in.readInt32();
            if (v == 1)
                in.readInt64(); // commit timestamp
            commit.metadata = in.readNullableString(flexible);
            if (flexible)
                in.skipTaggedFields();
            commits.push_back(std::move(commit));
        }
        if (flexible)
            in.skipTaggedFields();
    }
    if (flexible)
        in.skipTaggedFields();
    if (!in.ok())
        return HandlerStatus::Malformed;

    const auto errors = scope.broker.groups->commitOffsets(groupId, generationId, memberId, groupInstanceId, commits);
    if (v >= 3)
        out.writeInt32(0);
    const auto topics = byTopic(commits);
    out.writeArrayLength(flexible, static_cast<int32_t>(topics.size()));
    for (const auto& [name, partitions] : topics) {
        out.writeString(flexible, name);
        out.writeArrayLength(flexible, static_cast<int32_t>(partitions.size()));
        for (const auto* p : partitions) {
            out.writeInt32(p->partition);
            out.writeInt16(static_cast<int16_t>(errors[static_cast<size_t>(p - commits.data())]));
            if (flexible)
                out.writeEmptyTaggedFields();
        }
        if (flexible)
            out.writeEmptyTaggedFields();
    }
    if (flexible)
        out.writeEmptyTaggedFields();
    return HandlerStatus::Respond;
}

HandlerStatus handleOffsetFetch(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    const int16_t v = scope.version();
    const bool flexible = v >= 6;
    auto& groups = *scope.broker.groups;
    if (v <= 7) {
        const std::string groupId = in.readString(flexible);
        const auto topics = readFetchTopics(in, flexible);
        if (v >= 7)
            in.readBool(); // require stable: there are no pending transactional offsets
        if (flexible)
            in.skipTaggedFields();
        if (!in.ok())
            return HandlerStatus::Malformed;
        std::vector<group::FetchedOffset> offsets;
        const ErrorCode error = groups.fetchOffsets(groupId, topics, &offsets);
        if (v >= 3)
            out.writeInt32(0);
        writeFetchedTopics(out, v, flexible, offsets);
        if (v >= 2)
            out.writeInt16(static_cast<int16_t>(error));
        if (flexible)
            out.writeEmptyTaggedFields();
        return HandlerStatus::Respond;
    }

    struct GroupRequest {
        std::string groupId;
        std::optional<std::vector<TopicRequest>> topics;
    };
    std::vector<GroupRequest> requests;
    const int32_t groupCount = in.readArrayLength(flexible);
    for (int32_t g = 0; g < groupCount && in.ok(); ++g) {
        GroupRequest request;
        request.groupId = in.readString(flexible);
        if (v >= 9) {
            in.readNullableString(flexible); // member id
            in.readInt32(); // member epoch
        }
        request.topics = readFetchTopics(in, flexible);
        if (flexible)
            in.skipTaggedFields();
        requests.push_back(std::move(request));
    }
    in.readBool(); // require stable
    if (flexible)
        in.skipTaggedFields();
    if (!in.ok())
        return HandlerStatus::Malformed;
    out.writeInt32(0);
    out.writeArrayLength(flexible, static_cast<int32_t>(requests.size()));
    for (const auto& request : requests) {
        std::vector<group::FetchedOffset> offsets;
        const ErrorCode error = groups.fetchOffsets(request.groupId, request.topics, &offsets);
        out.writeString(flexible, request.groupId);
        writeFetchedTopics(out, v, flexible, offsets);
        out.writeInt16(static_cast<int16_t>(error));
        if (flexible)
            out.writeEmptyTaggedFields();
    }
    if (flexible)
        out.writeEmptyTaggedFields();
    return HandlerStatus::Respond;
}

HandlerStatus handleOffsetDelete(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    const std::string groupId = in.readString(false);
    std::vector<group::TopicPartition> partitions;
    const int32_t topicCount = in.readArrayLength(false);
    for (int32_t t = 0; t < topicCount && in.ok(); ++t) {
        const std::string topic = in.readString(false);
        const int32_t partitionCount = in.readArrayLength(false);
        for (int32_t p = 0; p < partitionCount && in.ok(); ++p)
            partitions.emplace_back(topic, in.readInt32());
    }
    if (!in.ok())
        return HandlerStatus::Malformed;
    std::vector<ErrorCode> errors;
    const ErrorCode error = scope.broker.groups->deleteOffsets(groupId, partitions, &errors);
    out.writeInt16(static_cast<int16_t>(error));
    out.writeInt32(0);
    if (error != ErrorCode::None) {
        out.writeArrayLength(false, 0);
        return HandlerStatus::Respond;
    }
    struct Item {
        std::string topic;
        int32_t partition;
        ErrorCode error;
    };
    std::vector<Item> items;
    for (size_t i = 0; i < partitions.size(); ++i)
        items.push_back({ partitions[i].first, partitions[i].second, errors[i] });
    const auto topics = byTopic(items);
    out.writeArrayLength(false, static_cast<int32_t>(topics.size()));
    for (const auto& [name, entries] : topics) {
        out.writeString(false, name);
        out.writeArrayLength(false, static_cast<int32_t>(entries.size()));
        for (const auto* entry : entries) {
            out.writeInt32(entry->partition);
            out.writeInt16(static_cast<int16_t>(entry->error));
        }
    }
    return HandlerStatus::Respond;
}

} // namespace samsa::broker::api
