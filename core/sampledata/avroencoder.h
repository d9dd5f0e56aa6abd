#pragma once

// Encodes Avro records of one schema with avro-c, in the Confluent wire format the Schema
// Registry's serializers use: magic byte 0, the schema id (4 bytes, big endian), then the datum.

#include <QByteArray>
#include <QString>
#include <QVariant>

namespace Samsa {

class AvroEncoder {
public:
    // Parses the schema; isValid() and error() tell how that went.
    explicit AvroEncoder(const QByteArray& schemaJson);
    ~AvroEncoder();
    AvroEncoder(const AvroEncoder&) = delete;
    AvroEncoder& operator=(const AvroEncoder&) = delete;

    bool isValid() const { return m_schema != nullptr; }
    QString error() const { return m_error; }

    // A record as a QVariantMap: strings, numbers, bools, null (an invalid QVariant) and nested
    // maps and lists, by field name. Enum symbols are strings. A union takes the first branch whose
    // type fits the value. Returns an empty array with error() set when the value does not fit.
    QByteArray encode(int schemaId, const QVariantMap& record);

private:
    void* m_schema = nullptr; // avro_schema_t
    void* m_class = nullptr;  // avro_value_iface_t*
    QString m_error;
};

} // namespace Samsa
