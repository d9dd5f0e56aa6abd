#include "connectionproxy.h"

#include <QHostAddress>

namespace Samsa::Test {

ConnectionProxy::ConnectionProxy(QObject* parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &ConnectionProxy::onNewConnection);
}

bool ConnectionProxy::listen(quint16 port)
{
    return m_server.listen(QHostAddress::LocalHost, port);
}

void ConnectionProxy::onNewConnection()
{
    while (QTcpSocket* client = m_server.nextPendingConnection()) {
        ++m_accepted;
        auto* broker = new QTcpSocket(client);
        Pair pair { client, broker };
        m_pairs.append(pair);
        // Bytes from the client wait in its socket until the broker side is connected.
        const auto toBroker = [this, client, broker] {
            if (broker->state() != QAbstractSocket::ConnectedState)
                return;
            const QByteArray data = client->readAll();
            m_bytesToBroker += data.size();
            broker->write(data);
        };
        connect(client, &QTcpSocket::readyRead, broker, toBroker);
        connect(broker, &QTcpSocket::connected, client, toBroker);
        connect(broker, &QTcpSocket::readyRead, client, [client, broker] { client->write(broker->readAll()); });
        // Either side closing closes the other, as a real connection would.
        connect(client, &QTcpSocket::disconnected, broker, [client, broker] {
            broker->disconnectFromHost();
            client->deleteLater();
        });
        connect(broker, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
        connect(broker, &QTcpSocket::errorOccurred, client, [client](QAbstractSocket::SocketError) { client->abort(); });
        broker->connectToHost(QHostAddress::LocalHost, m_targetPort);
    }
}

void ConnectionProxy::dropAll()
{
    const QList<Pair> pairs = std::exchange(m_pairs, {});
    for (const Pair& pair : pairs) {
        if (pair.broker)
            pair.broker->abort();
        if (pair.client) {
            pair.client->abort();
            pair.client->deleteLater();
        }
    }
}

} // namespace Samsa::Test
