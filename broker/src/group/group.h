#pragma once

#include "common/errors.h"
#include "group/groupformat.h"

#include <asio/steady_timer.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace samsa::broker::group {

// The classic group states, named as Kafka names them in DescribeGroups and ListGroups.
enum class GroupState { Empty, PreparingRebalance, CompletingRebalance, Stable, Dead };
const char* stateName(GroupState state);

struct Protocol {
    std::string name;
    Bytes metadata;
};

struct JoinedMember {
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    Bytes metadata;
};

struct JoinResult {
    ErrorCode error = ErrorCode::None;
    int32_t generationId = -1;
    std::string protocolType;
    std::optional<std::string> protocolName;
    std::string leaderId;
    std::string memberId;
    std::vector<JoinedMember> members; // the leader's answer only
};

struct SyncResult {
    ErrorCode error = ErrorCode::None;
    std::optional<std::string> protocolType;
    std::optional<std::string> protocolName;
    Bytes assignment;
};

// An answer to JoinGroup that carries only an error (and the member id, where known).
JoinResult joinError(ErrorCode error, std::string memberId = {});

using JoinCallback = std::function<void(JoinResult)>;
using SyncCallback = std::function<void(SyncResult)>;

struct Member {
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    std::string clientId;
    std::string clientHost;
    int32_t rebalanceTimeoutMs = 0;
    int32_t sessionTimeoutMs = 0;
    std::string protocolType;
    std::vector<Protocol> protocols;
    Bytes assignment;
    bool isNew = false;
    JoinCallback awaitingJoin;
    SyncCallback awaitingSync;
    std::unique_ptr<asio::steady_timer> sessionTimer;
    uint64_t sessionToken = 0;

    const Bytes* metadataFor(const std::string& protocol) const;
};

struct CommittedOffset {
    int64_t offset = -1;
    int32_t leaderEpoch = -1;
    std::string metadata;
    int64_t commitTimestamp = -1;
    int64_t expireTimestamp = -1;
};

using TopicPartition = std::pair<std::string, int32_t>;

// One classic group: its members, generation and committed offsets. Plain data guarded by the
// coordinator's mutex; the rebalance logic lives in GroupCoordinator.
struct Group {
    std::string id;
    GroupState state = GroupState::Empty;
    std::string protocolType; // empty until a member joins (or for offset-only groups)
    std::optional<std::string> protocolName;
    int32_t generationId = 0;
    std::string leaderId;
    int64_t currentStateTimestamp = -1;
    // Join order matters for the choice of a new leader, so members keep it.
    std::vector<std::unique_ptr<Member>> members;
    std::set<std::string> pendingMembers; // told MEMBER_ID_REQUIRED, not yet rejoined
    std::map<std::string, std::string> staticMembers; // group.instance.id -> member id
    std::map<TopicPartition, CommittedOffset> offsets;

    std::unique_ptr<asio::steady_timer> joinTimer;
    uint64_t joinToken = 0;
    bool initialDelayRunning = false;
    int64_t initialDelayDeadlineMs = 0; // the initial delay never extends past this
    bool newMemberAdded = false;

    Member* member(const std::string& memberId) const;
    bool has(const std::string& memberId) const { return member(memberId) != nullptr; }
    void removeMember(const std::string& memberId);
    bool allMembersJoined() const;
    // The protocols every member supports, in the order of the first member's preference.
    std::vector<std::string> candidateProtocols() const;
    bool supportsProtocols(const std::string& type, const std::vector<Protocol>& protocols) const;
    // Kafka's vote: each member votes for its most preferred candidate; the most votes win.
    std::string selectProtocol() const;
    // The topics the members subscribe to, when the group uses the consumer protocol.
    std::set<std::string> subscribedTopics() const;
    int32_t maxRebalanceTimeoutMs() const;

    GroupValue toValue() const;
};

} // namespace samsa::broker::group
