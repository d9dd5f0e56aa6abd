#pragma once

// samsactl acl list | create | delete: the same AclActions as the ACL page. delete without --yes
// only shows what the filter matches and exits with status 2, deleting nothing.

#include "acls/acltypes.h"
#include "ctloptions.h"
#include "profiles/connectionprofile.h"

#include <QObject>
#include <memory>

namespace Samsa {
class AclActions;
}

namespace Samsa::Ctl {

class AclCommand : public QObject {
    Q_OBJECT
public:
    explicit AclCommand(const CtlOptions& options, QObject* parent = nullptr);
    ~AclCommand() override;

    void start(const ConnectionProfile& profile, const ProfileSecrets& secrets);

Q_SIGNALS:
    void finished(int exitCode);

private:
    void handleFinished(const AclActionResult& result);
    // What goes to stdout: the table or JSON of the command.
    QByteArray output(const AclActionResult& result) const;

    CtlOptions m_options;
    std::unique_ptr<AclActions> m_actions;
};

} // namespace Samsa::Ctl
