#pragma once

// Kafka's own record formats for __consumer_offsets (group-coordinator/OffsetCommitKey,
// OffsetCommitValue, GroupMetadataKey, GroupMetadataValue): an int16 version followed by a
// non-flexible struct. We write OffsetCommitKey v1 with OffsetCommitValue v3 (v1 when an expire
// timestamp is set) and GroupMetadataKey v2 with GroupMetadataValue v3, as Kafka does.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace samsa::broker::group {

using Bytes = std::vector<uint8_t>;

inline const std::string OffsetsTopic = "__consumer_offsets";

struct OffsetKey {
    std::string group;
    std::string topic;
    int32_t partition = 0;
};

struct GroupKey {
    std::string group;
};

struct OffsetValue {
    int64_t offset = -1;
    int32_t leaderEpoch = -1;
    std::string metadata;
    int64_t commitTimestamp = -1;
    int64_t expireTimestamp = -1; // only in value v1
};

struct MemberValue {
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    std::string clientId;
    std::string clientHost;
    int32_t rebalanceTimeout = -1;
    int32_t sessionTimeout = 0;
    Bytes subscription;
    Bytes assignment;
};

struct GroupValue {
    std::string protocolType;
    int32_t generation = 0;
    std::optional<std::string> protocol;
    std::optional<std::string> leader;
    int64_t currentStateTimestamp = -1;
    std::vector<MemberValue> members;
};

Bytes encodeKey(const OffsetKey& key);
Bytes encodeKey(const GroupKey& key);
Bytes encodeValue(const OffsetValue& value);
Bytes encodeValue(const GroupValue& value);

// A key of any version Kafka has written; nullopt for unknown versions or malformed bytes.
std::optional<std::variant<OffsetKey, GroupKey>> decodeKey(const Bytes& bytes);
std::optional<OffsetValue> decodeOffsetValue(const Bytes& bytes);
std::optional<GroupValue> decodeGroupValue(const Bytes& bytes);

// Java's String.hashCode over the UTF-16 code units of a UTF-8 string.
int32_t javaStringHash(const std::string& utf8);
// The __consumer_offsets partition of a group, as Kafka computes it: Utils.abs(hash) % count,
// where Utils.abs maps Integer.MIN_VALUE to 0.
int32_t partitionForGroup(const std::string& groupId, int32_t partitionCount);

} // namespace samsa::broker::group
