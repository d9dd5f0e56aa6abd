#include "wirecodec.h"

#include <QtEndian>

namespace Samsa {

namespace {

template<typename T>
void appendBigEndian(QByteArray* out, T value)
{
    char buffer[sizeof(T)];
    qToBigEndian(value, buffer);
    out->append(buffer, sizeof(T));
}

template<typename T>
bool readBigEndian(const char* data, T* value)
{
    *value = qFromBigEndian<T>(data);
    return true;
}

} // namespace

void WireWriter::int16(qint16 value) { appendBigEndian(&m_bytes, value); }
void WireWriter::int32(qint32 value) { appendBigEndian(&m_bytes, value); }
void WireWriter::int64(qint64 value) { appendBigEndian(&m_bytes, value); }

void WireWriter::string(const QString& value)
{
    const QByteArray utf8 = value.toUtf8().left(0x7fff);
    int16(static_cast<qint16>(utf8.size()));
    m_bytes.append(utf8);
}

void WireWriter::nullableString(const QString& value)
{
    if (value.isNull())
        int16(-1);
    else
        string(value);
}

void WireWriter::bytes(const QByteArray& value)
{
    int32(static_cast<qint32>(value.size()));
    m_bytes.append(value);
}

bool WireReader::fail(const QString& what)
{
    if (m_error.isEmpty())
        m_error = QStringLiteral("%1 at byte %2 of %3").arg(what).arg(m_position).arg(m_bytes.size());
    return false;
}

bool WireReader::take(qsizetype size, const char** data)
{
    if (!m_error.isEmpty())
        return false;
    if (size < 0 || size > m_bytes.size() - m_position)
        return fail(QStringLiteral("the response ends early"));
    *data = m_bytes.constData() + m_position;
    m_position += size;
    return true;
}

bool WireReader::int8(qint8* value)
{
    const char* data = nullptr;
    if (!take(1, &data))
        return false;
    *value = static_cast<qint8>(*data);
    return true;
}

bool WireReader::int16(qint16* value)
{
    const char* data = nullptr;
    return take(2, &data) && readBigEndian(data, value);
}

bool WireReader::int32(qint32* value)
{
    const char* data = nullptr;
    return take(4, &data) && readBigEndian(data, value);
}

bool WireReader::int64(qint64* value)
{
    const char* data = nullptr;
    return take(8, &data) && readBigEndian(data, value);
}

bool WireReader::boolean(bool* value)
{
    qint8 raw = 0;
    if (!int8(&raw))
        return false;
    *value = raw != 0;
    return true;
}

bool WireReader::nullableString(QString* value)
{
    qint16 length = 0;
    if (!int16(&length))
        return false;
    if (length < -1)
        return fail(QStringLiteral("a string has the length %1").arg(length));
    if (length == -1) {
        *value = QString();
        return true;
    }
    const char* data = nullptr;
    if (!take(length, &data))
        return false;
    *value = QString::fromUtf8(data, length); // invalid UTF-8 becomes U+FFFD, never a failure
    return true;
}

bool WireReader::string(QString* value)
{
    if (!nullableString(value))
        return false;
    if (value->isNull())
        return fail(QStringLiteral("a string that may not be null is null"));
    return true;
}

bool WireReader::bytes(QByteArray* value)
{
    qint32 length = 0;
    if (!int32(&length))
        return false;
    if (length < -1)
        return fail(QStringLiteral("a byte string has the length %1").arg(length));
    if (length == -1) {
        value->clear();
        return true;
    }
    const char* data = nullptr;
    if (!take(length, &data))
        return false;
    *value = QByteArray(data, length);
    return true;
}

bool WireReader::arrayCount(qint32 minElementBytes, qint32* count)
{
    if (!int32(count))
        return false;
    if (*count < 0)
        return fail(QStringLiteral("an array has the count %1").arg(*count));
    if (qint64(*count) * qMax(minElementBytes, 1) > m_bytes.size() - m_position)
        return fail(QStringLiteral("an array claims %1 entries, more than the response holds").arg(*count));
    return true;
}

} // namespace Samsa
