#include "aclcodes.h"

namespace Samsa::AclCodes {

namespace {

// Kafka's codes start at ANY = 1 in the order of our enums (UNKNOWN = 0 has no value of ours),
// except permissions: ANY = 1, DENY = 2, ALLOW = 3.
constexpr int ResourceTypes = 5;
constexpr int PatternTypes = 4;
constexpr int Operations = 12;

template <typename Enum> std::optional<Enum> fromCode(int code, int count)
{
    if (code < 1 || code > count)
        return std::nullopt;
    return Enum(code - 1);
}

constexpr int SecurityDisabled = 54;
constexpr int ClusterAuthorizationFailed = 31;

} // namespace

qint8 code(AclResourceType type)
{
    return qint8(int(type) + 1);
}

qint8 code(AclPatternType type)
{
    return qint8(int(type) + 1);
}

qint8 code(AclOperation operation)
{
    return qint8(int(operation) + 1);
}

qint8 code(AclPermission permission)
{
    switch (permission) {
    case AclPermission::Allow:
        return 3;
    case AclPermission::Deny:
        return 2;
    case AclPermission::Any:
        break;
    }
    return 1;
}

std::optional<AclResourceType> resourceType(int code)
{
    return fromCode<AclResourceType>(code, ResourceTypes);
}

std::optional<AclPatternType> patternType(int code)
{
    return fromCode<AclPatternType>(code, PatternTypes);
}

std::optional<AclOperation> operation(int code)
{
    return fromCode<AclOperation>(code, Operations);
}

std::optional<AclPermission> permission(int code)
{
    switch (code) {
    case 1:
        return AclPermission::Any;
    case 2:
        return AclPermission::Deny;
    case 3:
        return AclPermission::Allow;
    default:
        return std::nullopt;
    }
}

std::optional<AclBinding> binding(int resourceTypeCode, const QString& resourceName, int patternTypeCode,
    const QString& principal, const QString& host, int operationCode, int permissionCode)
{
    const std::optional<AclResourceType> type = resourceType(resourceTypeCode);
    const std::optional<AclPatternType> pattern = patternType(patternTypeCode);
    const std::optional<AclOperation> op = operation(operationCode);
    const std::optional<AclPermission> allowed = permission(permissionCode);
    if (!type || !pattern || !op || !allowed || *type == AclResourceType::Any || *op == AclOperation::Any
        || *allowed == AclPermission::Any
        || (*pattern != AclPatternType::Literal && *pattern != AclPatternType::Prefixed))
        return std::nullopt;
    AclBinding result;
    result.resourceType = *type;
    result.resourceName = resourceName;
    result.patternType = *pattern;
    result.principal = principal;
    result.host = host;
    result.operation = *op;
    result.permission = *allowed;
    return result;
}

QString errorText(int errorCode, const QString& detail)
{
    switch (errorCode) {
    case SecurityDisabled:
        return QStringLiteral("Security is disabled on the cluster: it runs without an authorizer, so it has no ACLs "
                              "(SECURITY_DISABLED: %1)")
            .arg(detail);
    case ClusterAuthorizationFailed:
        return QStringLiteral("Not authorized: listing ACLs needs DESCRIBE and changing them ALTER on the cluster "
                              "(CLUSTER_AUTHORIZATION_FAILED: %1)")
            .arg(detail);
    default:
        return detail;
    }
}

} // namespace Samsa::AclCodes
