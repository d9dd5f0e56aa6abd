#pragma once

// samsactl sample-data: the desktop app's "Load sample data" from a terminal. Prints one status
// line a second; stops after --duration seconds, or on Ctrl+C / SIGTERM.

#include "ctloptions.h"
#include "profiles/connectionprofile.h"

#include <QObject>
#include <QTimer>

namespace Samsa {
class SampleData;
}

namespace Samsa::Ctl {

class SampleDataCommand : public QObject {
    Q_OBJECT
public:
    explicit SampleDataCommand(const CtlOptions& options, QObject* parent = nullptr);

    void start(const ConnectionProfile& profile, const ProfileSecrets& secrets);

Q_SIGNALS:
    void finished(int exitCode);

private:
    CtlOptions m_options;
    SampleData* m_sample;
    QTimer m_signalCheck;
};

} // namespace Samsa::Ctl
