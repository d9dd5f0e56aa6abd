#include "acloutput.h"

#include "texttable.h"

#include <QJsonArray>

namespace Samsa::Ctl {

namespace {

QJsonValue errorJson(const QString& error)
{
    return error.isEmpty() ? QJsonValue() : QJsonValue(error);
}

QJsonObject bindingJson(const AclBinding& binding)
{
    return { { QStringLiteral("resourceType"), aclName(binding.resourceType) },
        { QStringLiteral("resourceName"), binding.resourceName },
        { QStringLiteral("patternType"), aclName(binding.patternType) },
        { QStringLiteral("principal"), binding.principal }, { QStringLiteral("host"), binding.host },
        { QStringLiteral("operation"), aclName(binding.operation) },
        { QStringLiteral("permission"), aclName(binding.permission) } };
}

QStringList header()
{
    return { QStringLiteral("PRINCIPAL"), QStringLiteral("PERMISSION"), QStringLiteral("OPERATION"),
        QStringLiteral("RESOURCE-TYPE"), QStringLiteral("RESOURCE"), QStringLiteral("PATTERN"),
        QStringLiteral("HOST") };
}

QStringList cells(const AclBinding& binding)
{
    return { binding.principal, aclName(binding.permission), aclName(binding.operation), aclName(binding.resourceType),
        binding.resourceName, aclName(binding.patternType), binding.host };
}

} // namespace

QList<AclBinding> sortedAcls(QList<AclBinding> bindings)
{
    const auto key = [](const AclBinding& b) {
        return std::make_tuple(int(b.resourceType), b.resourceName, int(b.patternType), b.principal, int(b.operation),
            int(b.permission), b.host);
    };
    std::stable_sort(bindings.begin(), bindings.end(),
        [&](const AclBinding& left, const AclBinding& right) { return key(left) < key(right); });
    return bindings;
}

QString aclListText(const QList<AclBinding>& bindings)
{
    if (bindings.isEmpty())
        return QStringLiteral("No ACL matches.\n");
    TextTable table(header());
    for (const AclBinding& binding : sortedAcls(bindings))
        table.addRow(cells(binding));
    return table.toString();
}

QString aclCreateText(const AclActionResult& result)
{
    if (result.outcomes.isEmpty())
        return {};
    TextTable table(header() << QStringLiteral("RESULT"));
    for (const AclOutcome& outcome : result.outcomes)
        table.addRow(cells(outcome.binding) << (outcome.error.isEmpty() ? QStringLiteral("created") : outcome.error));
    return table.toString();
}

QString aclDeletedText(const QList<AclBinding>& bindings)
{
    if (bindings.isEmpty())
        return QStringLiteral("No ACL matches: nothing was deleted.\n");
    TextTable table(header() << QStringLiteral("RESULT"));
    for (const AclBinding& binding : sortedAcls(bindings))
        table.addRow(cells(binding) << QStringLiteral("deleted"));
    return table.toString();
}

QJsonObject aclListJson(const QString& action, const AclActionResult& result)
{
    QJsonArray acls;
    for (const AclBinding& binding : sortedAcls(result.bindings))
        acls.append(bindingJson(binding));
    return { { QStringLiteral("action"), action }, { QStringLiteral("ok"), result.ok() },
        { QStringLiteral("error"), errorJson(result.error) }, { QStringLiteral("acls"), acls } };
}

QJsonObject aclCreateJson(const AclActionResult& result)
{
    QJsonArray acls;
    for (const AclOutcome& outcome : result.outcomes) {
        QJsonObject entry = bindingJson(outcome.binding);
        entry.insert(QStringLiteral("ok"), outcome.error.isEmpty());
        entry.insert(QStringLiteral("error"), errorJson(outcome.error));
        acls.append(entry);
    }
    return { { QStringLiteral("action"), QStringLiteral("create") }, { QStringLiteral("ok"), result.ok() },
        { QStringLiteral("error"), errorJson(result.error) }, { QStringLiteral("acls"), acls } };
}

QJsonObject aclDeleteJson(const AclActionResult& result, bool deleted)
{
    QJsonObject out = aclListJson(QStringLiteral("delete"), result);
    out.insert(QStringLiteral("deleted"), deleted);
    out.insert(QStringLiteral("filterErrors"), QJsonArray::fromStringList(result.filterErrors));
    return out;
}

} // namespace Samsa::Ctl
