#pragma once

// The Kafka wire encoding for the few requests Samsa sends itself, where librdkafka 2.0.2 has no
// call for them (DescribeLogDirs, and the SASL exchange its connection needs): big-endian
// integers, strings and arrays of the non-flexible versions. No Debian library speaks the Kafka
// protocol below librdkafka's API, and these are a handful of fixed fields, so they are written
// here. The reader never trusts a length or count: each is checked against the bytes left.

#include <QByteArray>
#include <QString>

namespace Samsa {

class WireWriter {
public:
    void int8(qint8 value) { m_bytes.append(static_cast<char>(value)); }
    void int16(qint16 value);
    void int32(qint32 value);
    void int64(qint64 value);
    void string(const QString& value); // int16 length, UTF-8
    void nullableString(const QString& value); // a null QString is written as null
    void bytes(const QByteArray& value); // int32 length
    void nullArray() { int32(-1); }

    const QByteArray& data() const { return m_bytes; }

private:
    QByteArray m_bytes;
};

class WireReader {
public:
    explicit WireReader(const QByteArray& bytes)
        : m_bytes(bytes)
    {
    }

    bool int8(qint8* value);
    bool int16(qint16* value);
    bool int32(qint32* value);
    bool int64(qint64* value);
    bool boolean(bool* value);
    bool string(QString* value); // null is refused
    bool nullableString(QString* value); // null reads as a null QString
    bool bytes(QByteArray* value); // null reads as empty
    // An array's element count, refused when negative or when count * minElementBytes exceeds
    // what is left, so a lying count cannot make the caller reserve or loop for nothing.
    bool arrayCount(qint32 minElementBytes, qint32* count);

    bool atEnd() const { return m_position == m_bytes.size(); }
    QString error() const { return m_error; }

private:
    bool take(qsizetype size, const char** data);
    bool fail(const QString& what);

    const QByteArray& m_bytes;
    qsizetype m_position = 0;
    QString m_error;
};

} // namespace Samsa
