#pragma once

// samsactl topic create | delete | purge | alter-config: the same TopicActions as the topic dialogs.
// Prints every topic's (or, for purge, every partition's) result; the exit status is 1 when any failed.

#include "ctloptions.h"
#include "profiles/connectionprofile.h"
#include "topics/topicadmintypes.h"

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

    CtlOptions m_options;
    std::unique_ptr<TopicActions> m_actions;
};

} // namespace Samsa::Ctl
