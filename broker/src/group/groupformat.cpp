#include "group/groupformat.h"

#include "protocol/bytereader.h"
#include "protocol/bytewriter.h"

#include <limits>

namespace samsa::broker::group {

namespace {

Bytes take(protocol::ByteWriter& out)
{
    return std::move(out.buffer());
}

} // namespace

Bytes encodeKey(const OffsetKey& key)
{
    protocol::ByteWriter out;
    out.writeInt16(1);
    out.writeString(false, key.group);
    out.writeString(false, key.topic);
    out.writeInt32(key.partition);
    return take(out);
}

Bytes encodeKey(const GroupKey& key)
{
    protocol::ByteWriter out;
    out.writeInt16(2);
    out.writeString(false, key.group);
    return take(out);
}

Bytes encodeValue(const OffsetValue& value)
{
    protocol::ByteWriter out;
    if (value.expireTimestamp >= 0) {
        out.writeInt16(1);
        out.writeInt64(value.offset);
        out.writeString(false, value.metadata);
        out.writeInt64(value.commitTimestamp);
        out.writeInt64(value.expireTimestamp);
    } else {
        out.writeInt16(3);
        out.writeInt64(value.offset);
        out.writeInt32(value.leaderEpoch);
        out.writeString(false, value.metadata);
        out.writeInt64(value.commitTimestamp);
    }
    return take(out);
}

Bytes encodeValue(const GroupValue& value)
{
    protocol::ByteWriter out;
    out.writeInt16(3);
    out.writeString(false, value.protocolType);
    out.writeInt32(value.generation);
    out.writeNullableString(false, value.protocol);
    out.writeNullableString(false, value.leader);
    out.writeInt64(value.currentStateTimestamp);
    out.writeArrayLength(false, static_cast<int32_t>(value.members.size()));
    for (const auto& member : value.members) {
        out.writeString(false, member.memberId);
        out.writeNullableString(false, member.groupInstanceId);
        out.writeString(false, member.clientId);
        out.writeString(false, member.clientHost);
        out.writeInt32(member.rebalanceTimeout);
        out.writeInt32(member.sessionTimeout);
        out.writeBytes(false, member.subscription);
        out.writeBytes(false, member.assignment);
    }
    return take(out);
}

std::optional<std::variant<OffsetKey, GroupKey>> decodeKey(const Bytes& bytes)
{
    protocol::ByteReader in(bytes);
    const int16_t version = in.readInt16();
    if (version == 0 || version == 1) {
        OffsetKey key;
        key.group = in.readString(false);
        key.topic = in.readString(false);
        key.partition = in.readInt32();
        if (in.ok())
            return key;
    } else if (version == 2) {
        GroupKey key;
        key.group = in.readString(false);
        if (in.ok())
            return key;
    }
    return std::nullopt;
}

std::optional<OffsetValue> decodeOffsetValue(const Bytes& bytes)
{
    protocol::ByteReader in(bytes);
    const int16_t version = in.readInt16();
    if (version < 0 || version > 4)
        return std::nullopt;
    const bool flexible = version >= 4;
    OffsetValue value;
    value.offset = in.readInt64();
    if (version >= 3)
        value.leaderEpoch = in.readInt32();
    value.metadata = in.readString(flexible);
    value.commitTimestamp = in.readInt64();
    if (version == 1)
        value.expireTimestamp = in.readInt64();
    if (!in.ok())
        return std::nullopt;
    return value;
}

std::optional<GroupValue> decodeGroupValue(const Bytes& bytes)
{
    protocol::ByteReader in(bytes);
    const int16_t version = in.readInt16();
    if (version < 0 || version > 4)
        return std::nullopt;
    const bool flexible = version >= 4;
    GroupValue value;
    value.protocolType = in.readString(flexible);
    value.generation = in.readInt32();
    value.protocol = in.readNullableString(flexible);
    value.leader = in.readNullableString(flexible);
    if (version >= 2)
        value.currentStateTimestamp = in.readInt64();
    const int32_t count = in.readArrayLength(flexible);
    for (int32_t i = 0; i < count && in.ok(); ++i) {
        MemberValue member;
        member.memberId = in.readString(flexible);
        if (version >= 3)
            member.groupInstanceId = in.readNullableString(flexible);
        member.clientId = in.readString(flexible);
        member.clientHost = in.readString(flexible);
        if (version >= 1)
            member.rebalanceTimeout = in.readInt32();
        member.sessionTimeout = in.readInt32();
        auto subscription = in.readBytes(flexible);
        member.subscription.assign(subscription.begin(), subscription.end());
        auto assignment = in.readBytes(flexible);
        member.assignment.assign(assignment.begin(), assignment.end());
        if (flexible)
            in.skipTaggedFields();
        value.members.push_back(std::move(member));
    }
    if (!in.ok())
        return std::nullopt;
    return value;
}

int32_t javaStringHash(const std::string& utf8)
{
    uint32_t hash = 0;
    auto add = [&hash](uint32_t unit) { hash = hash * 31 + unit; };
    size_t i = 0;
    while (i < utf8.size()) {
        const auto c = static_cast<uint8_t>(utf8[i]);
        uint32_t codePoint = c;
        size_t length = 1;
        if (c >= 0xF0 && i + 3 < utf8.size()) {
            codePoint = ((c & 0x07u) << 18) | ((static_cast<uint8_t>(utf8[i + 1]) & 0x3Fu) << 12)
                | ((static_cast<uint8_t>(utf8[i + 2]) & 0x3Fu) << 6) | (static_cast<uint8_t>(utf8[i + 3]) & 0x3Fu);
            length = 4;
        } else if (c >= 0xE0 && i + 2 < utf8.size()) {
            codePoint = ((c & 0x0Fu) << 12) | ((static_cast<uint8_t>(utf8[i + 1]) & 0x3Fu) << 6)
                | (static_cast<uint8_t>(utf8[i + 2]) & 0x3Fu);
            length = 3;
        } else if (c >= 0xC0 && i + 1 < utf8.size()) {
            codePoint = ((c & 0x1Fu) << 6) | (static_cast<uint8_t>(utf8[i + 1]) & 0x3Fu);
            length = 2;
        }
        if (codePoint >= 0x10000) {
            codePoint -= 0x10000;
            add(0xD800 + (codePoint >> 10));
            add(0xDC00 + (codePoint & 0x3FF));
        } else {
            add(codePoint);
        }
        i += length;
    }
    return static_cast<int32_t>(hash);
}

int32_t partitionForGroup(const std::string& groupId, int32_t partitionCount)
{
    const int32_t hash = javaStringHash(groupId);
    const int32_t positive = hash == std::numeric_limits<int32_t>::min() ? 0 : (hash < 0 ? -hash : hash);
    return partitionCount > 0 ? positive % partitionCount : 0;
}

} // namespace samsa::broker::group
