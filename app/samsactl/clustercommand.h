#pragma once

// Runs one samsactl cluster command through a KafkaClusterSession (the code path the GUI uses):
// connect, wait for what the command needs (metadata, watermarks, configs, groups), print it, and
// report the exit code.

#include "ctloptions.h"
#include "profiles/connectionprofile.h"

#include <QObject>
#include <memory>

namespace Samsa {
class KafkaClusterSession;
struct ConfigResult;
struct GroupListResult;
struct GroupDetail;
}

namespace Samsa::Ctl {

class ClusterCommand : public QObject {
    Q_OBJECT
public:
    explicit ClusterCommand(const CtlOptions& options, QObject* parent = nullptr);
    ~ClusterCommand() override;

    void start(const ConnectionProfile& profile, const ProfileSecrets& secrets);

Q_SIGNALS:
    void finished(int exitCode);

private:
    void handleConnected();
    void handleWatermarksFinished();
    void handleConfigs(const ConfigResult& result);
    void handleGroups(const GroupListResult& result);
    void handleGroupDetail(const GroupDetail& detail);
    void succeed(const QString& text, const QJsonObject& json);
    void fail(const QString& error);

    CtlOptions m_options;
    std::unique_ptr<KafkaClusterSession> m_session;
    bool m_done = false;
};

} // namespace Samsa::Ctl
