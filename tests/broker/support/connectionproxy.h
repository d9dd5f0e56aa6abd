#pragma once

// A TCP relay between clients and the broker, so a test can cut every connection at a chosen
// moment (requests written, responses lost) without restarting the broker. Start the broker with
// --advertised-listener pointing at listenPort() so clients reconnect through the proxy.
// Runs on the thread's Qt event loop: the waiting helpers in rdkafkaclient.h process events.

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

namespace Samsa::Test {

class ConnectionProxy : public QObject {
    Q_OBJECT
public:
    explicit ConnectionProxy(QObject* parent = nullptr);

    // Listens on 127.0.0.1 (port 0: any free port). False when the port is taken.
    bool listen(quint16 port = 0);
    quint16 listenPort() const { return m_server.serverPort(); }
    void setTarget(quint16 brokerPort) { m_targetPort = brokerPort; }

    // Aborts every relayed connection on both sides.
    void dropAll();
    int acceptedConnections() const { return m_accepted; }
    qint64 bytesToBroker() const { return m_bytesToBroker; }

private:
    void onNewConnection();

    struct Pair {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> broker;
    };
    QTcpServer m_server;
    quint16 m_targetPort = 0;
    QList<Pair> m_pairs;
    int m_accepted = 0;
    qint64 m_bytesToBroker = 0;
};

} // namespace Samsa::Test
