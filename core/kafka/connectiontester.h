#pragma once

// "Test connection": builds a throwaway librdkafka client from a profile on a worker thread, asks
// for metadata, and reports broker count and round-trip latency, or librdkafka's exact error.

#include "clustertypes.h"
#include "profiles/connectionprofile.h"

#include <QObject>

namespace Samsa {

class ConnectionTester : public QObject {
    Q_OBJECT
public:
    explicit ConnectionTester(QObject* parent = nullptr);
    ~ConnectionTester() override;

    // Starts a test; a test still running is cancelled (its result is dropped).
    void start(const ConnectionProfile& profile, const ProfileSecrets& secrets, int timeoutMs = 10000);
    void cancel();
    bool isRunning() const;

Q_SIGNALS:
    void finished(const Samsa::ConnectionTestResult& result);

private:
    struct Private;
    Private* d;
};

} // namespace Samsa
