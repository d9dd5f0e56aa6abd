// The one place where handlers meet the authorizer: RequestScope::authorize and friends.

#include "api/authorization.h"

#include "api/requestscope.h"
#include "common/log.h"

namespace samsa::broker::api {

using security::AclOperation;
using security::ResourceType;

security::RequestIdentity identityOf(const ConnectionContext& connection)
{
    security::RequestIdentity who;
    who.principal = "User:" + (connection.principal.empty() ? std::string("ANONYMOUS") : connection.principal);
    const std::string& peer = connection.peer();
    const auto colon = peer.rfind(':');
    who.host = colon == std::string::npos ? peer : peer.substr(0, colon);
    return who;
}

bool RequestScope::authorize(AclOperation operation, ResourceType type, const std::string& name) const
{
    if (!broker.authorizer)
        return true;
    const auto who = identityOf(connection);
    if (broker.authorizer->authorize(who, operation, type, name))
        return true;
    log(LogLevel::Debug, "denied %s %s on %s %s from %s", who.principal.c_str(), security::toString(operation).c_str(),
        security::toString(type).c_str(), name.c_str(), who.host.c_str());
    return false;
}

bool RequestScope::authorizeCluster(AclOperation operation) const
{
    return authorize(operation, ResourceType::Cluster, security::ClusterResourceName);
}

bool RequestScope::authorizeAny(AclOperation operation, ResourceType type) const
{
    return !broker.authorizer || broker.authorizer->authorizeAny(identityOf(connection), operation, type);
}

} // namespace samsa::broker::api
