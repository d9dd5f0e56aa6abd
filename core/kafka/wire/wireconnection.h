#pragma once

// A blocking connection to one broker for the requests librdkafka 2.0.2 cannot send
// (DescribeLogDirs): TCP or TLS (QSslSocket), SASL PLAIN through SaslHandshake v1 and
// SaslAuthenticate v0, then one request at a time with request header v1. For a worker thread
// only: every wait is bounded by the deadline and checks the cancel predicate in short steps. A
// response larger than MaxResponseBytes, a wrong correlation id or a broken frame closes the
// connection with an error; the next call opens a new one.

#include "kafka/rdkafkaclient.h" // CancelCheck
#include "wiresecurity.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <memory>
#include <optional>

class QTcpSocket;

namespace Samsa {

class WireConnection {
public:
    static constexpr qint32 MaxResponseBytes = 64 * 1024 * 1024;

    WireConnection(WireSecurity security, QString clientId);
    ~WireConnection();
    WireConnection(const WireConnection&) = delete;
    WireConnection& operator=(const WireConnection&) = delete;

    // Connects (and authenticates) unless already open.
    bool open(const QString& host, int port, QDeadlineTimer deadline, const CancelCheck& isCancelled,
        QString* error);
    bool isOpen() const;
    void close();

    // One request; the response body after its header, or nullopt with *error set (the connection
    // is closed then).
    std::optional<QByteArray> call(qint16 apiKey, qint16 version, const QByteArray& body, QDeadlineTimer deadline,
        const CancelCheck& isCancelled, QString* error);

private:
    bool authenticatePlain(QDeadlineTimer deadline, const CancelCheck& isCancelled, QString* error);
    bool waitFor(const std::function<bool(int)>& step, const std::function<bool()>& done,
        QDeadlineTimer deadline, const CancelCheck& isCancelled, const QString& what, QString* error);
    bool readExactly(qint64 size, QByteArray* out, QDeadlineTimer deadline, const CancelCheck& isCancelled,
        QString* error);
    bool fail(const QString& message, QString* error);

    WireSecurity m_security;
    QString m_clientId;
    QString m_peer; // host:port, for messages
    std::unique_ptr<QTcpSocket> m_socket;
    qint32 m_correlationId = 0;
};

// A Kafka error code as its name and librdkafka's description ("UNSUPPORTED_VERSION (35): ...").
QString kafkaErrorText(int code);

} // namespace Samsa
