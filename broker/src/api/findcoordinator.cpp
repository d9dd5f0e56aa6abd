#include "api/handlers.h"
#include "api/requestscope.h"
#include "group/groupcoordinator.h"
#include "protocol/messages/findcoordinator.h"
#include "storage/logmanager.h"

namespace samsa::broker::api {

using protocol::FindCoordinatorRequest;
using protocol::FindCoordinatorResponse;

namespace {

constexpr int8_t GroupKeyType = 0;

// This broker coordinates every group. Transactions come later, and share groups are not
// served: those keys get COORDINATOR_NOT_AVAILABLE, which clients retry without hanging.
FindCoordinatorResponse::Coordinator coordinatorFor(RequestScope& scope, int8_t keyType, const std::string& key)
{
    FindCoordinatorResponse::Coordinator c;
    // DESCRIBE on the group or transactional id the key names.
    constexpr int8_t TransactionKeyType = 1;
    if (keyType == GroupKeyType && !scope.authorize(security::AclOperation::Describe, security::ResourceType::Group, key)) {
        c.errorCode = static_cast<int16_t>(ErrorCode::GroupAuthorizationFailed);
        return c;
    }
    if (keyType == TransactionKeyType
        && !scope.authorize(security::AclOperation::Describe, security::ResourceType::TransactionalId, key)) {
        c.errorCode = static_cast<int16_t>(ErrorCode::TransactionalIdAuthorizationFailed);
        return c;
    }
    if (keyType != GroupKeyType || !scope.broker.groups->ensureOffsetsTopic()) {
        c.errorCode = static_cast<int16_t>(ErrorCode::CoordinatorNotAvailable);
        c.errorMessage = "The coordinator is not available.";
        return c;
    }
    c.nodeId = scope.broker.logs.nodeId();
    // The coordinator (this broker) on the listener the request arrived on.
    const bool perListener = !scope.connection.advertisedHost.empty();
    c.host = perListener ? scope.connection.advertisedHost : scope.broker.advertisedHost;
    c.port = perListener ? scope.connection.advertisedPort : scope.broker.advertisedPort;
    return c;
}

} // namespace

FindCoordinatorResponse handle(RequestScope& scope, const FindCoordinatorRequest& request)
{
    FindCoordinatorResponse response;
    if (scope.version() <= 3) {
        const auto c = coordinatorFor(scope, request.keyType, request.key);
        response.errorCode = c.errorCode;
        response.errorMessage = c.errorMessage;
        response.nodeId = c.nodeId;
        response.host = c.host;
        response.port = c.port;
        return response;
    }
    for (const auto& key : request.coordinatorKeys) {
        auto c = coordinatorFor(scope, request.keyType, key);
        c.key = key;
        response.coordinators.push_back(std::move(c));
    }
    return response;
}

} // namespace samsa::broker::api
