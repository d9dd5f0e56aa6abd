// ListGroups, DescribeGroups and DeleteGroups.

#include "api/handlers.h"
#include "api/requestscope.h"
#include "common/errors.h"
#include "group/groupcoordinator.h"
#include "protocol/messages/deletegroups.h"
#include "protocol/messages/describegroups.h"
#include "protocol/messages/listgroups.h"

#include <algorithm>
#include <cctype>

namespace samsa::broker::api {

using protocol::DeleteGroupsRequest;
using protocol::DeleteGroupsResponse;
using protocol::DescribeGroupsRequest;
using protocol::DescribeGroupsResponse;
using protocol::ListGroupsRequest;
using protocol::ListGroupsResponse;
using security::AclOperation;
using security::ResourceType;

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

// Every group here is a classic one.
constexpr const char* GroupType = "classic";

// READ, DELETE and DESCRIBE, as bits of Kafka's AclOperation codes.
constexpr int32_t GroupOperations = (1 << 3) | (1 << 6) | (1 << 8);

DescribeGroupsResponse::Group describedGroup(group::GroupDescription group, bool includeOperations)
{
    DescribeGroupsResponse::Group described;
    described.errorCode = static_cast<int16_t>(group.error);
    described.groupId = std::move(group.groupId);
    described.groupState = std::move(group.state);
    described.protocolType = std::move(group.protocolType);
    described.protocolData = std::move(group.protocolData);
    for (auto& member : group.members) {
        described.members.push_back(
            { std::move(member.memberId), std::move(member.groupInstanceId), std::move(member.clientId),
                std::move(member.clientHost), std::move(member.metadata), std::move(member.assignment) });
    }
    if (includeOperations)
        described.authorizedOperations = GroupOperations;
    return described;
}

} // namespace

ListGroupsResponse handle(RequestScope& scope, const ListGroupsRequest& request)
{
    ListGroupsResponse response;
    if (!matches(request.typesFilter, GroupType))
        return response;
    // DESCRIBE on the cluster lists every group; otherwise those the principal may describe.
    const bool everyGroup = scope.authorizeCluster(AclOperation::Describe);
    for (auto& listing : scope.broker.groups->listGroups()) {
        if (matches(request.statesFilter, listing.state)
            && (everyGroup || scope.authorize(AclOperation::Describe, ResourceType::Group, listing.groupId)))
            response.groups.push_back(
                { std::move(listing.groupId), std::move(listing.protocolType), std::move(listing.state), GroupType });
    }
    return response;
}

DescribeGroupsResponse handle(RequestScope& scope, const DescribeGroupsRequest& request)
{
    DescribeGroupsResponse response;
    for (const auto& groupId : request.groups) {
        if (!scope.authorize(AclOperation::Describe, ResourceType::Group, groupId)) {
            DescribeGroupsResponse::Group refused;
            refused.groupId = groupId;
            refused.errorCode = static_cast<int16_t>(ErrorCode::GroupAuthorizationFailed);
            response.groups.push_back(std::move(refused));
            continue;
        }
        response.groups.push_back(
            describedGroup(scope.broker.groups->describeGroup(groupId), request.includeAuthorizedOperations));
    }
    return response;
}

DeleteGroupsResponse handle(RequestScope& scope, const DeleteGroupsRequest& request)
{
    DeleteGroupsResponse response;
    for (const auto& groupId : request.groupsNames) {
        const ErrorCode error = scope.authorize(AclOperation::Delete, ResourceType::Group, groupId)
            ? scope.broker.groups->deleteGroup(groupId)
            : ErrorCode::GroupAuthorizationFailed;
        response.results.push_back({ groupId, static_cast<int16_t>(error) });
    }
    return response;
}

} // namespace samsa::broker::api
