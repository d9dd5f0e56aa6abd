// DescribeAcls, CreateAcls and DeleteAcls: the wire shapes to and from security/aclbinding.h; the
// authorizer keeps and stores the ACLs.

#include "api/handlers.h"
#include "api/requestscope.h"
#include "common/errors.h"
#include "protocol/messages/createacls.h"
#include "protocol/messages/deleteacls.h"
#include "protocol/messages/describeacls.h"
#include "security/authorizer.h"

namespace samsa::broker::api {

using protocol::CreateAclsRequest;
using protocol::CreateAclsResponse;
using protocol::DeleteAclsRequest;
using protocol::DeleteAclsResponse;
using protocol::DescribeAclsRequest;
using protocol::DescribeAclsResponse;
using security::AclBinding;
using security::AclBindingFilter;
using security::AclOperation;

namespace {

// Kafka answers the ACL APIs so when no authorizer is configured.
const std::string NoAuthorizer = "no authorizer is configured (see --set authorizer=standard)";
const std::string NotAllowed = "the principal may not alter ACLs (needs ALTER on the cluster)";

template <class Filter> AclBindingFilter toFilter(const Filter& wire)
{
    AclBindingFilter filter;
    filter.resourceType = static_cast<security::ResourceType>(wire.resourceTypeFilter);
    filter.name = wire.resourceNameFilter;
    filter.patternType = static_cast<security::PatternType>(wire.patternTypeFilter);
    filter.principal = wire.principalFilter;
    filter.host = wire.hostFilter;
    filter.operation = static_cast<AclOperation>(wire.operation);
    filter.permission = static_cast<security::AclPermission>(wire.permissionType);
    return filter;
}

AclBinding toBinding(const CreateAclsRequest::Creation& wire)
{
    AclBinding binding;
    binding.pattern = { static_cast<security::ResourceType>(wire.resourceType), wire.resourceName,
        static_cast<security::PatternType>(wire.resourcePatternType) };
    binding.entry = { wire.principal, wire.host, static_cast<AclOperation>(wire.operation),
        static_cast<security::AclPermission>(wire.permissionType) };
    return binding;
}

std::optional<std::string> messageOf(const security::Authorizer::Outcome& outcome)
{
    return outcome.error == ErrorCode::None ? std::nullopt : std::optional<std::string>(outcome.message);
}

DescribeAclsResponse::Resource describedResource(const security::ResourcePattern& pattern)
{
    DescribeAclsResponse::Resource resource;
    resource.resourceType = static_cast<int8_t>(pattern.type);
    resource.resourceName = pattern.name;
    resource.patternType = static_cast<int8_t>(pattern.patternType);
    return resource;
}

} // namespace

DescribeAclsResponse handle(RequestScope& scope, const DescribeAclsRequest& request)
{
    DescribeAclsResponse response;
    const auto fail = [&](ErrorCode error, std::string message) {
        response.errorCode = static_cast<int16_t>(error);
        response.errorMessage = std::move(message);
        return response;
    };
    if (!scope.broker.authorizer)
        return fail(ErrorCode::SecurityDisabled, NoAuthorizer);
    if (!scope.authorizeCluster(AclOperation::Describe))
        return fail(ErrorCode::ClusterAuthorizationFailed, "the principal may not describe ACLs");
    const AclBindingFilter filter = toFilter(request);
    if (auto reason = security::invalidFilterReason(filter))
        return fail(ErrorCode::InvalidRequest, *reason);
    // Sorted by pattern, so the ACLs of one resource pattern are neighbours.
    for (const auto& acl : scope.broker.authorizer->describe(filter)) {
        if (response.resources.empty()
            || response.resources.back().resourceType != static_cast<int8_t>(acl.pattern.type)
            || response.resources.back().resourceName != acl.pattern.name
            || response.resources.back().patternType != static_cast<int8_t>(acl.pattern.patternType))
            response.resources.push_back(describedResource(acl.pattern));
        response.resources.back().acls.push_back({ acl.entry.principal, acl.entry.host,
            static_cast<int8_t>(acl.entry.operation), static_cast<int8_t>(acl.entry.permission) });
    }
    return response;
}

CreateAclsResponse handle(RequestScope& scope, const CreateAclsRequest& request)
{
    CreateAclsResponse response;
    const auto failAll = [&](ErrorCode error, const std::string& message) {
        response.results.assign(request.creations.size(), { static_cast<int16_t>(error), message });
        return response;
    };
    if (!scope.broker.authorizer)
        return failAll(ErrorCode::SecurityDisabled, NoAuthorizer);
    if (!scope.authorizeCluster(AclOperation::Alter))
        return failAll(ErrorCode::ClusterAuthorizationFailed, NotAllowed);
    std::vector<AclBinding> bindings;
    for (const auto& creation : request.creations)
        bindings.push_back(toBinding(creation));
    for (const auto& outcome : scope.broker.authorizer->create(bindings))
        response.results.push_back({ static_cast<int16_t>(outcome.error), messageOf(outcome) });
    return response;
}

DeleteAclsResponse handle(RequestScope& scope, const DeleteAclsRequest& request)
{
    DeleteAclsResponse response;
    const auto failAll = [&](ErrorCode error, const std::string& message) {
        response.filterResults.assign(request.filters.size(), { static_cast<int16_t>(error), message, {} });
        return response;
    };
    if (!scope.broker.authorizer)
        return failAll(ErrorCode::SecurityDisabled, NoAuthorizer);
    if (!scope.authorizeCluster(AclOperation::Alter))
        return failAll(ErrorCode::ClusterAuthorizationFailed, NotAllowed);
    std::vector<AclBindingFilter> filters;
    for (const auto& filter : request.filters)
        filters.push_back(toFilter(filter));
    for (const auto& deletion : scope.broker.authorizer->remove(filters)) {
        DeleteAclsResponse::FilterResult result;
        result.errorCode = static_cast<int16_t>(deletion.outcome.error);
        result.errorMessage = messageOf(deletion.outcome);
        for (const auto& acl : deletion.deleted) {
            DeleteAclsResponse::MatchingAcl matching;
            matching.resourceType = static_cast<int8_t>(acl.pattern.type);
            matching.resourceName = acl.pattern.name;
            matching.patternType = static_cast<int8_t>(acl.pattern.patternType);
            matching.principal = acl.entry.principal;
            matching.host = acl.entry.host;
            matching.operation = static_cast<int8_t>(acl.entry.operation);
            matching.permissionType = static_cast<int8_t>(acl.entry.permission);
            result.matchingAcls.push_back(std::move(matching));
        }
        response.filterResults.push_back(std::move(result));
    }
    return response;
}

} // namespace samsa::broker::api
