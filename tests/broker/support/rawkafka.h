#pragma once

// Hand-built Kafka frames for tests that must control the bytes on the wire (bad frames,
// pipelining, unsupported versions), independent of the broker's own codec.

#include <QByteArray>
#include <QDeadlineTimer>
#include <QTcpSocket>
#include <QtEndian>

namespace Samsa::Test::Raw {

inline void appendInt16(QByteArray& out, qint16 value)
{
    char bytes[2];
    qToBigEndian(value, bytes);
    out.append(bytes, 2);
}

inline void appendInt32(QByteArray& out, qint32 value)
{
    char bytes[4];
    qToBigEndian(value, bytes);
    out.append(bytes, 4);
}

inline qint16 int16At(const QByteArray& data, qsizetype position)
{
    return position + 2 <= data.size() ? qFromBigEndian<qint16>(data.constData() + position) : qint16(-32768);
}

inline qint32 int32At(const QByteArray& data, qsizetype position)
{
    return position + 4 <= data.size() ? qFromBigEndian<qint32>(data.constData() + position) : -1;
}

// Request header v1 (non-flexible): api key, version, correlation id, nullable client id.
inline QByteArray request(qint16 apiKey, qint16 version, qint32 correlationId, const QByteArray& body = {})
{
    QByteArray payload;
    appendInt16(payload, apiKey);
    appendInt16(payload, version);
    appendInt32(payload, correlationId);
    const QByteArray clientId("samsa-raw-test");
    appendInt16(payload, qint16(clientId.size()));
    payload += clientId;
    payload += body;
    QByteArray frame;
    appendInt32(frame, qint32(payload.size()));
    return frame + payload;
}

inline QByteArray apiVersionsV0(qint32 correlationId) { return request(18, 0, correlationId); }

// Metadata v0 with an empty topic list (all topics, in v0).
inline QByteArray metadataV0(qint32 correlationId)
{
    QByteArray body;
    appendInt32(body, 0);
    return request(3, 0, correlationId, body);
}

// Reads one response frame (without its size prefix); empty on timeout or a closed connection.
inline QByteArray readResponse(QTcpSocket& socket, int timeoutMs = 5000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (socket.bytesAvailable() < 4) {
        if (deadline.hasExpired() || !socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            return {};
    }
    QByteArray sizeBytes = socket.peek(4);
    const qint32 size = int32At(sizeBytes, 0);
    if (size < 0)
        return {};
    while (socket.bytesAvailable() < 4 + size) {
        if (deadline.hasExpired() || !socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            return {};
    }
    socket.read(4);
    return socket.read(size);
}

// Waits until the peer closes the connection (or it fails); true when it did within timeoutMs.
inline bool waitForClose(QTcpSocket& socket, int timeoutMs = 5000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        socket.waitForReadyRead(int(qMax<qint64>(1, qMin<qint64>(deadline.remainingTime(), 100))));
        socket.readAll();
    }
    return socket.state() != QAbstractSocket::ConnectedState;
}

} // namespace Samsa::Test::Raw
