#include "avroframing.h"

#include <QtEndian>

namespace Samsa::AvroFraming {

QByteArray confluent(quint32 schemaId, QByteArrayView datum)
{
    QByteArray out(ConfluentHeaderSize + datum.size(), Qt::Uninitialized);
    out[0] = 0;
    qToBigEndian(schemaId, out.data() + 1);
    memcpy(out.data() + ConfluentHeaderSize, datum.data(), static_cast<size_t>(datum.size()));
    return out;
}

QByteArray singleObject(quint64 fingerprint, QByteArrayView datum)
{
    QByteArray out(SingleObjectHeaderSize + datum.size(), Qt::Uninitialized);
    out[0] = static_cast<char>(0xc3);
    out[1] = 0x01;
    qToLittleEndian(fingerprint, out.data() + 2);
    memcpy(out.data() + SingleObjectHeaderSize, datum.data(), static_cast<size_t>(datum.size()));
    return out;
}

bool readConfluent(QByteArrayView bytes, quint32* schemaId, QByteArrayView* datum)
{
    if (bytes.size() < ConfluentHeaderSize || bytes[0] != 0)
        return false;
    *schemaId = qFromBigEndian<quint32>(bytes.data() + 1);
    *datum = bytes.sliced(ConfluentHeaderSize);
    return true;
}

bool readSingleObject(QByteArrayView bytes, quint64* fingerprint, QByteArrayView* datum)
{
    if (bytes.size() < SingleObjectHeaderSize || static_cast<quint8>(bytes[0]) != 0xc3 || bytes[1] != 0x01)
        return false;
    *fingerprint = qFromLittleEndian<quint64>(bytes.data() + 2);
    *datum = bytes.sliced(SingleObjectHeaderSize);
    return true;
}

} // namespace Samsa::AvroFraming
