#pragma once

// Why a cluster's ACLs cannot be shown at all, read from the error of an ACL request: the broker runs
// no authorizer (SECURITY_DISABLED), or the principal may not describe or alter ACLs. Anything else
// (timeouts, a lost connection) is an ordinary failure worth a retry. AclActionResult carries only
// text, so the broker's error name and librdkafka's wording are both recognised.

#include <QString>

namespace Samsa {

enum class AclAccessProblem { None, SecurityDisabled, NotAuthorized };

AclAccessProblem aclAccessProblem(const QString& error);

} // namespace Samsa
