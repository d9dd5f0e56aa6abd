#pragma once

// "Test connection": builds a throwaway librdkafka client from a profile on a worker thread, asks
// for metadata, and reports broker count and round-trip latency, or why it failed: librdkafka's
// exact error in the result, and its meaning for the user in a ConnectionFailure. When librdkafka
// only says "certificate verify failed", a TLS handshake of our own (CertificateProbe) finds out
// whether the CA or the host name is wrong before the answer is given.

#include "clustertypes.h"
#include "connectionfailure.h"
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
    // failure.kind is None when result.ok.
    void finished(const Samsa::ConnectionTestResult& result, const Samsa::ConnectionFailure& failure);

private:
    void workerFinished(const ConnectionTestResult& result);

    struct Private;
    Private* d;
};

} // namespace Samsa
