// JoinGroup, SyncGroup, Heartbeat and LeaveGroup: decoding and encoding only; the group
// coordinator decides.

#include "api/requestscope.h"
#include "common/errors.h"
#include "group/groupcoordinator.h"

namespace samsa::broker::api {

namespace {

// Called by the coordinator on whatever thread completes the request: the answer is encoded
// there and handed to the connection on its own executor.
void answerLater(const std::shared_ptr<RequestScope>& scope, Responder done, protocol::ByteWriter out)
{
    finishResponse(out);
    scope->connection.post([done = std::move(done), out = std::move(out)]() mutable {
        done(Response { std::move(out), false, {} });
    });
}

void writeJoinResponse(protocol::ByteWriter& out, int16_t v, const group::JoinResult& result)
{
    const bool flexible = v >= 6;
    if (v >= 2)
        out.writeInt32(0); // throttle
    out.writeInt16(static_cast<int16_t>(result.error));
    out.writeInt32(result.generationId);
    if (v >= 7) {
        out.writeNullableString(flexible,
            result.protocolType.empty() ? std::nullopt : std::optional<std::string>(result.protocolType));
        out.writeNullableString(flexible, result.protocolName);
    } else {
        out.writeString(flexible, result.protocolName.value_or(""));
    }
    out.writeString(flexible, result.leaderId);
    if (v >= 9)
        out.writeBool(false); // skip assignment
    out.writeString(flexible, result.memberId);
    out.writeArrayLength(flexible, static_cast<int32_t>(result.members.size()));
    for (const auto& member : result.members) {
        out.writeString(flexible, member.memberId);
        if (v >= 5)
            out.writeNullableString(flexible, member.groupInstanceId);
        out.writeBytes(flexible, member.metadata);
        if (flexible)
            out.writeEmptyTaggedFields();
    }
    if (flexible)
        out.writeEmptyTaggedFields();
}

void writeSyncResponse(protocol::ByteWriter& out, int16_t v, const group::SyncResult& result)
{
    const bool flexible = v >= 4;
    if (v >= 1)
        out.writeInt32(0); // throttle
    out.writeInt16(static_cast<int16_t>(result.error));
    if (v >= 5) {
        out.writeNullableString(flexible, result.protocolType);
        out.writeNullableString(flexible, result.protocolName);
    }
    out.writeBytes(flexible, result.assignment);
    if (flexible)
        out.writeEmptyTaggedFields();
}

std::string peerHost(const std::string& peer)
{
    // "1.2.3.4:port": Kafka shows the client host as "/1.2.3.4".
    const auto colon = peer.rfind(':');
    return "/" + (colon == std::string::npos ? peer : peer.substr(0, colon));
}

} // namespace

void handleJoinGroup(std::shared_ptr<RequestScope> scope, Responder done)
{
    const int16_t v = scope->version();
    const bool flexible = v >= 6;
    protocol::ByteReader in(scope->body());
    group::JoinRequest request;
    request.groupId = in.readString(flexible);
    request.sessionTimeoutMs = in.readInt32();
    request.rebalanceTimeoutMs = v >= 1 ? in.readInt32() : request.sessionTimeoutMs;
    request.memberId = in.readString(flexible);
    if (v >= 5)
        request.groupInstanceId = in.readNullableString(flexible);
    request.protocolType = in.readString(flexible);
    const int32_t count = in.readArrayLength(flexible);
    for (int32_t i = 0; i < count && in.ok(); ++i) {
        group::Protocol protocol;
        protocol.name = in.readString(flexible);
        const auto metadata = in.readBytes(flexible);
        protocol.metadata.assign(metadata.begin(), metadata.end());
        if (flexible)
            in.skipTaggedFields();
        request.protocols.push_back(std::move(protocol));
    }
    if (v >= 8)
        in.readNullableString(flexible); // reason
    if (flexible)
        in.skipTaggedFields();
    if (!in.ok()) {
        done(Response { std::nullopt, true, "malformed JoinGroup request" });
        return;
    }
    request.clientId = scope->header.clientId.value_or("");
    request.clientHost = peerHost(scope->connection.peer());
    // MEMBER_ID_REQUIRED exists from v4 on; older clients cannot handle it.
    request.requireKnownMemberId = v >= 4;
    scope->broker.groups->join(std::move(request), [scope, done = std::move(done)](group::JoinResult result) mutable {
        protocol::ByteWriter out = startResponse(scope->header);
        writeJoinResponse(out, scope->version(), result);
        answerLater(scope, std::move(done), std::move(out));
    });
}

void handleSyncGroup(std::shared_ptr<RequestScope> scope, Responder done)
{
    const int16_t v = scope->version();
    const bool flexible = v >= 4;
    protocol::ByteReader in(scope->body());
    group::SyncRequest request;
    request.groupId = in.readString(flexible);
    request.generationId = in.readInt32();
    request.memberId = in.readString(flexible);
    if (v >= 3)
        request.groupInstanceId = in.readNullableString(flexible);
    if (v >= 5) {
        request.protocolType = in.readNullableString(flexible);
        request.protocolName = in.readNullableString(flexible);
    }
    const int32_t count = in.readArrayLength(flexible);
    for (int32_t i = 0; i < count && in.ok(); ++i) {
        std::string memberId = in.readString(flexible);
        const auto assignment = in.readBytes(flexible);
        if (flexible)
            in.skipTaggedFields();
        request.assignments.emplace_back(std::move(memberId), group::Bytes(assignment.begin(), assignment.end()));
    }
    if (flexible)
        in.skipTaggedFields();
    if (!in.ok()) {
        done(Response { std::nullopt, true, "malformed SyncGroup request" });
        return;
    }
    scope->broker.groups->sync(std::move(request), [scope, done = std::move(done)](group::SyncResult result) mutable {
        protocol::ByteWriter out = startResponse(scope->header);
        writeSyncResponse(out, scope->version(), result);
        answerLater(scope, std::move(done), std::move(out));
    });
}

HandlerStatus handleHeartbeat(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    const int16_t v = scope.version();
    const bool flexible = v >= 4;
    const std::string groupId = in.readString(flexible);
    const int32_t generationId = in.readInt32();
    const std::string memberId = in.readString(flexible);
    std::optional<std::string> groupInstanceId;
    if (v >= 3)
        groupInstanceId = in.readNullableString(flexible);
    if (flexible)
        in.skipTaggedFields();
    if (!in.ok())
        return HandlerStatus::Malformed;
    const ErrorCode error = scope.broker.groups->heartbeat(groupId, memberId, groupInstanceId, generationId);
    if (v >= 1)
        out.writeInt32(0);
    out.writeInt16(static_cast<int16_t>(error));
    if (flexible)
        out.writeEmptyTaggedFields();
    return HandlerStatus::Respond;
}

HandlerStatus handleLeaveGroup(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    const int16_t v = scope.version();
    const bool flexible = v >= 4;
    const std::string groupId = in.readString(flexible);
    std::vector<group::LeavingMember> members;
    if (v <= 2) {
        members.push_back({ in.readString(flexible), std::nullopt });
    } else {
        const int32_t count = in.readArrayLength(flexible);
        for (int32_t i = 0; i < count && in.ok(); ++i) {
            group::LeavingMember member;
            member.memberId = in.readString(flexible);
            member.groupInstanceId = in.readNullableString(flexible);
            if (v >= 5)
                in.readNullableString(flexible); // reason
            if (flexible)
                in.skipTaggedFields();
            members.push_back(std::move(member));
        }
    }
    if (flexible)
        in.skipTaggedFields();
    if (!in.ok())
        return HandlerStatus::Malformed;
    const group::LeaveResult result = scope.broker.groups->leave(groupId, members);
    if (v >= 1)
        out.writeInt32(0);
    if (v <= 2) {
        // One member: its error is the answer's.
        const ErrorCode error = result.error != ErrorCode::None || result.memberErrors.empty()
            ? result.error
            : result.memberErrors.front();
        out.writeInt16(static_cast<int16_t>(error));
    } else {
        out.writeInt16(static_cast<int16_t>(result.error));
        const bool listed = result.error == ErrorCode::None;
        out.writeArrayLength(flexible, listed ? static_cast<int32_t>(members.size()) : 0);
        for (size_t i = 0; listed && i < members.size(); ++i) {
            out.writeString(flexible, members[i].memberId);
            out.writeNullableString(flexible, members[i].groupInstanceId);
            out.writeInt16(static_cast<int16_t>(result.memberErrors[i]));
            if (flexible)
                out.writeEmptyTaggedFields();
        }
    }
    if (flexible)
        out.writeEmptyTaggedFields();
    return HandlerStatus::Respond;
}

} // namespace samsa::broker::api
