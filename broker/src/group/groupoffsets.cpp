// GroupCoordinator: committed offsets, group administration and offset expiry.

#include "group/groupcoordinator.h"

#include "common/log.h"
#include "storage/logmanager.h"

namespace samsa::broker::group {

std::vector<ErrorCode> GroupCoordinator::commitOffsets(const std::string& groupId, int32_t generationId,
    const std::string& memberId, const std::optional<std::string>& groupInstanceId,
    const std::vector<OffsetCommit>& commits)
{
    std::lock_guard lock(m_mutex);
    auto all = [&](ErrorCode error) { return std::vector<ErrorCode>(commits.size(), error); };
    if (m_stopped)
        return all(ErrorCode::CoordinatorNotAvailable);
    if (groupId.empty())
        return all(ErrorCode::InvalidGroupId);
    Group* group = findGroup(groupId);
    if (!group) {
        // Only a commit outside group management (admin tools, assign() consumers) creates a group.
        if (generationId >= 0)
            return all(ErrorCode::IllegalGeneration);
        group = &createGroup(groupId);
    }
    if (group->state == GroupState::Dead)
        return all(ErrorCode::CoordinatorNotAvailable);
    if (groupInstanceId) {
        auto known = group->staticMembers.find(*groupInstanceId);
        if (known != group->staticMembers.end() && known->second != memberId)
            return all(ErrorCode::FencedInstanceId);
    }
    if (generationId < 0 && group->state == GroupState::Empty) {
        // Offsets of a group that is not using Kafka's group management.
    } else if (!group->has(memberId)) {
        return all(ErrorCode::UnknownMemberId);
    } else if (generationId != group->generationId) {
        return all(ErrorCode::IllegalGeneration);
    } else if (group->state == GroupState::CompletingRebalance) {
        return all(ErrorCode::RebalanceInProgress);
    } else {
        scheduleSessionExpiry(*group, *group->member(memberId));
    }

    std::vector<ErrorCode> errors;
    std::vector<TopicPartition> stored;
    const int64_t now = nowMs();
    for (const auto& commit : commits) {
        if (commit.metadata && static_cast<int32_t>(commit.metadata->size()) > m_options.offsetMetadataMaxBytes) {
            errors.push_back(ErrorCode::OffsetMetadataTooLarge);
            continue;
        }
        if (!m_logs.partition(commit.topic, commit.partition)) {
            errors.push_back(ErrorCode::UnknownTopicOrPartition);
            continue;
        }
        CommittedOffset& offset = group->offsets[{ commit.topic, commit.partition }];
        offset.offset = commit.offset;
        offset.leaderEpoch = commit.leaderEpoch;
        offset.metadata = commit.metadata.value_or("");
        offset.commitTimestamp = now;
        offset.expireTimestamp = -1;
        stored.emplace_back(commit.topic, commit.partition);
        errors.push_back(ErrorCode::None);
    }
    if (!stored.empty())
        storeOffsets(*group, stored);
    else if (group->state == GroupState::Empty && group->members.empty() && group->offsets.empty()
        && group->protocolType.empty())
        m_groups.erase(groupId); // an admin commit that stored nothing leaves no group behind
    return errors;
}

ErrorCode GroupCoordinator::fetchOffsets(const std::string& groupId,
    const std::optional<std::vector<std::pair<std::string, std::vector<int32_t>>>>& topics,
    std::vector<FetchedOffset>* out)
{
    std::lock_guard lock(m_mutex);
    if (m_stopped)
        return ErrorCode::CoordinatorNotAvailable;
    Group* group = findGroup(groupId);
    auto fill = [](FetchedOffset& fetched, const CommittedOffset& committed) {
        fetched.offset = committed.offset;
        fetched.leaderEpoch = committed.leaderEpoch;
        fetched.metadata = committed.metadata;
    };
    if (!topics) {
        if (group) {
            for (const auto& [partition, committed] : group->offsets) {
                FetchedOffset fetched;
                fetched.topic = partition.first;
                fetched.partition = partition.second;
                fill(fetched, committed);
                out->push_back(std::move(fetched));
            }
        }
        return ErrorCode::None;
    }
    for (const auto& [topic, partitions] : *topics) {
        for (const int32_t partition : partitions) {
            FetchedOffset fetched;
            fetched.topic = topic;
            fetched.partition = partition;
            if (group) {
                auto it = group->offsets.find({ topic, partition });
                if (it != group->offsets.end())
                    fill(fetched, it->second);
            }
            out->push_back(std::move(fetched));
        }
    }
    return ErrorCode::None;
}

ErrorCode GroupCoordinator::deleteOffsets(
    const std::string& groupId, const std::vector<TopicPartition>& partitions, std::vector<ErrorCode>* errors)
{
    std::lock_guard lock(m_mutex);
    if (m_stopped)
        return ErrorCode::CoordinatorNotAvailable;
    Group* group = findGroup(groupId);
    if (!group || group->state == GroupState::Dead)
        return ErrorCode::GroupIdNotFound;
    std::set<std::string> subscribed;
    if (group->state != GroupState::Empty) {
        if (group->protocolType != "consumer")
            return ErrorCode::NonEmptyGroup;
        subscribed = group->subscribedTopics();
    }
    std::vector<TopicPartition> deleted;
    for (const auto& partition : partitions) {
        if (!m_logs.topic(partition.first)) {
            errors->push_back(ErrorCode::UnknownTopicOrPartition);
        } else if (subscribed.count(partition.first)) {
            errors->push_back(ErrorCode::GroupSubscribedToTopic);
        } else {
            if (group->offsets.erase(partition))
                deleted.push_back(partition);
            errors->push_back(ErrorCode::None);
        }
    }
    if (!deleted.empty())
        storeTombstones(*group, deleted, false);
    return ErrorCode::None;
}

std::vector<GroupListing> GroupCoordinator::listGroups()
{
    std::lock_guard lock(m_mutex);
    std::vector<GroupListing> groups;
    for (const auto& [id, group] : m_groups) {
        if (group->state != GroupState::Dead)
            groups.push_back({ id, group->protocolType, stateName(group->state) });
    }
    return groups;
}

GroupDescription GroupCoordinator::describeGroup(const std::string& groupId)
{
    std::lock_guard lock(m_mutex);
    GroupDescription description;
    description.groupId = groupId;
    description.state = stateName(GroupState::Dead);
    if (m_stopped) {
        description.error = ErrorCode::CoordinatorNotAvailable;
        return description;
    }
    Group* group = findGroup(groupId);
    if (!group)
        return description;
    description.state = stateName(group->state);
    description.protocolType = group->protocolType;
    // As Kafka: protocol, member metadata and assignments only once the group is stable.
    const bool stable = group->state == GroupState::Stable && group->protocolName;
    if (stable)
        description.protocolData = *group->protocolName;
    for (const auto& member : group->members) {
        DescribedMember described;
        described.memberId = member->memberId;
        described.groupInstanceId = member->groupInstanceId;
        described.clientId = member->clientId;
        described.clientHost = member->clientHost;
        if (stable) {
            if (const Bytes* metadata = member->metadataFor(*group->protocolName))
                described.metadata = *metadata;
            described.assignment = member->assignment;
        }
        description.members.push_back(std::move(described));
    }
    return description;
}

ErrorCode GroupCoordinator::deleteGroup(const std::string& groupId)
{
    std::lock_guard lock(m_mutex);
    if (m_stopped)
        return ErrorCode::CoordinatorNotAvailable;
    Group* group = findGroup(groupId);
    if (!group || group->state == GroupState::Dead)
        return ErrorCode::GroupIdNotFound;
    if (group->state != GroupState::Empty)
        return ErrorCode::NonEmptyGroup;
    std::vector<TopicPartition> partitions;
    for (const auto& [partition, committed] : group->offsets)
        partitions.push_back(partition);
    storeTombstones(*group, partitions, true);
    setState(*group, GroupState::Dead);
    ++group->joinToken;
    m_groups.erase(groupId);
    log(LogLevel::Info, "deleted group %s", groupId.c_str());
    return ErrorCode::None;
}

void GroupCoordinator::expireOffsets(int64_t now)
{
    std::lock_guard lock(m_mutex);
    if (m_stopped)
        return;
    std::vector<std::string> dead;
    for (auto& [id, group] : m_groups) {
        std::vector<TopicPartition> expired;
        const bool consumerGroup = !group->protocolType.empty();
        std::set<std::string> subscribed;
        if (consumerGroup && group->state == GroupState::Stable)
            subscribed = group->subscribedTopics();
        for (const auto& [partition, committed] : group->offsets) {
            int64_t base = committed.commitTimestamp;
            if (consumerGroup) {
                // A consumer group's offsets expire once it has been empty for the retention
                // time; while it is stable, only offsets of topics it no longer subscribes to.
                if (group->state == GroupState::Empty)
                    base = std::max(group->currentStateTimestamp, committed.commitTimestamp);
                else if (group->state != GroupState::Stable || subscribed.empty() || subscribed.count(partition.first))
                    continue;
            }
            const int64_t expiry = committed.expireTimestamp >= 0 ? committed.expireTimestamp
                                                                   : base + m_options.offsetsRetentionMs;
            if (expiry <= now)
                expired.push_back(partition);
        }
        for (const auto& partition : expired)
            group->offsets.erase(partition);
        const bool becomesDead = group->state == GroupState::Empty && group->offsets.empty();
        if (!expired.empty() || becomesDead)
            storeTombstones(*group, expired, becomesDead);
        if (!expired.empty())
            log(LogLevel::Info, "group %s: %zu committed offset(s) expired", id.c_str(), expired.size());
        if (becomesDead)
            dead.push_back(id);
    }
    for (const auto& id : dead) {
        m_groups[id]->state = GroupState::Dead;
        m_groups.erase(id);
    }
    compactWhereNeeded();
}

void GroupCoordinator::removeOffsetsOfTopic(const std::string& topic)
{
    std::lock_guard lock(m_mutex);
    if (m_stopped)
        return;
    std::vector<std::string> dead;
    for (auto& [id, group] : m_groups) {
        std::vector<TopicPartition> removed;
        for (const auto& [partition, committed] : group->offsets) {
            if (partition.first == topic)
                removed.push_back(partition);
        }
        if (removed.empty())
            continue;
        for (const auto& partition : removed)
            group->offsets.erase(partition);
        const bool becomesDead = group->state == GroupState::Empty && group->offsets.empty();
        storeTombstones(*group, removed, becomesDead);
        if (becomesDead)
            dead.push_back(id);
    }
    for (const auto& id : dead)
        m_groups.erase(id);
}

void GroupCoordinator::scheduleExpiryCheck()
{
    if (!m_expiryTimer)
        m_expiryTimer = std::make_unique<asio::steady_timer>(m_io);
    m_expiryTimer->expires_after(std::chrono::milliseconds(m_options.offsetsRetentionCheckIntervalMs));
    m_expiryTimer->async_wait([this](const asio::error_code& ec) {
        if (ec)
            return;
        expireOffsets(nowMs());
        std::lock_guard lock(m_mutex);
        if (!m_stopped)
            scheduleExpiryCheck();
    });
}

} // namespace samsa::broker::group
