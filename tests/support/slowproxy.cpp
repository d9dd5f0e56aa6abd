#include "slowproxy.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QPointer>
#include <QQueue>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace Samsa::Test {

// The relay's side on its thread: a server and, per client, a connection to the target whose
// answers pass through a queue released by a timer in arrival order.
class SlowProxyRelay : public QObject {
public:
    SlowProxyRelay(std::shared_ptr<std::atomic<int>> delayMs)
        : m_delayMs(std::move(delayMs))
        , m_server(new QTcpServer(this))
    {
        m_clock.start();
        connect(m_server, &QTcpServer::newConnection, this, [this] { accept(); });
    }

    quint16 listen()
    {
        return m_server->listen(QHostAddress::LocalHost, 0) ? m_server->serverPort() : 0;
    }
    void setTarget(quint16 port) { m_target.store(port); }

private:
    struct Held {
        qint64 dueMs;
        QByteArray data;
    };

    void accept()
    {
        while (QTcpSocket* client = m_server->nextPendingConnection()) {
            client->setParent(this);
            auto* target = new QTcpSocket(client);
            auto* release = new QTimer(client);
            release->setSingleShot(true);
            auto queue = std::make_shared<QQueue<Held>>();
            const auto toTarget = [client, target] {
                if (target->state() == QAbstractSocket::ConnectedState)
                    target->write(client->readAll());
            };
            const auto releaseDue = [this, client, release, queue] {
                const qint64 now = m_clock.elapsed();
                while (!queue->isEmpty() && queue->head().dueMs <= now)
                    client->write(queue->dequeue().data);
                if (!queue->isEmpty())
                    release->start(int(queue->head().dueMs - now));
            };
            connect(client, &QTcpSocket::readyRead, target, toTarget);
            connect(target, &QTcpSocket::connected, client, toTarget);
            connect(target, &QTcpSocket::readyRead, client, [this, target, queue, release, releaseDue] {
                queue->enqueue({ m_clock.elapsed() + m_delayMs->load(), target->readAll() });
                if (!release->isActive())
                    releaseDue();
            });
            connect(release, &QTimer::timeout, client, releaseDue);
            connect(client, &QTcpSocket::disconnected, client, [client, target] {
                target->abort();
                client->deleteLater();
            });
            // The target going away closes the client once what it said has been delivered.
            const auto closeClient = [client, queue, release] {
                if (queue->isEmpty()) {
                    client->disconnectFromHost();
                    return;
                }
                connect(release, &QTimer::timeout, client, [client, queue] {
                    if (queue->isEmpty())
                        client->disconnectFromHost();
                });
            };
            connect(target, &QTcpSocket::disconnected, client, closeClient);
            connect(target, &QTcpSocket::errorOccurred, client, [client, target](QAbstractSocket::SocketError) {
                if (target->state() != QAbstractSocket::ConnectedState)
                    client->abort();
            });
            target->connectToHost(QHostAddress::LocalHost, m_target.load());
        }
    }

    std::shared_ptr<std::atomic<int>> m_delayMs;
    std::atomic<quint16> m_target { 0 };
    QTcpServer* m_server;
    QElapsedTimer m_clock;
};

SlowProxy::SlowProxy()
{
    m_thread.setObjectName(QStringLiteral("slow proxy"));
}

SlowProxy::~SlowProxy()
{
    if (m_relay) {
        QMetaObject::invokeMethod(m_relay, &QObject::deleteLater);
        m_thread.quit();
        m_thread.wait();
    }
}

bool SlowProxy::start(quint16 targetPort)
{
    m_relay = new SlowProxyRelay(m_delayMs);
    m_relay->setTarget(targetPort);
    m_relay->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(m_relay, [this] { m_port = m_relay->listen(); }, Qt::BlockingQueuedConnection);
    return m_port != 0;
}

void SlowProxy::setTargetPort(quint16 targetPort)
{
    m_relay->setTarget(targetPort);
}

} // namespace Samsa::Test
