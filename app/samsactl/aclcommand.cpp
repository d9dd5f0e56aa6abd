#include "aclcommand.h"

#include "acloutput.h"
#include "acls/aclactions.h"
#include "consoleoutput.h"
#include "profiles/connectionconfig.h"

#include <QJsonDocument>
#include <cstdio>

namespace Samsa::Ctl {

AclCommand::AclCommand(const CtlOptions& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
{
}

AclCommand::~AclCommand() = default;

void AclCommand::start(const ConnectionProfile& profile, const ProfileSecrets& secrets)
{
    m_actions
        = std::make_unique<AclActions>(ConnectionConfig::librdkafkaProperties(profile, secrets), m_options.timeoutMs);
    connect(m_actions.get(), &AclActions::finished, this,
        [this](int, const AclActionResult& result) { handleFinished(result); });
    const AclCtlOptions& acl = m_options.acl;
    if (m_options.action == Action::AclCreate)
        m_actions->create(acl.bindings);
    else if (m_options.action == Action::AclDelete && acl.yes)
        m_actions->remove({ acl.filter });
    else
        m_actions->list(acl.filter); // list, and delete's preview
}

QByteArray AclCommand::output(const AclActionResult& result) const
{
    const bool json = m_options.json;
    switch (m_options.action) {
    case Action::AclCreate:
        return json ? QJsonDocument(aclCreateJson(result)).toJson(QJsonDocument::Indented)
                    : aclCreateText(result).toUtf8();
    case Action::AclDelete:
        if (json)
            return QJsonDocument(aclDeleteJson(result, m_options.acl.yes)).toJson(QJsonDocument::Indented);
        if (!result.error.isEmpty())
            return {};
        return (m_options.acl.yes ? aclDeletedText(result.bindings) : aclListText(result.bindings)).toUtf8();
    default:
        if (json)
            return QJsonDocument(aclListJson(QStringLiteral("list"), result)).toJson(QJsonDocument::Indented);
        return result.error.isEmpty() ? aclListText(result.bindings).toUtf8() : QByteArray();
    }
}

void AclCommand::handleFinished(const AclActionResult& result)
{
    writeOut(output(result));
    for (const QString& failure : result.failures())
        printError(failure);
    if (!result.ok()) {
        Q_EMIT finished(int(ExitCode::ClusterError));
        return;
    }
    if (m_options.action == Action::AclDelete && !m_options.acl.yes) {
        // Deleting by filter is easy to get wrong: without --yes it only shows what would go.
        printError(QStringLiteral("%1 ACL(s) match; nothing was deleted: add --yes to delete them.")
                       .arg(result.bindings.size()));
        Q_EMIT finished(int(ExitCode::Usage));
        return;
    }
    Q_EMIT finished(int(ExitCode::Success));
}

} // namespace Samsa::Ctl
