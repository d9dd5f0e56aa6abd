#pragma once

// Reads LEB128 varints from bytes that may be damaged or hostile: every read is checked against
// the end, a number longer than 64 bits is refused, and a count is refused when the bytes left
// cannot hold that many items, so nothing is allocated on the word of the data.

#include <QByteArrayView>
#include <QString>

namespace Samsa {

class VarintReader {
public:
    explicit VarintReader(QByteArrayView bytes)
        : m_bytes(bytes)
    {
    }

    static quint64 zigZag(qint64 value)
    {
        return (static_cast<quint64>(value) << 1) ^ static_cast<quint64>(value >> 63);
    }
    static qint64 unZigZag(quint64 value) { return static_cast<qint64>((value >> 1) ^ (~(value & 1) + 1)); }

    qsizetype remaining() const { return m_bytes.size() - m_position; }

    bool byte(quint8* value, QString* error)
    {
        if (m_position >= m_bytes.size()) {
            *error = QStringLiteral("The data ends early.");
            return false;
        }
        *value = static_cast<quint8>(m_bytes[m_position++]);
        return true;
    }

    bool varint(quint64* value, QString* error)
    {
        quint64 result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            quint8 byte = 0;
            if (!this->byte(&byte, error))
                return false;
            // The tenth byte may only carry the 64th bit.
            if (shift == 63 && byte > 1) {
                *error = QStringLiteral("A number is longer than 64 bits.");
                return false;
            }
            result |= static_cast<quint64>(byte & 0x7f) << shift;
            if (!(byte & 0x80)) {
                *value = result;
                return true;
            }
        }
        return false; // not reached: the tenth byte ends the number or is refused
    }

    bool zigZagVarint(qint64* value, QString* error)
    {
        quint64 raw = 0;
        if (!varint(&raw, error))
            return false;
        *value = unZigZag(raw);
        return true;
    }

    // A count of items that take at least minBytes each.
    bool count(qsizetype minBytes, qsizetype* count, QString* error)
    {
        quint64 raw = 0;
        if (!varint(&raw, error))
            return false;
        if (raw > static_cast<quint64>(remaining() / minBytes)) {
            *error = QStringLiteral("A count of %1 does not fit in the data.").arg(raw);
            return false;
        }
        *count = static_cast<qsizetype>(raw);
        return true;
    }

private:
    QByteArrayView m_bytes;
    qsizetype m_position = 0;
};

} // namespace Samsa
