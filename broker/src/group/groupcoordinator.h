#pragma once

#include "group/group.h"

#include <asio/io_context.hpp>
#include <asio/executor_work_guard.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace samsa::broker {
class LogManager;
class PartitionLog;
} // namespace samsa::broker

namespace samsa::broker::group {

struct CoordinatorOptions {
    int32_t offsetsTopicPartitions = 50;
    int32_t initialRebalanceDelayMs = 100;
    int32_t minSessionTimeoutMs = 6000;
    int32_t maxSessionTimeoutMs = 1800000;
    int64_t offsetsRetentionMs = 7LL * 24 * 3600 * 1000;
    int32_t offsetsTopicSegmentBytes = 100 * 1024 * 1024;
    int64_t offsetsRetentionCheckIntervalMs = 600000;
    int32_t offsetMetadataMaxBytes = 4096;
};

struct JoinRequest {
    std::string groupId;
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    int32_t sessionTimeoutMs = 0;
    int32_t rebalanceTimeoutMs = 0;
    std::string protocolType;
    std::vector<Protocol> protocols;
    std::string clientId;
    std::string clientHost;
    bool requireKnownMemberId = false; // JoinGroup v4+
};

struct SyncRequest {
    std::string groupId;
    int32_t generationId = -1;
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    std::optional<std::string> protocolType;
    std::optional<std::string> protocolName;
    std::vector<std::pair<std::string, Bytes>> assignments;
};

struct LeavingMember {
    std::string memberId;
    std::optional<std::string> groupInstanceId;
};

struct LeaveResult {
    ErrorCode error = ErrorCode::None;
    std::vector<ErrorCode> memberErrors; // one per leaving member
};

struct OffsetCommit {
    std::string topic;
    int32_t partition = 0;
    int64_t offset = 0;
    int32_t leaderEpoch = -1;
    std::optional<std::string> metadata;
};

struct FetchedOffset {
    std::string topic;
    int32_t partition = 0;
    int64_t offset = -1;
    int32_t leaderEpoch = -1;
    std::string metadata;
    ErrorCode error = ErrorCode::None;
};

struct GroupListing {
    std::string groupId;
    std::string protocolType;
    std::string state;
};

struct DescribedMember {
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    std::string clientId;
    std::string clientHost;
    Bytes metadata;
    Bytes assignment;
};

struct GroupDescription {
    ErrorCode error = ErrorCode::None;
    std::string groupId;
    std::string state;
    std::string protocolType;
    std::string protocolData;
    std::vector<DescribedMember> members;
};

// Kafka's classic group coordinator for this single broker: every group is coordinated here.
// Group state is guarded by one mutex; timers (session, rebalance, initial delay, offset
// expiry) run on a thread of the coordinator's own. Callbacks of JoinGroup and SyncGroup are
// invoked outside the mutex, on whatever thread completes them: callers must hop back to
// their connection themselves.
//
// Groups and committed offsets are written to __consumer_offsets in Kafka's formats and loaded
// back when the coordinator starts, so they survive a restart or a crash.
class GroupCoordinator {
public:
    GroupCoordinator(LogManager& logs, CoordinatorOptions options);
    ~GroupCoordinator();
    GroupCoordinator(const GroupCoordinator&) = delete;
    GroupCoordinator& operator=(const GroupCoordinator&) = delete;

    // Answers every waiting JoinGroup and SyncGroup (COORDINATOR_NOT_AVAILABLE, which clients
    // retry elsewhere) and stops the timers. Idempotent.
    void shutdown();

    // Creates __consumer_offsets when missing; false when it cannot.
    bool ensureOffsetsTopic();

    void join(JoinRequest request, JoinCallback done);
    void sync(SyncRequest request, SyncCallback done);
    ErrorCode heartbeat(const std::string& groupId, const std::string& memberId,
        const std::optional<std::string>& groupInstanceId, int32_t generationId);
    LeaveResult leave(const std::string& groupId, const std::vector<LeavingMember>& members);

