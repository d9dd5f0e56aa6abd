#pragma once

// samsactl lag GROUP: the group's lag, time lag, consume rate and health from the same metrics
// engine the app runs. The app's recent rounds of this cluster are replayed from history.db first
// (read only), so rates, time lag and health continue where the app's charts are; then one round
// is sampled now and the group printed from it.

#include "ctloptions.h"
#include "profiles/connectionprofile.h"

#include <QObject>

namespace Samsa {
class MetricsEngine;
class MetricsHistory;
struct MetricsSnapshot;
}

namespace Samsa::Ctl {

class LagCommand : public QObject {
    Q_OBJECT
public:
    explicit LagCommand(const CtlOptions& options, QObject* parent = nullptr);
    ~LagCommand() override;

    void start(const ConnectionProfile& profile, const ProfileSecrets& secrets);

Q_SIGNALS:
    void finished(int exitCode);

private:
    void handleSnapshot(const MetricsSnapshot& snapshot);
    void fail(const QString& error);

    CtlOptions m_options;
    MetricsEngine* m_engine = nullptr;
    MetricsHistory* m_history = nullptr;
    bool m_done = false;
};

} // namespace Samsa::Ctl
