#pragma once

// A Schema Registry that misbehaves on request, for fault tests: it answers every HTTP request on
// the thread's event loop after `delayMs`, with a valid answer, random bytes, a body that is not
// JSON, or JSON of the wrong shape; close() leaves its port closed (connection refused).

#include <QByteArray>
#include <QHostAddress>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace Samsa::Test {

class FakeRegistry : public QObject {
public:
    enum class Mode { Valid, RandomBytes, InvalidJson, WrongShape, WrongSchema };

    explicit FakeRegistry(QObject* parent = nullptr)
        : QObject(parent)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] { accept(); });
    }

    bool listen(quint16 port = 0) { return m_server.listen(QHostAddress::LocalHost, port); }
    void close() { m_server.close(); }
    quint16 port() const { return m_port = m_server.isListening() ? m_server.serverPort() : m_port; }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(port()); }

    void setMode(Mode mode) { m_mode = mode; }
    void setDelayMs(int milliseconds) { m_delayMs = milliseconds; }
    // The Avro schema a valid GET /schemas/ids/N answers with.
    void setSchema(const QByteArray& schemaJson) { m_schema = schemaJson; }
    int requests() const { return m_requests; }

private:
    void accept()
    {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            auto buffer = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                buffer->append(socket->readAll());
                const qsizetype end = buffer->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                const QByteArray requestLine = buffer->left(buffer->indexOf("\r\n"));
                buffer->clear();
                ++m_requests;
                const QByteArray path = requestLine.split(' ').value(1);
                QPointer<QTcpSocket> guarded(socket);
                QTimer::singleShot(m_delayMs, this, [this, guarded, path] {
                    if (guarded)
                        answer(guarded, path);
                });
            });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    }

    void answer(QTcpSocket* socket, const QByteArray& path)
    {
        if (m_mode == Mode::RandomBytes) {
            QByteArray noise(512, Qt::Uninitialized);
            for (char& byte : noise)
                byte = char(QRandomGenerator::global()->bounded(256));
            socket->write(noise);
            socket->disconnectFromHost();
            return;
        }
        QByteArray body;
        if (m_mode == Mode::InvalidJson) {
            body = "{\"schema\": \"{\\\"type\\\": \\\"rec";
        } else if (m_mode == Mode::WrongShape) {
            body = R"({"unexpected": [1, 2, 3]})";
        } else if (path.startsWith("/schemas/ids/")) {
            const QByteArray schema = m_mode == Mode::WrongSchema ? QByteArray(R"({"type":"fixed","name":"F","size":64})") : m_schema;
            QByteArray escaped = schema;
            escaped.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', ' ');
            body = QByteArray(R"({"schema":")") + escaped + "\"}";
        } else if (path.startsWith("/subjects")) {
            body = R"(["fault-value"])";
        } else if (path.startsWith("/config")) {
            body = R"({"compatibilityLevel":"BACKWARD"})";
        } else {
            body = R"({"error_code":40401,"message":"not found"})";
        }
        socket->write(QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.schemaregistry.v1+json\r\nContent-Length: ")
            + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    mutable quint16 m_port = 0;
    Mode m_mode = Mode::Valid;
    int m_delayMs = 0;
    QByteArray m_schema;
    int m_requests = 0;
};

} // namespace Samsa::Test
