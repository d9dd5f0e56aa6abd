#pragma once

// The numbers Kafka's protocol uses for the ACL enums (librdkafka uses the same ones), both ways,
// and the words for the ACL request errors a user meets first.

#include "acls/acltypes.h"

#include <optional>

namespace Samsa::AclCodes {

qint8 code(AclResourceType type);
qint8 code(AclPatternType type);
qint8 code(AclOperation operation);
qint8 code(AclPermission permission);

// nullopt for UNKNOWN (0) and for values this build does not know (a newer Kafka's).
std::optional<AclResourceType> resourceType(int code);
std::optional<AclPatternType> patternType(int code);
std::optional<AclOperation> operation(int code);
std::optional<AclPermission> permission(int code);

// The binding of an ACL the broker described: nullopt when a value is unknown or only filters (ANY,
// MATCH), which a stored ACL never has.
std::optional<AclBinding> binding(int resourceType, const QString& resourceName, int patternType,
    const QString& principal, const QString& host, int operation, int permission);

// A request's error: `detail` (the broker's message, or the code's description) with a sentence in
// front for SECURITY_DISABLED and CLUSTER_AUTHORIZATION_FAILED, which say what to do.
QString errorText(int errorCode, const QString& detail);

} // namespace Samsa::AclCodes
