#include "acloptions.h"

#include <QCommandLineParser>

namespace Samsa::Ctl {

namespace {

// Reads the options one by one and keeps the first mistake.
class AclOptionReader {
public:
    explicit AclOptionReader(const QCommandLineParser& parser)
        : m_parser(parser)
    {
    }

    QString error() const { return m_error; }

    // The option's value when given once; empty (an error when given twice or empty) otherwise.
    QString single(const QString& name)
    {
        const QStringList values = m_parser.values(name);
        if (values.isEmpty())
            return {};
        if (values.size() > 1)
            fail(QStringLiteral("--%1 is given more than once").arg(name));
        else if (values.first().trimmed().isEmpty())
            fail(QStringLiteral("option --%1 needs a value").arg(name));
        return values.first().trimmed();
    }

    template <typename Enum, typename Parse>
    void name(const QString& option, Parse parse, const QList<Enum>& allowed, Enum* target)
    {
        const QString value = single(option);
        if (!value.isEmpty())
            *target = parsed(option, value, parse, allowed);
    }

    template <typename Enum, typename Parse>
    Enum parsed(const QString& option, const QString& value, Parse parse, const QList<Enum>& allowed)
    {
        const std::optional<Enum> found = parse(value);
        if (found && allowed.contains(*found))
            return *found;
        QStringList names;
        for (Enum candidate : allowed)
            names.append(aclName(candidate).toLower().replace(QLatin1Char('_'), QLatin1Char('-')));
        fail(QStringLiteral("--%1 needs one of %2, not '%3'").arg(option, names.join(QStringLiteral(", ")), value));
        return allowed.first();
    }

    void fail(const QString& message)
    {
        if (m_error.isEmpty())
            m_error = message;
    }

private:
    const QCommandLineParser& m_parser;
    QString m_error;
};

template <typename Enum> QList<Enum> withAny(QList<Enum> values)
{
    values.prepend(Enum::Any);
    return values;
}

void readFilter(AclOptionReader& read, AclFilter* filter)
{
    read.name(
        QStringLiteral("resource-type"), parseAclResourceType, withAny(aclResourceTypes()), &filter->resourceType);
    filter->resourceName = read.single(QStringLiteral("resource"));
    read.name(QStringLiteral("pattern"), parseAclPatternType,
        { AclPatternType::Any, AclPatternType::Match, AclPatternType::Literal, AclPatternType::Prefixed },
        &filter->patternType);
    filter->principal = read.single(QStringLiteral("principal"));
    filter->host = read.single(QStringLiteral("host"));
    read.name(QStringLiteral("operation"), parseAclOperation, withAny(aclOperations()), &filter->operation);
    read.name(QStringLiteral("permission"), parseAclPermission,
        { AclPermission::Any, AclPermission::Allow, AclPermission::Deny }, &filter->permission);
}

void readBindings(const QCommandLineParser& parser, AclOptionReader& read, QList<AclBinding>* bindings)
{
    AclBinding binding;
    binding.principal = read.single(QStringLiteral("principal"));
    if (binding.principal.isEmpty())
        read.fail(QStringLiteral("acl create needs --principal (User:NAME)"));
    if (!parser.isSet(QStringLiteral("resource-type")))
        read.fail(QStringLiteral("acl create needs --resource-type"));
    read.name(QStringLiteral("resource-type"), parseAclResourceType, aclResourceTypes(), &binding.resourceType);
    binding.resourceName = read.single(QStringLiteral("resource"));
    read.name(QStringLiteral("pattern"), parseAclPatternType, { AclPatternType::Literal, AclPatternType::Prefixed },
        &binding.patternType);
    const QString host = read.single(QStringLiteral("host"));
    if (!host.isEmpty())
        binding.host = host;
    binding.permission = parser.isSet(QStringLiteral("deny")) ? AclPermission::Deny : AclPermission::Allow;
    const QStringList operations = parser.values(QStringLiteral("operation"));
    if (operations.isEmpty())
        read.fail(QStringLiteral("acl create needs --operation (repeat it for several)"));
    for (const QString& operation : operations) {
        binding.operation = read.parsed(QStringLiteral("operation"), operation.trimmed(), parseAclOperation,
            aclOperationsFor(binding.resourceType));
        if (!read.error().isEmpty())
            return;
        if (bindings->contains(binding)) {
            read.fail(QStringLiteral("--operation %1 is given more than once").arg(operation.trimmed()));
            return;
        }
        const QString problem = validateAclBinding(binding);
        if (!problem.isEmpty()) {
            read.fail(problem);
            return;
        }
        bindings->append(binding);
    }
}

} // namespace

QString readAclOptions(const QCommandLineParser& parser, Action action, AclCtlOptions* acl)
{
    AclOptionReader read(parser);
    if (action == Action::AclCreate)
        readBindings(parser, read, &acl->bindings);
    else
        readFilter(read, &acl->filter);
    acl->yes = parser.isSet(QStringLiteral("yes"));
    return read.error();
}

} // namespace Samsa::Ctl
