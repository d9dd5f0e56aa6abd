// ListGroups, DescribeGroups and DeleteGroups.

#include "api/requestscope.h"
#include "common/errors.h"
#include "group/groupcoordinator.h"

#include <algorithm>
#include <cctype>

namespace samsa::broker::api {

namespace {

bool equalsIgnoringCase(const std::string& a, const std::string& b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

bool matches(const std::vector<std::string>& filter, const std::string& value)
{
    return filter.empty()
        || std::any_of(filter.begin(), filter.end(), [&](const auto& f) { return equalsIgnoringCase(f, value); });
}

std::vector<std::string> readStrings(protocol::ByteReader& in, bool flexible)
{
    std::vector<std::string> strings;
    const int32_t count = in.readArrayLength(flexible);
    for (int32_t i = 0; i < count && in.ok(); ++i)
        strings.push_back(in.readString(flexible));
    return strings;
}

// READ, DELETE and DESCRIBE, as bits of Kafka's AclOperation codes.
constexpr int32_t GroupOperations = (1 << 3) | (1 << 6) | (1 << 8);

} // namespace

HandlerStatus handleListGroups(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    const int16_t v = scope.version();
    const bool flexible = v >= 3;
    std::vector<std::string> states;
    std::vector<std::string> types;
    if (v >= 4)
        states = readStrings(in, flexible);
    if (v >= 5)
        types = readStrings(in, flexible);
    if (flexible)
        in.skipTaggedFields();
    if (!in.ok())
        return HandlerStatus::Malformed;
    std::vector<group::GroupListing> groups;
    if (matches(types, "classic")) {
        for (auto& listing : scope.broker.groups->listGroups()) {
            if (matches(states, listing.state))
                groups.push_back(std::move(listing));
        }
    }
    if (v >= 1)
        out.writeInt32(0);
    out.writeInt16(0);
    out.writeArrayLength(flexible, static_cast<int32_t>(groups.size()));
    for (const auto& listing : groups) {
        out.writeString(flexible, listing.groupId);
        out.writeString(flexible, listing.protocolType);
        if (v >= 4)
            out.writeString(flexible, listing.state);
        if (v >= 5)
            out.writeString(flexible, "classic");
        if (flexible)
            out.writeEmptyTaggedFields();
    }
    if (flexible)
        out.writeEmptyTaggedFields();
    return HandlerStatus::Respond;
}

HandlerStatus handleDescribeGroups(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    const int16_t v = scope.version();
    const bool flexible = v >= 5;
    const auto groupIds = readStrings(in, flexible);
    bool includeOperations = false;
    if (v >= 3)
        includeOperations = in.readBool();
    if (flexible)
        in.skipTaggedFields();
    if (!in.ok())
        return HandlerStatus::Malformed;
    if (v >= 1)
        out.writeInt32(0);
    out.writeArrayLength(flexible, static_cast<int32_t>(groupIds.size()));
    for (const auto& groupId : groupIds) {
        const auto group = scope.broker.groups->describeGroup(groupId);
        out.writeInt16(static_cast<int16_t>(group.error));
        out.writeString(flexible, group.groupId);
        out.writeString(flexible, group.state);
        out.writeString(flexible, group.protocolType);
        out.writeString(flexible, group.protocolData);
        out.writeArrayLength(flexible, static_cast<int32_t>(group.members.size()));
        for (const auto& member : group.members) {
            out.writeString(flexible, member.memberId);
            if (v >= 4)
                out.writeNullableString(flexible, member.groupInstanceId);
            out.writeString(flexible, member.clientId);
            out.writeString(flexible, member.clientHost);
            out.writeBytes(flexible, member.metadata);
            out.writeBytes(flexible, member.assignment);
            if (flexible)
                out.writeEmptyTaggedFields();
        }
        if (v >= 3)
            out.writeInt32(includeOperations ? GroupOperations : INT32_MIN);
        if (flexible)
            out.writeEmptyTaggedFields();
    }
    if (flexible)
        out.writeEmptyTaggedFields();
    return HandlerStatus::Respond;
}

HandlerStatus handleDeleteGroups(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    const int16_t v = scope.version();
    const bool flexible = v >= 2;
    const auto groupIds = readStrings(in, flexible);
    if (flexible)
        in.skipTaggedFields();
    if (!in.ok())
        return HandlerStatus::Malformed;
    out.writeInt32(0);
    out.writeArrayLength(flexible, static_cast<int32_t>(groupIds.size()));
    for (const auto& groupId : groupIds) {
        out.writeString(flexible, groupId);
        out.writeInt16(static_cast<int16_t>(scope.broker.groups->deleteGroup(groupId)));
        if (flexible)
            out.writeEmptyTaggedFields();
    }
    if (flexible)
        out.writeEmptyTaggedFields();
    return HandlerStatus::Respond;
}

} // namespace samsa::broker::api
