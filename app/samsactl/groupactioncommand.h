#pragma once

// samsactl group reset | group delete | group delete-offsets: the same GroupActions as the group
// page's dialogs. A reset prints the preview (and with --dry-run stops there), then applies it and
// prints each partition's result.

#include "ctloptions.h"
#include "groups/offsetreset.h"
#include "profiles/connectionprofile.h"

#include <QObject>
#include <memory>

namespace Samsa {
class GroupActions;
}

namespace Samsa::Ctl {

class GroupActionCommand : public QObject {
    Q_OBJECT
public:
    explicit GroupActionCommand(const CtlOptions& options, QObject* parent = nullptr);
    ~GroupActionCommand() override;

    void start(const ConnectionProfile& profile, const ProfileSecrets& secrets);

Q_SIGNALS:
    void finished(int exitCode);

private:
    void handlePreview(const OffsetResetPlan& plan);
    void handleApplied(const OffsetResetPlan& plan, const QString& error);
    void print(const OffsetResetPlan& plan, bool applied);

    CtlOptions m_options;
    std::unique_ptr<GroupActions> m_actions;
};

} // namespace Samsa::Ctl
