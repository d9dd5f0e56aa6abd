#pragma once

// samsactl topic create | delete | purge | alter-config | clone: the same TopicActions (and TopicClone)
// as the topic dialogs. Prints every topic's (or, for purge, every partition's) result; the exit status
// is 1 when any failed.

#include "ctloptions.h"
#include "profiles/connectionprofile.h"
#include "topics/topicadmintypes.h"
#include "topics/topicclone.h"

#include <QObject>
#include <memory>

namespace Samsa {
class TopicActions;
}

namespace Samsa::Ctl {

class TopicActionCommand : public QObject {
    Q_OBJECT
public:
    explicit TopicActionCommand(const CtlOptions& options, QObject* parent = nullptr);
    ~TopicActionCommand() override;

    void start(const ConnectionProfile& profile, const ProfileSecrets& secrets);

Q_SIGNALS:
    void finished(int exitCode);

private:
    void handleFinished(const TopicActionResult& result);
    void startClone(const TopicCloneSource& source);
    void cloneFinished(const TopicCloneResult& result);

    CtlOptions m_options;
    std::unique_ptr<TopicActions> m_actions;
    std::unique_ptr<TopicClone> m_clone;
    TopicCloneRequest m_cloneRequest;
    QList<QPair<QString, QString>> m_properties;
};

} // namespace Samsa::Ctl
