#pragma once

// Plain value types of ACL administration: one ACL (a binding), the filter DescribeAcls and
// DeleteAcls match with, and a request's outcome with each item's own error. The enums follow
// Kafka's (AclOperation, ResourceType, PatternType, AclPermissionType), minus UNKNOWN.

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <optional>

namespace Samsa {

enum class AclResourceType { Any, Topic, Group, Cluster, TransactionalId };
enum class AclPatternType { Any, Match, Literal, Prefixed };
enum class AclOperation {
    Any,
    All,
    Read,
    Write,
    Create,
    Delete,
    Alter,
    Describe,
    ClusterAction,
    DescribeConfigs,
    AlterConfigs,
    IdempotentWrite
};
enum class AclPermission { Any, Allow, Deny };

// The only resource name Kafka accepts for a CLUSTER ACL.
QString aclClusterName();

// One ACL.
struct AclBinding {
    AclResourceType resourceType = AclResourceType::Topic;
    QString resourceName; // for Cluster, empty means "kafka-cluster"
    AclPatternType patternType = AclPatternType::Literal;
    QString principal; // "User:alice"
    QString host = QStringLiteral("*");
    AclOperation operation = AclOperation::Read;
    AclPermission permission = AclPermission::Allow;

    friend bool operator==(const AclBinding&, const AclBinding&) = default;
};

// What DescribeAcls / DeleteAcls match; Any or an empty string matches anything. A pattern type of
// Match matches the literal ACLs of the name, the wildcard "*" and the prefixed ACLs that cover it.
struct AclFilter {
    AclResourceType resourceType = AclResourceType::Any;
    QString resourceName; // empty: any
    AclPatternType patternType = AclPatternType::Any;
    QString principal; // empty: any
    QString host; // empty: any
    AclOperation operation = AclOperation::Any;
    AclPermission permission = AclPermission::Any;

    // Matches that one ACL and nothing else.
    static AclFilter exactly(const AclBinding& binding);

    friend bool operator==(const AclFilter&, const AclFilter&) = default;
};

// One ACL of a CreateAcls request and its result.
struct AclOutcome {
    AclBinding binding;
    QString error; // empty on success
};

struct AclActionResult {
    QList<AclBinding> bindings; // list: the ACLs matching; remove: the ACLs deleted
    QList<AclOutcome> outcomes; // create: one per binding asked for, in the order asked; when the
                                // request failed as a whole, each binding sent carries that error
    QStringList filterErrors; // remove: "filter: reason" per filter the broker refused
    QString error; // the request failed as a whole (no answer, bad input, SECURITY_DISABLED...)

    // Every item went through and the request as a whole did not fail.
    bool ok() const;
    // The request's error, then one line per failed item (an outcome that only repeats the request's
    // error is not listed again).
    QStringList failures() const;
};

// Names as Kafka writes them ("TOPIC", "PREFIXED", "DESCRIBE_CONFIGS", "ALLOW").
QString aclName(AclResourceType type);
QString aclName(AclPatternType type);
QString aclName(AclOperation operation);
QString aclName(AclPermission permission);

// Parsing back, case-insensitive; '-', '_' and spaces between words are optional
// ("describe-configs", "DescribeConfigs", "transactional_id"). nullopt for an unknown name.
std::optional<AclResourceType> parseAclResourceType(const QString& text);
std::optional<AclPatternType> parseAclPatternType(const QString& text);
std::optional<AclOperation> parseAclOperation(const QString& text);
std::optional<AclPermission> parseAclPermission(const QString& text);

// Every value but Any, in declaration order (for forms and option help).
QList<AclResourceType> aclResourceTypes();
QList<AclOperation> aclOperations();

// The operations Kafka allows on that type, All first (for forms). For Any: every operation but Any.
QList<AclOperation> aclOperationsFor(AclResourceType type);

// "" or a clear reason why Kafka would refuse this ACL: empty principal, a principal not written
// "Type:name", an empty resource name (but for a cluster), a cluster named other than "kafka-cluster",
// Any or Match in a binding, an operation not valid for the type, an empty host.
QString validateAclBinding(const AclBinding& binding);

// The binding as sent: a cluster ACL without a name gets "kafka-cluster".
AclBinding completedAclBinding(const AclBinding& binding);

// One line for messages: "ALLOW User:alice READ on TOPIC orders (LITERAL) from *".
QString aclDescription(const AclBinding& binding);
// A filter: what it narrows, "resource-type=TOPIC principal=User:alice", or "every ACL".
QString aclDescription(const AclFilter& filter);

} // namespace Samsa

Q_DECLARE_METATYPE(Samsa::AclBinding)
Q_DECLARE_METATYPE(Samsa::AclFilter)
Q_DECLARE_METATYPE(Samsa::AclActionResult)
