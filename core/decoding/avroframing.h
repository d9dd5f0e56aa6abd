#pragma once

// The two ways an Avro datum names its writer schema on the wire:
// - Confluent (Schema Registry serializers): byte 0, the schema id as 4 bytes big-endian, the datum.
// - Avro single-object encoding: C3 01, the CRC-64-AVRO fingerprint of the schema's Parsing
//   Canonical Form as 8 bytes little-endian, the datum.

#include <QByteArray>
#include <QByteArrayView>

namespace Samsa::AvroFraming {

constexpr int ConfluentHeaderSize = 5;
constexpr int SingleObjectHeaderSize = 10;

QByteArray confluent(quint32 schemaId, QByteArrayView datum);
QByteArray singleObject(quint64 fingerprint, QByteArrayView datum);

// false when the bytes do not start with that header.
bool readConfluent(QByteArrayView bytes, quint32* schemaId, QByteArrayView* datum);
bool readSingleObject(QByteArrayView bytes, quint64* fingerprint, QByteArrayView* datum);

} // namespace Samsa::AvroFraming
