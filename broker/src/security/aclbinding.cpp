#include "security/aclbinding.h"

#include <array>
#include <string_view>

namespace samsa::broker::security {

namespace {

// Names in code order: the index is the wire code.
constexpr std::array<std::string_view, 8> ResourceTypeNames
    = { "UNKNOWN", "ANY", "TOPIC", "GROUP", "CLUSTER", "TRANSACTIONAL_ID", "DELEGATION_TOKEN", "USER" };
constexpr std::array<std::string_view, 5> PatternTypeNames = { "UNKNOWN", "ANY", "MATCH", "LITERAL", "PREFIXED" };
constexpr std::array<std::string_view, 15> OperationNames
    = { "UNKNOWN", "ANY", "ALL", "READ", "WRITE", "CREATE", "DELETE", "ALTER", "DESCRIBE", "CLUSTER_ACTION",
          "DESCRIBE_CONFIGS", "ALTER_CONFIGS", "IDEMPOTENT_WRITE", "CREATE_TOKENS", "DESCRIBE_TOKENS" };
constexpr std::array<std::string_view, 4> PermissionNames = { "UNKNOWN", "ANY", "DENY", "ALLOW" };

template <class Enum, size_t N> std::string nameOf(Enum value, const std::array<std::string_view, N>& names)
{
    const auto code = static_cast<int>(value);
    return std::string(code >= 0 && static_cast<size_t>(code) < N ? names[static_cast<size_t>(code)] : names[0]);
}

template <class Enum, size_t N>
std::optional<Enum> valueOf(const std::string& text, const std::array<std::string_view, N>& names)
{
    for (size_t i = 0; i < N; ++i) {
        if (names[i] == text)
            return static_cast<Enum>(i);
    }
    return std::nullopt;
}

// A code outside the table (a newer client's) counts as UNKNOWN, as Kafka's fromCode does.
template <class Enum, size_t N> bool isKnown(Enum value, const std::array<std::string_view, N>&)
{
    const auto code = static_cast<int>(value);
    return code > 0 && static_cast<size_t>(code) < N;
}

bool patternMatches(const AclBindingFilter& filter, const ResourcePattern& pattern)
{
    if (filter.resourceType != ResourceType::Any && filter.resourceType != pattern.type)
        return false;
    if (filter.patternType != PatternType::Any && filter.patternType != PatternType::Match
        && filter.patternType != pattern.patternType)
        return false;
    if (!filter.name)
        return true;
    if (filter.patternType != PatternType::Match)
        return *filter.name == pattern.name;
    // MATCH: every stored pattern that applies to a resource of this name.
    switch (pattern.patternType) {
    case PatternType::Literal:
        return *filter.name == pattern.name || pattern.name == Wildcard;
    case PatternType::Prefixed:
        return filter.name->starts_with(pattern.name);
    default:
        return false;
    }
}

bool entryMatches(const AclBindingFilter& filter, const AccessControlEntry& entry)
{
    return (!filter.principal || *filter.principal == entry.principal) && (!filter.host || *filter.host == entry.host)
        && (filter.operation == AclOperation::Any || filter.operation == entry.operation)
        && (filter.permission == AclPermission::Any || filter.permission == entry.permission);
}

} // namespace

bool matches(const AclBindingFilter& filter, const AclBinding& binding)
{
    return patternMatches(filter, binding.pattern) && entryMatches(filter, binding.entry);
}

std::optional<std::string> invalidBindingReason(const AclBinding& binding)
{
    const auto& pattern = binding.pattern;
    const auto& entry = binding.entry;
    if (!isKnown(pattern.type, ResourceTypeNames) || pattern.type == ResourceType::Any)
        return "invalid resource type " + toString(pattern.type);
    if (pattern.patternType != PatternType::Literal && pattern.patternType != PatternType::Prefixed)
        return "invalid pattern type " + toString(pattern.patternType) + " (LITERAL or PREFIXED)";
    if (!isKnown(entry.operation, OperationNames) || entry.operation == AclOperation::Any)
        return "invalid operation " + toString(entry.operation);
    if (!isKnown(entry.permission, PermissionNames) || entry.permission == AclPermission::Any)
        return "invalid permission type " + toString(entry.permission);
    if (pattern.name.empty())
        return std::string("empty resource name");
    if (pattern.type == ResourceType::Cluster && pattern.name != ClusterResourceName)
        return std::string("the only valid name for the CLUSTER resource is ") + ClusterResourceName;
    const auto colon = entry.principal.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == entry.principal.size())
        return "invalid principal '" + entry.principal + "' (expected Type:name, e.g. User:alice)";
    if (entry.host.empty())
        return std::string("empty host (use * for any host)");
    return std::nullopt;
}

std::optional<std::string> invalidFilterReason(const AclBindingFilter& filter)
{
    if (!isKnown(filter.resourceType, ResourceTypeNames))
        return "unknown resource type in filter";
    if (!isKnown(filter.patternType, PatternTypeNames))
        return "unknown pattern type in filter";
    if (!isKnown(filter.operation, OperationNames))
        return "unknown operation in filter";
    if (!isKnown(filter.permission, PermissionNames))
        return "unknown permission type in filter";
    return std::nullopt;
}

std::string toString(ResourceType type)
{
    return nameOf(type, ResourceTypeNames);
}
std::string toString(PatternType type)
{
    return nameOf(type, PatternTypeNames);
}
std::string toString(AclOperation operation)
{
    return nameOf(operation, OperationNames);
}
std::string toString(AclPermission permission)
{
    return nameOf(permission, PermissionNames);
}

std::optional<ResourceType> resourceTypeFromString(const std::string& text)
{
    return valueOf<ResourceType>(text, ResourceTypeNames);
}
std::optional<PatternType> patternTypeFromString(const std::string& text)
{
    return valueOf<PatternType>(text, PatternTypeNames);
}
std::optional<AclOperation> operationFromString(const std::string& text)
{
    return valueOf<AclOperation>(text, OperationNames);
}
std::optional<AclPermission> permissionFromString(const std::string& text)
{
    return valueOf<AclPermission>(text, PermissionNames);
}

} // namespace samsa::broker::security
