#pragma once

// A TCP relay for fault tests that runs on a thread of its own, so a test that blocks its own thread
// (a producer's flush, a broker restart) never stalls the relayed traffic. Every answer from the
// target is held back by responseDelayMs before it reaches the client, in order, to play a cluster
// or a registry that answers slowly. Start the broker with --advertised-listener 127.0.0.1:port()
// so clients come back through the relay after the bootstrap.

#include <QThread>

#include <atomic>
#include <memory>

namespace Samsa::Test {

class SlowProxyRelay;

class SlowProxy {
public:
    SlowProxy();
    ~SlowProxy();
    SlowProxy(const SlowProxy&) = delete;
    SlowProxy& operator=(const SlowProxy&) = delete;

    // Listens on a free port of 127.0.0.1 and relays to targetPort; false when it cannot listen.
    bool start(quint16 targetPort);
    quint16 port() const { return m_port; }
    void setTargetPort(quint16 targetPort);
    // How long each chunk from the target waits before the client gets it (0: at once).
    void setResponseDelayMs(int milliseconds) { m_delayMs->store(milliseconds); }

private:
    QThread m_thread;
    SlowProxyRelay* m_relay = nullptr; // lives on m_thread
    std::shared_ptr<std::atomic<int>> m_delayMs = std::make_shared<std::atomic<int>>(0);
    quint16 m_port = 0;
};

} // namespace Samsa::Test
