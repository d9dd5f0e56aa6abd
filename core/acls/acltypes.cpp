#include "acltypes.h"

#include <array>
#include <utility>

namespace Samsa {

namespace {

// Each enum's names in Kafka's spelling, indexed by the enum's value.
constexpr std::array ResourceTypeNames { "ANY", "TOPIC", "GROUP", "CLUSTER", "TRANSACTIONAL_ID" };
constexpr std::array PatternTypeNames { "ANY", "MATCH", "LITERAL", "PREFIXED" };
constexpr std::array OperationNames { "ANY", "ALL", "READ", "WRITE", "CREATE", "DELETE", "ALTER", "DESCRIBE",
    "CLUSTER_ACTION", "DESCRIBE_CONFIGS", "ALTER_CONFIGS", "IDEMPOTENT_WRITE" };
constexpr std::array PermissionNames { "ANY", "ALLOW", "DENY" };

template <typename Names> QString nameAt(const Names& names, int index)
{
    return index >= 0 && size_t(index) < names.size() ? QString::fromLatin1(names[size_t(index)]) : QString();
}

// Upper case without the separators people put between words.
QString squeezed(const QString& text)
{
    QString out;
    for (const QChar c : text.trimmed()) {
        if (c != QLatin1Char('_') && c != QLatin1Char('-') && c != QLatin1Char(' '))
            out += c.toUpper();
    }
    return out;
}

template <typename Enum, typename Names> std::optional<Enum> parseName(const Names& names, const QString& text)
{
    const QString wanted = squeezed(text);
    if (wanted.isEmpty())
        return std::nullopt;
    for (size_t index = 0; index < names.size(); ++index) {
        if (squeezed(QString::fromLatin1(names[index])) == wanted)
            return Enum(index);
    }
    return std::nullopt;
}

// Kafka's AclEntry.supportedOperations, with ALL (which every type takes) first.
QList<AclOperation> supportedOperations(AclResourceType type)
{
    using Op = AclOperation;
    switch (type) {
    case AclResourceType::Topic:
        return { Op::All, Op::Read, Op::Write, Op::Create, Op::Delete, Op::Alter, Op::Describe, Op::DescribeConfigs,
            Op::AlterConfigs };
    case AclResourceType::Group:
        return { Op::All, Op::Read, Op::Delete, Op::Describe };
    case AclResourceType::Cluster:
        return { Op::All, Op::Create, Op::Alter, Op::Describe, Op::ClusterAction, Op::DescribeConfigs, Op::AlterConfigs,
            Op::IdempotentWrite };
    case AclResourceType::TransactionalId:
        return { Op::All, Op::Write, Op::Describe };
    case AclResourceType::Any:
        break;
    }
    return aclOperations();
}

QString resourceWords(AclResourceType type)
{
    switch (type) {
    case AclResourceType::Topic:
        return QStringLiteral("topic");
    case AclResourceType::Group:
        return QStringLiteral("group");
    case AclResourceType::Cluster:
        return QStringLiteral("cluster");
    case AclResourceType::TransactionalId:
        return QStringLiteral("transactional id");
    case AclResourceType::Any:
        break;
    }
    return QStringLiteral("resource");
}

} // namespace

QString aclClusterName()
{
    return QStringLiteral("kafka-cluster");
}

AclFilter AclFilter::exactly(const AclBinding& binding)
{
    const AclBinding complete = completedAclBinding(binding);
    AclFilter filter;
    filter.resourceType = complete.resourceType;
    filter.resourceName = complete.resourceName;
    filter.patternType = complete.patternType;
    filter.principal = complete.principal;
    filter.host = complete.host;
    filter.operation = complete.operation;
    filter.permission = complete.permission;
    return filter;
}

bool AclActionResult::ok() const
{
    return failures().isEmpty();
}

QStringList AclActionResult::failures() const
{
    QStringList lines;
    if (!error.isEmpty())
        lines.append(error);
    for (const AclOutcome& outcome : outcomes) {
        // A request that failed as a whole gives each binding its error: said once is enough.
        if (!outcome.error.isEmpty() && outcome.error != error)
            lines.append(QStringLiteral("%1: %2").arg(aclDescription(outcome.binding), outcome.error));
    }
    lines.append(filterErrors);
    return lines;
}

QString aclName(AclResourceType type)
{
    return nameAt(ResourceTypeNames, int(type));
}

QString aclName(AclPatternType type)
{
    return nameAt(PatternTypeNames, int(type));
}

QString aclName(AclOperation operation)
{
    return nameAt(OperationNames, int(operation));
}

QString aclName(AclPermission permission)
{
    return nameAt(PermissionNames, int(permission));
}

std::optional<AclResourceType> parseAclResourceType(const QString& text)
{
    return parseName<AclResourceType>(ResourceTypeNames, text);
}

std::optional<AclPatternType> parseAclPatternType(const QString& text)
{
    return parseName<AclPatternType>(PatternTypeNames, text);
}

std::optional<AclOperation> parseAclOperation(const QString& text)
{
    return parseName<AclOperation>(OperationNames, text);
}

std::optional<AclPermission> parseAclPermission(const QString& text)
{
    return parseName<AclPermission>(PermissionNames, text);
}

QList<AclResourceType> aclResourceTypes()
{
    return { AclResourceType::Topic, AclResourceType::Group, AclResourceType::Cluster,
        AclResourceType::TransactionalId };
}

QList<AclOperation> aclOperations()
{
    QList<AclOperation> all;
    for (size_t index = 1; index < OperationNames.size(); ++index)
        all.append(AclOperation(index));
    return all;
}

QList<AclOperation> aclOperationsFor(AclResourceType type)
{
    return supportedOperations(type);
}

QString validateAclBinding(const AclBinding& binding)
{
    if (binding.resourceType == AclResourceType::Any)
        return QStringLiteral("An ACL needs a resource type (topic, group, cluster or transactional id), not ANY.");
    if (binding.patternType != AclPatternType::Literal && binding.patternType != AclPatternType::Prefixed)
        return QStringLiteral("An ACL's pattern type is LITERAL or PREFIXED; %1 only filters.")
            .arg(aclName(binding.patternType));
    if (binding.operation == AclOperation::Any)
        return QStringLiteral("An ACL needs an operation, not ANY (ANY only filters; ALL grants every operation).");
    if (binding.permission == AclPermission::Any)
        return QStringLiteral("An ACL either allows or denies, not ANY.");
    const QString principal = binding.principal.trimmed();
    if (principal.isEmpty())
        return QStringLiteral("The principal is empty: write it as User:NAME.");
    const qsizetype colon = principal.indexOf(QLatin1Char(':'));
    if (colon <= 0 || colon == principal.size() - 1)
        return QStringLiteral("The principal '%1' is not written TYPE:NAME (for example User:%2).")
            .arg(binding.principal, colon < 0 ? principal : QStringLiteral("alice"));
    if (binding.host.trimmed().isEmpty())
        return QStringLiteral("The host is empty: use * for any host.");
    const QString name = binding.resourceName.trimmed();
    if (binding.resourceType == AclResourceType::Cluster) {
        if (!name.isEmpty() && binding.resourceName != aclClusterName())
            return QStringLiteral("A cluster ACL's resource name is %1, not '%2'.")
                .arg(aclClusterName(), binding.resourceName);
    } else if (name.isEmpty()) {
        return QStringLiteral("The %1 name is empty (use * for every %1).").arg(resourceWords(binding.resourceType));
    }
    if (!supportedOperations(binding.resourceType).contains(binding.operation)) {
        QStringList allowed;
        for (AclOperation operation : supportedOperations(binding.resourceType))
            allowed.append(aclName(operation));
        return QStringLiteral("%1 is not an operation on a %2; it takes %3.")
            .arg(aclName(binding.operation), resourceWords(binding.resourceType), allowed.join(QStringLiteral(", ")));
    }
    return {};
}

AclBinding completedAclBinding(const AclBinding& binding)
{
    AclBinding complete = binding;
    if (complete.resourceType == AclResourceType::Cluster && complete.resourceName.isEmpty())
        complete.resourceName = aclClusterName();
    return complete;
}

QString aclDescription(const AclBinding& binding)
{
    return QStringLiteral("%1 %2 %3 on %4 %5 (%6) from %7")
        .arg(aclName(binding.permission), binding.principal, aclName(binding.operation), aclName(binding.resourceType),
            binding.resourceName, aclName(binding.patternType), binding.host);
}

QString aclDescription(const AclFilter& filter)
{
    // Only what the filter narrows, in samsactl's option names.
    QStringList parts;
    const auto add = [&parts](const char* key, const QString& value) {
        parts.append(QString::fromLatin1(key) + QLatin1Char('=') + value);
    };
    if (filter.resourceType != AclResourceType::Any)
        add("resource-type", aclName(filter.resourceType));
    if (!filter.resourceName.isEmpty())
        add("resource", filter.resourceName);
    if (filter.patternType != AclPatternType::Any)
        add("pattern", aclName(filter.patternType));
    if (!filter.principal.isEmpty())
        add("principal", filter.principal);
    if (!filter.host.isEmpty())
        add("host", filter.host);
    if (filter.operation != AclOperation::Any)
        add("operation", aclName(filter.operation));
    if (filter.permission != AclPermission::Any)
        add("permission", aclName(filter.permission));
    return parts.isEmpty() ? QStringLiteral("every ACL") : parts.join(QLatin1Char(' '));
}

} // namespace Samsa
