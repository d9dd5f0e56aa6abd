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

// --- Flexible versions (KIP-482) and a response reader, for the admin API tests. ---

inline void appendInt8(QByteArray& out, qint8 value) { out.append(char(value)); }

inline void appendInt64(QByteArray& out, qint64 value)
{
    char bytes[8];
    qToBigEndian(value, bytes);
    out.append(bytes, 8);
}

inline void appendString(QByteArray& out, const QByteArray& text)
{
    appendInt16(out, qint16(text.size()));
    out += text;
}

inline void appendUnsignedVarint(QByteArray& out, quint32 value)
{
    while (value >= 0x80) {
        out.append(char((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.append(char(value));
}

// COMPACT_STRING: length + 1 as an unsigned varint, then the bytes.
inline void appendCompactString(QByteArray& out, const QByteArray& text)
{
    appendUnsignedVarint(out, quint32(text.size()) + 1);
    out += text;
}

// COMPACT_NULLABLE_STRING: 0 stands for null.
inline void appendCompactNullableString(QByteArray& out, const QByteArray& text, bool isNull = false)
{
    if (isNull)
        appendUnsignedVarint(out, 0);
    else
        appendCompactString(out, text);
}

inline void appendCompactArrayLength(QByteArray& out, int count) { appendUnsignedVarint(out, quint32(count + 1)); }

inline void appendEmptyTaggedFields(QByteArray& out) { appendUnsignedVarint(out, 0); }

inline qint64 int64At(const QByteArray& data, qsizetype position)
{
    return position + 8 <= data.size() ? qFromBigEndian<qint64>(data.constData() + position) : -1;
}

// Request header v2 (flexible): header v1 plus empty tagged fields.
inline QByteArray flexibleRequest(qint16 apiKey, qint16 version, qint32 correlationId, const QByteArray& body = {})
{
    QByteArray payload;
    appendInt16(payload, apiKey);
    appendInt16(payload, version);
    appendInt32(payload, correlationId);
    const QByteArray clientId("samsa-raw-test");
    appendInt16(payload, qint16(clientId.size()));
    payload += clientId;
    appendEmptyTaggedFields(payload);
    payload += body;
    QByteArray frame;
    appendInt32(frame, qint32(payload.size()));
    return frame + payload;
}

// Reads a response body field by field. Reading past the end sets !ok() and yields zeros, so a test
// can parse a whole answer and check ok() once.
class Reader {
public:
    explicit Reader(QByteArray data, qsizetype position = 0)
        : m_data(std::move(data))
        , m_position(position)
    {
    }

    bool ok() const { return m_ok; }
    bool atEnd() const { return m_position == m_data.size(); }
    qsizetype position() const { return m_position; }

    qint8 int8() { return take(1) ? qint8(m_data[m_position - 1]) : qint8(0); }
    bool boolean() { return int8() != 0; }
    qint16 int16() { return take(2) ? qFromBigEndian<qint16>(m_data.constData() + m_position - 2) : qint16(0); }
    qint32 int32() { return take(4) ? qFromBigEndian<qint32>(m_data.constData() + m_position - 4) : 0; }
    qint64 int64() { return take(8) ? qFromBigEndian<qint64>(m_data.constData() + m_position - 8) : 0; }

    quint32 unsignedVarint()
    {
        quint32 value = 0;
        for (int shift = 0; shift <= 28; shift += 7) {
            if (!take(1))
                return 0;
            const quint8 byte = quint8(m_data[m_position - 1]);
            value |= quint32(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return value;
        }
        m_ok = false;
        return 0;
    }

    // STRING / NULLABLE_STRING (int16 length; null gives a null QByteArray).
    QByteArray string()
    {
        const qint16 length = int16();
        return length < 0 ? QByteArray() : bytesOf(length);
    }
    // COMPACT_STRING / COMPACT_NULLABLE_STRING.
    QByteArray compactString()
    {
        const quint32 length = unsignedVarint();
        return length == 0 ? QByteArray() : bytesOf(qsizetype(length) - 1);
    }
    // BYTES / NULLABLE_BYTES (int32 length).
    QByteArray bytes()
    {
        const qint32 length = int32();
        return length < 0 ? QByteArray() : bytesOf(length);
    }
    QByteArray compactBytes() { return compactString(); }
    // ARRAY length (-1: null) and COMPACT_ARRAY length (-1: null).
    qint32 arrayLength() { return int32(); }
    qint32 compactArrayLength() { return qint32(unsignedVarint()) - 1; }

    void skip(qsizetype count) { take(count); }
    void skipTaggedFields()
    {
        const quint32 count = unsignedVarint();
        for (quint32 i = 0; i < count && m_ok; ++i) {
            unsignedVarint(); // tag
            skip(qsizetype(unsignedVarint()));
        }
    }

private:
    bool take(qsizetype count)
    {
        if (!m_ok || count < 0 || m_position + count > m_data.size()) {
            m_ok = false;
            return false;
        }
        m_position += count;
        return true;
    }
    QByteArray bytesOf(qsizetype count)
    {
        if (!take(count))
            return {};
        return m_data.mid(m_position - count, count);
    }

    QByteArray m_data;
    qsizetype m_position = 0;
    bool m_ok = true;
};

// Sends one frame and returns its response frame (without the size prefix); empty on failure.
inline QByteArray roundTrip(QTcpSocket& socket, const QByteArray& frame, int timeoutMs = 5000)
{
    socket.write(frame);
    return readResponse(socket, timeoutMs);
}

} // namespace Samsa::Test::Raw
