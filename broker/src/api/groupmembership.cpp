// JoinGroup, SyncGroup, Heartbeat and LeaveGroup: conversion between the wire messages and the
// group coordinator's own structs; the coordinator decides.

#include "api/handlers.h"
#include "api/requestscope.h"
#include "common/errors.h"
#include "group/groupcoordinator.h"
#include "protocol/messages/heartbeat.h"
#include "protocol/messages/joingroup.h"
#include "protocol/messages/leavegroup.h"
#include "protocol/messages/syncgroup.h"

namespace samsa::broker::api {

using protocol::HeartbeatRequest;
using protocol::HeartbeatResponse;
using protocol::JoinGroupRequest;
using protocol::JoinGroupResponse;
using protocol::LeaveGroupRequest;
using protocol::LeaveGroupResponse;
using protocol::SyncGroupRequest;
using protocol::SyncGroupResponse;
using security::AclOperation;
using security::ResourceType;

namespace {

// Called by the coordinator on whatever thread completes the request: the answer is handed to
// the connection on its own executor.
template <class Response>
void answerLater(const std::shared_ptr<RequestScope>& scope, Reply<Response> reply, Response answer)
{
    scope->connection.post(
        [reply = std::move(reply), answer = std::move(answer)]() mutable { reply(std::move(answer)); });
}

JoinGroupResponse joinResponse(int16_t v, group::JoinResult result)
{
    JoinGroupResponse response;
    response.errorCode = static_cast<int16_t>(result.error);
    response.generationId = result.generationId;
    if (!result.protocolType.empty())
        response.protocolType = std::move(result.protocolType);
    // The protocol name may be null from v7 on only.
    response.protocolName = v >= 7 ? std::move(result.protocolName) : result.protocolName.value_or("");
    response.leader = std::move(result.leaderId);
    response.memberId = std::move(result.memberId);
    for (auto& member : result.members)
        response.members.push_back(
            { std::move(member.memberId), std::move(member.groupInstanceId), std::move(member.metadata) });
    return response;
}

SyncGroupResponse syncResponse(group::SyncResult result)
{
    SyncGroupResponse response;
    response.errorCode = static_cast<int16_t>(result.error);
    response.protocolType = std::move(result.protocolType);
    response.protocolName = std::move(result.protocolName);
    response.assignment = std::move(result.assignment);
    return response;
}

std::string peerHost(const std::string& peer)
{
    // "1.2.3.4:port": Kafka shows the client host as "/1.2.3.4".
    const auto colon = peer.rfind(':');
    return "/" + (colon == std::string::npos ? peer : peer.substr(0, colon));
}

} // namespace

void handle(std::shared_ptr<RequestScope> scope, JoinGroupRequest request, Reply<JoinGroupResponse> reply)
{
    const int16_t v = scope->version();
    // Every membership request needs READ on the group.
    if (!scope->authorize(AclOperation::Read, ResourceType::Group, request.groupId)) {
        JoinGroupResponse refused;
        refused.errorCode = static_cast<int16_t>(ErrorCode::GroupAuthorizationFailed);
        refused.protocolName = v >= 7 ? std::nullopt : std::optional<std::string>(std::string());
        reply(std::move(refused));
        return;
    }
    group::JoinRequest join;
    join.groupId = std::move(request.groupId);
    join.sessionTimeoutMs = request.sessionTimeoutMs;
    join.rebalanceTimeoutMs = v >= 1 ? request.rebalanceTimeoutMs : request.sessionTimeoutMs;
    join.memberId = std::move(request.memberId);
    join.groupInstanceId = std::move(request.groupInstanceId);
    join.protocolType = std::move(request.protocolType);
    for (auto& protocol : request.protocols)
        join.protocols.push_back({ std::move(protocol.name), std::move(protocol.metadata) });
    join.clientId = scope->header.clientId.value_or("");
    join.clientHost = peerHost(scope->connection.peer());
    // MEMBER_ID_REQUIRED exists from v4 on; older clients cannot handle it.
    join.requireKnownMemberId = v >= 4;
    scope->broker.groups->join(std::move(join), [scope, reply = std::move(reply)](group::JoinResult result) mutable {
        answerLater(scope, std::move(reply), joinResponse(scope->version(), std::move(result)));
    });
}

void handle(std::shared_ptr<RequestScope> scope, SyncGroupRequest request, Reply<SyncGroupResponse> reply)
{
    if (!scope->authorize(AclOperation::Read, ResourceType::Group, request.groupId)) {
        SyncGroupResponse refused;
        refused.errorCode = static_cast<int16_t>(ErrorCode::GroupAuthorizationFailed);
        reply(std::move(refused));
        return;
    }
    group::SyncRequest sync;
    sync.groupId = std::move(request.groupId);
    sync.generationId = request.generationId;
    sync.memberId = std::move(request.memberId);
    sync.groupInstanceId = std::move(request.groupInstanceId);
    sync.protocolType = std::move(request.protocolType);
    sync.protocolName = std::move(request.protocolName);
    for (auto& assignment : request.assignments)
        sync.assignments.emplace_back(std::move(assignment.memberId), std::move(assignment.assignment));
    scope->broker.groups->sync(std::move(sync), [scope, reply = std::move(reply)](group::SyncResult result) mutable {
        answerLater(scope, std::move(reply), syncResponse(std::move(result)));
    });
}

HeartbeatResponse handle(RequestScope& scope, const HeartbeatRequest& request)
{
    HeartbeatResponse response;
    if (!scope.authorize(AclOperation::Read, ResourceType::Group, request.groupId)) {
        response.errorCode = static_cast<int16_t>(ErrorCode::GroupAuthorizationFailed);
        return response;
    }
    response.errorCode = static_cast<int16_t>(scope.broker.groups->heartbeat(
        request.groupId, request.memberId, request.groupInstanceId, request.generationId));
    return response;
}

LeaveGroupResponse handle(RequestScope& scope, const LeaveGroupRequest& request)
{
    if (!scope.authorize(AclOperation::Read, ResourceType::Group, request.groupId)) {
        LeaveGroupResponse refused;
        refused.errorCode = static_cast<int16_t>(ErrorCode::GroupAuthorizationFailed);
        return refused;
    }
    std::vector<group::LeavingMember> members;
    if (scope.version() <= 2) {
        members.push_back({ request.memberId, std::nullopt });
    } else {
        for (const auto& member : request.members)
            members.push_back({ member.memberId, member.groupInstanceId });
    }
    const group::LeaveResult result = scope.broker.groups->leave(request.groupId, members);
    LeaveGroupResponse response;
    if (scope.version() <= 2) {
        // One member: its error is the answer's.
        const ErrorCode error = result.error != ErrorCode::None || result.memberErrors.empty()
            ? result.error
            : result.memberErrors.front();
        response.errorCode = static_cast<int16_t>(error);
        return response;
    }
    response.errorCode = static_cast<int16_t>(result.error);
    if (result.error != ErrorCode::None)
        return response;
    for (size_t i = 0; i < members.size(); ++i) {
        response.members.push_back({ std::move(members[i].memberId), std::move(members[i].groupInstanceId),
            static_cast<int16_t>(result.memberErrors[i]) });
    }
    return response;
}

} // namespace samsa::broker::api
