// GroupCoordinator: writing groups and offsets to __consumer_offsets and loading them back.

#include "group/groupcoordinator.h"

#include "common/log.h"
#include "storage/logmanager.h"
#include "storage/logreplay.h"
#include "storage/recordbatchcodec.h"

#include <algorithm>

namespace samsa::broker::group {

bool GroupCoordinator::ensureOffsetsTopic()
{
    if (m_logs.topic(OffsetsTopic))
        return true;
    // Kafka's settings for the topic: compacted, 100 MiB segments unless offsets.topic.segment.bytes says otherwise.
    const ConfigMap configs { { "cleanup.policy", "compact" },
        { "segment.bytes", std::to_string(m_options.offsetsTopicSegmentBytes) } };
    const TopicResult result = m_logs.createTopic(OffsetsTopic, m_options.offsetsTopicPartitions, configs, false);
    if (result.error != ErrorCode::None && result.error != ErrorCode::TopicAlreadyExists) {
        log(LogLevel::Error, "cannot create %s: %s", OffsetsTopic.c_str(), result.message.c_str());
        return false;
    }
    return true;
}

std::shared_ptr<PartitionLog> GroupCoordinator::offsetsPartition(const std::string& groupId)
{
    if (!ensureOffsetsTopic())
        return nullptr;
    const auto topic = m_logs.topic(OffsetsTopic);
    if (!topic)
        return nullptr;
    return m_logs.partition(OffsetsTopic, partitionForGroup(groupId, topic->partitionCount));
}

void GroupCoordinator::storeRecords(
    const std::string& groupId, const std::vector<std::pair<Bytes, std::optional<Bytes>>>& records)
{
    auto log = offsetsPartition(groupId);
    if (!log) {
        samsa::broker::log(LogLevel::Error, "group %s: %s is not available; not stored", groupId.c_str(),
            OffsetsTopic.c_str());
        return;
    }
    std::vector<KeyValue> batch;
    batch.reserve(records.size());
    for (const auto& [key, value] : records)
        batch.push_back(KeyValue { key, value });
    const int64_t now = nowMs();
    const AppendResult result = log->append(buildRecordBatch(batch, now), now);
    if (result.error == ErrorCode::None)
        m_recordsInPartition[log->partition()] += records.size();
    if (result.error != ErrorCode::None)
        samsa::broker::log(LogLevel::Error, "group %s: writing to %s failed: %s", groupId.c_str(), OffsetsTopic.c_str(),
            result.message.c_str());
}

void GroupCoordinator::storeGroup(const Group& group)
{
    storeRecords(group.id, { { encodeKey(GroupKey { group.id }), encodeValue(group.toValue()) } });
}

void GroupCoordinator::storeOffsets(const Group& group, const std::vector<TopicPartition>& partitions)
{
    std::vector<std::pair<Bytes, std::optional<Bytes>>> records;
    for (const auto& partition : partitions) {
        const CommittedOffset& committed = group.offsets.at(partition);
        OffsetValue value;
        value.offset = committed.offset;
        value.leaderEpoch = committed.leaderEpoch;
        value.metadata = committed.metadata;
        value.commitTimestamp = committed.commitTimestamp;
        value.expireTimestamp = committed.expireTimestamp;
        records.emplace_back(encodeKey(OffsetKey { group.id, partition.first, partition.second }), encodeValue(value));
    }
    storeRecords(group.id, records);
}

void GroupCoordinator::storeTombstones(const Group& group, const std::vector<TopicPartition>& partitions, bool groupToo)
{
    std::vector<std::pair<Bytes, std::optional<Bytes>>> records;
    for (const auto& partition : partitions)
        records.emplace_back(encodeKey(OffsetKey { group.id, partition.first, partition.second }), std::nullopt);
    if (groupToo)
        records.emplace_back(encodeKey(GroupKey { group.id }), std::nullopt);
    if (!records.empty())
        storeRecords(group.id, records);
}

void GroupCoordinator::applyLoadedRecord(const Bytes& keyBytes, const std::optional<Bytes>& valueBytes)
{
    const auto key = decodeKey(keyBytes);
    if (!key) {
        samsa::broker::log(LogLevel::Warning, "%s: skipping a record whose key does not decode", OffsetsTopic.c_str());
        return;
    }
    if (const auto* offsetKey = std::get_if<OffsetKey>(&*key)) {
        if (!valueBytes) {
            if (Group* group = findGroup(offsetKey->group))
                group->offsets.erase({ offsetKey->topic, offsetKey->partition });
            return;
        }
        const auto value = decodeOffsetValue(*valueBytes);
        if (!value) {
            samsa::broker::log(LogLevel::Warning, "%s: skipping the offset of group %s whose value does not decode",
                OffsetsTopic.c_str(), offsetKey->group.c_str());
            return;
        }
        CommittedOffset& committed = createGroup(offsetKey->group).offsets[{ offsetKey->topic, offsetKey->partition }];
        committed.offset = value->offset;
        committed.leaderEpoch = value->leaderEpoch;
        committed.metadata = value->metadata;
        committed.commitTimestamp = value->commitTimestamp;
        committed.expireTimestamp = value->expireTimestamp;
        return;
    }
    const auto& groupKey = std::get<GroupKey>(*key);
    if (!valueBytes) {
        m_groups.erase(groupKey.group);
        return;
    }
    const auto value = decodeGroupValue(*valueBytes);
    if (!value) {
        samsa::broker::log(LogLevel::Warning, "%s: skipping the metadata of group %s whose value does not decode",
            OffsetsTopic.c_str(), groupKey.group.c_str());
        return;
    }
    Group& group = createGroup(groupKey.group);
    group.protocolType = value->protocolType;
    group.generationId = value->generation;
    group.protocolName = value->protocol;
    group.leaderId = value->leader.value_or("");
    group.currentStateTimestamp = value->currentStateTimestamp;
    group.members.clear();
    group.staticMembers.clear();
    for (const auto& stored : value->members) {
        auto member = std::make_unique<Member>();
        member->memberId = stored.memberId;
        member->groupInstanceId = stored.groupInstanceId;
        member->clientId = stored.clientId;
        member->clientHost = stored.clientHost;
        member->rebalanceTimeoutMs = stored.rebalanceTimeout > 0 ? stored.rebalanceTimeout : stored.sessionTimeout;
        member->sessionTimeoutMs = stored.sessionTimeout;
        member->protocolType = value->protocolType;
        member->protocols.push_back(Protocol { value->protocol.value_or(""), stored.subscription });
        member->assignment = stored.assignment;
        if (member->groupInstanceId)
            group.staticMembers[*member->groupInstanceId] = member->memberId;
        group.members.push_back(std::move(member));
    }
    group.state = group.members.empty() ? GroupState::Empty : GroupState::Stable;
}

void GroupCoordinator::compactPartition(int32_t partition, int32_t partitionCount, PartitionLog& log)
{
    // Our log is not compacted by a cleaner: rewrite the live records at the end and move the log
    // start past the old ones. A crash in between only leaves both copies, which load alike.
    std::vector<std::pair<Bytes, std::optional<Bytes>>> records;
    for (const auto& [id, group] : m_groups) {
        if (partitionForGroup(id, partitionCount) != partition)
            continue;
        for (const auto& [topicPartition, committed] : group->offsets) {
            OffsetValue value { committed.offset, committed.leaderEpoch, committed.metadata, committed.commitTimestamp,
                committed.expireTimestamp };
            records.emplace_back(
                encodeKey(OffsetKey { id, topicPartition.first, topicPartition.second }), encodeValue(value));
        }
        if (!group->protocolType.empty() || group->generationId > 0)
            records.emplace_back(encodeKey(GroupKey { id }), encodeValue(group->toValue()));
    }
    const int64_t start = log.highWatermark();
    constexpr size_t BatchRecords = 500;
    for (size_t first = 0; first < records.size(); first += BatchRecords) {
        std::vector<KeyValue> batch;
        for (size_t i = first; i < std::min(records.size(), first + BatchRecords); ++i)
            batch.push_back(KeyValue { records[i].first, records[i].second });
        const int64_t now = nowMs();
        if (log.append(buildRecordBatch(batch, now), now).error != ErrorCode::None)
            return; // keep the old records: they still hold everything
    }
    log.deleteRecordsBefore(start);
    m_recordsInPartition[partition] = records.size();
}

void GroupCoordinator::compactWhereNeeded()
{
    const auto topic = m_logs.topic(OffsetsTopic);
    if (!topic)
        return;
    std::map<int32_t, size_t> live;
    for (const auto& [id, group] : m_groups)
        live[partitionForGroup(id, topic->partitionCount)] += group->offsets.size() + 1;
    for (const auto& [partition, count] : std::map<int32_t, size_t>(m_recordsInPartition)) {
        if (count > CompactionMinimumRecords && count > 4 * live[partition]) {
            if (auto log = m_logs.partition(OffsetsTopic, partition))
                compactPartition(partition, topic->partitionCount, *log);
        }
    }
}

void GroupCoordinator::loadFromLog()
{
    const auto topic = m_logs.topic(OffsetsTopic);
    if (!topic)
        return;
    size_t records = 0;
    for (int32_t p = 0; p < topic->partitionCount; ++p) {
        auto log = m_logs.partition(OffsetsTopic, p);
        if (!log)
            continue;
        // Bad batches are skipped one by one (with a warning each): what follows them still loads.
        std::vector<DecodedRecord> loaded;
        int64_t next = 0;
        std::string error;
        if (!replayLog(*log, log->logStartOffset(), &loaded, &next, &error))
            samsa::broker::log(LogLevel::Error, "%s: %s; the groups after it are not loaded", OffsetsTopic.c_str(),
                error.c_str());
        size_t inPartition = 0;
        for (const auto& record : loaded) {
            if (record.key) {
                applyLoadedRecord(*record.key, record.value);
                ++inPartition;
            }
        }
        records += inPartition;
        m_recordsInPartition[p] = inPartition;
    }
    compactWhereNeeded();
    // Loaded members must heartbeat within their session timeout, as after a coordinator move.
    for (auto& [id, group] : m_groups) {
        if (group->state == GroupState::Stable && !group->protocolName)
            group->state = GroupState::Empty;
        if (group->currentStateTimestamp < 0)
            group->currentStateTimestamp = nowMs();
        for (auto& member : group->members)
            scheduleSessionExpiry(*group, *member);
    }
    if (records > 0)
        samsa::broker::log(LogLevel::Info, "loaded %zu group(s) from %zu record(s) of %s", m_groups.size(), records,
            OffsetsTopic.c_str());
}

} // namespace samsa::broker::group
