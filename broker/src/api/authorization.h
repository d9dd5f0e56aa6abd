#pragma once

#include "api/connectioncontext.h"
#include "security/authorizer.h"

namespace samsa::broker::api {

// The authorizer's view of a connection: "User:" + its principal (User:ANONYMOUS when it has not
// authenticated) and the peer's IP address without the port.
security::RequestIdentity identityOf(const ConnectionContext& connection);

} // namespace samsa::broker::api