    // One error per commit, in order.
    std::vector<ErrorCode> commitOffsets(const std::string& groupId, int32_t generationId, const std::string& memberId,
        const std::optional<std::string>& groupInstanceId, const std::vector<OffsetCommit>& commits);
    // The committed offsets of the named partitions, or of all when topics is nullopt.
    ErrorCode fetchOffsets(const std::string& groupId,
        const std::optional<std::vector<std::pair<std::string, std::vector<int32_t>>>>& topics,
        std::vector<FetchedOffset>* out);
    // Top-level error, and one error per partition.
    ErrorCode deleteOffsets(
        const std::string& groupId, const std::vector<TopicPartition>& partitions, std::vector<ErrorCode>* errors);

    std::vector<GroupListing> listGroups();
    GroupDescription describeGroup(const std::string& groupId);
    ErrorCode deleteGroup(const std::string& groupId);

    // The topic was deleted: its committed offsets go too (tombstones), as in Kafka; groups left
    // empty without offsets are removed.
    void removeOffsetsOfTopic(const std::string& topic);

    // Expires offsets now, as the periodic check does (for tests).
    void expireOffsets(int64_t nowMs);

    const CoordinatorOptions& options() const { return m_options; }

private:
    using Completions = std::vector<std::function<void()>>;

    Group* findGroup(const std::string& groupId);
    Group& createGroup(const std::string& groupId);
    void joinLocked(JoinRequest& request, JoinCallback& done);
    void addMemberAndRebalance(Group& group, JoinRequest& request, std::string memberId, JoinCallback done);
    void updateMemberAndRebalance(Group& group, Member& member, JoinRequest& request, JoinCallback done);
    void prepareRebalance(Group& group, const char* reason);
    void tryCompleteJoin(Group& group);
    void completeJoin(Group& group);
    void onJoinTimer(const std::string& groupId, uint64_t token);
    void onSyncTimeout(const std::string& groupId, uint64_t token);
    void removeMemberAndUpdate(Group& group, const std::string& memberId, const char* reason);
    void scheduleSessionExpiry(Group& group, Member& member);
    void scheduleSessionExpiry(Group& group, Member& member, int32_t timeoutMs);
    void onSessionExpired(const std::string& groupId, const std::string& memberId, uint64_t token);
    void schedulePendingExpiry(Group& group, const std::string& memberId, int32_t timeoutMs);
    void respondJoin(Member& member, JoinResult result);
    void respondSync(Member& member, SyncResult result);
    JoinResult currentJoinResult(const Group& group, const Member& member) const;
    void setState(Group& group, GroupState state);
    void scheduleExpiryCheck();

    // Persistence (groupstore.cpp).
    void loadFromLog();
    std::shared_ptr<PartitionLog> offsetsPartition(const std::string& groupId);
    void storeRecords(const std::string& groupId, const std::vector<std::pair<Bytes, std::optional<Bytes>>>& records);
    void storeGroup(const Group& group);
    void storeOffsets(const Group& group, const std::vector<TopicPartition>& partitions);
    void storeTombstones(const Group& group, const std::vector<TopicPartition>& partitions, bool groupToo);
    void applyLoadedRecord(const Bytes& key, const std::optional<Bytes>& value);
    void compactPartition(int32_t partition, int32_t partitionCount, PartitionLog& log);
    void compactWhereNeeded();

public:
    // A partition of __consumer_offsets holding more records than this, and four times more than
    // it has live keys, is compacted at load and at every offset expiry check.
    static constexpr size_t CompactionMinimumRecords = 1000;

private:

    static int64_t nowMs();

    // The io_context comes first: timers in groups must be destroyed before it.
    asio::io_context m_io;
    asio::executor_work_guard<asio::io_context::executor_type> m_work;
    LogManager& m_logs;
    CoordinatorOptions m_options;
    std::mutex m_mutex;
    std::map<std::string, std::unique_ptr<Group>> m_groups;
    Completions m_completions; // filled under the mutex, run after it is released
    std::map<int32_t, size_t> m_recordsInPartition; // of __consumer_offsets, since its log start
    bool m_stopped = false;
    std::unique_ptr<asio::steady_timer> m_expiryTimer;
    std::thread m_thread;
};

} // namespace samsa::broker::group
