#pragma once

// The pieces of an ACL as Kafka defines them (org.apache.kafka.common.acl and .resource), with
// Kafka's numeric codes: these travel on the wire unchanged. A binding is a resource pattern plus
// an access control entry; a filter is the same shape with wildcards (ANY, MATCH, a null name).

#include <cstdint>
#include <optional>
#include <string>

namespace samsa::broker::security {

enum class ResourceType : int8_t {
    Unknown = 0,
    Any = 1,
    Topic = 2,
    Group = 3,
    Cluster = 4,
    TransactionalId = 5,
    DelegationToken = 6,
    User = 7,
};

enum class PatternType : int8_t {
    Unknown = 0,
    Any = 1, // filters only: any pattern type, names compared exactly
    Match = 2, // filters only: every pattern that would apply to the named resource
    Literal = 3,
    Prefixed = 4,
};

enum class AclOperation : int8_t {
    Unknown = 0,
    Any = 1, // filters only
    All = 2,
    Read = 3,
    Write = 4,
    Create = 5,
    Delete = 6,
    Alter = 7,
    Describe = 8,
    ClusterAction = 9,
    DescribeConfigs = 10,
    AlterConfigs = 11,
    IdempotentWrite = 12,
    CreateTokens = 13,
    DescribeTokens = 14,
};

enum class AclPermission : int8_t {
    Unknown = 0,
    Any = 1, // filters only
    Deny = 2,
    Allow = 3,
};

// The one name a cluster resource has.
inline constexpr const char* ClusterResourceName = "kafka-cluster";
// A literal resource name, principal or host matching every one.
inline constexpr const char* Wildcard = "*";
inline constexpr const char* WildcardPrincipal = "User:*";

struct ResourcePattern {
    ResourceType type = ResourceType::Unknown;
    std::string name;
    PatternType patternType = PatternType::Literal;

    auto operator<=>(const ResourcePattern&) const = default;
};

struct AccessControlEntry {
    std::string principal; // "User:alice"
    std::string host; // "*" or an IP address
    AclOperation operation = AclOperation::Unknown;
    AclPermission permission = AclPermission::Unknown;

    auto operator<=>(const AccessControlEntry&) const = default;
};

struct AclBinding {
    ResourcePattern pattern;
    AccessControlEntry entry;

    auto operator<=>(const AclBinding&) const = default;
};

// A null name, principal or host matches any.
struct AclBindingFilter {
    ResourceType resourceType = ResourceType::Any;
    std::optional<std::string> name;
    PatternType patternType = PatternType::Any;
    std::optional<std::string> principal;
    std::optional<std::string> host;
    AclOperation operation = AclOperation::Any;
    AclPermission permission = AclPermission::Any;
};

bool matches(const AclBindingFilter& filter, const AclBinding& binding);

// Why a binding cannot be stored (nullopt when it can): the wildcards of filters, UNKNOWN codes,
// an empty name, a principal without its "Type:" or a cluster not named kafka-cluster.
std::optional<std::string> invalidBindingReason(const AclBinding& binding);
// Why a filter can match nothing sensible (UNKNOWN codes), or nullopt.
std::optional<std::string> invalidFilterReason(const AclBindingFilter& filter);

// Kafka's upper-case names (TOPIC, PREFIXED, DESCRIBE_CONFIGS, ALLOW), for the store and for logs.
std::string toString(ResourceType type);
std::string toString(PatternType type);
std::string toString(AclOperation operation);
std::string toString(AclPermission permission);
std::optional<ResourceType> resourceTypeFromString(const std::string& text);
std::optional<PatternType> patternTypeFromString(const std::string& text);
std::optional<AclOperation> operationFromString(const std::string& text);
std::optional<AclPermission> permissionFromString(const std::string& text);

} // namespace samsa::broker::security
