#pragma once

// Encodes JSON into an Avro binary datum of one schema, through avro-c, for producing. The JSON is
// checked against the schema first, and a problem names the field it is in
// ("items[2].qty: expected int, got string").
//
// Accepts the plain JSON the decoder prints (unions unwrapped: the first branch whose shape fits the
// value is chosen, a string goes to a string branch when there is one, a record or map before the
// wrapped form) and Avro's own JSON encoding of unions ({"string": "x"}, {"shop.Item": {...}}). Logical types may be written readably, as the decoder shows them ("12.34",
// "2024-05-01T12:00:00.000Z", "2024-05-01", "13:45:00.250", "P1M2DT3H", a uuid on a fixed), or
// raw (numbers, \u00XX strings). For decimals, whose raw form is a string too, the caller says which
// is meant. Integers keep all 64 bits. Record fields that are missing take their default; unknown
// fields are refused (usually a typo). Immutable after create(); encode() is thread-safe.

#include "avroschema/json.h"

#include <QByteArray>
#include <QString>
#include <memory>

namespace Samsa {

class AvroSchemaBinding;

class AvroJsonEncoder {
public:
    // nullptr with *error set when the schema text is not valid Avro.
    static std::shared_ptr<const AvroJsonEncoder> create(const QByteArray& schemaJson, QString* error);
    ~AvroJsonEncoder();

    struct Result {
        bool ok = false;
        QByteArray datum; // the Avro binary datum, without framing (see avroframing.h)
        QString error; // "items[2].qty: expected int, got string", "invalid JSON: ..."
    };
    Result encode(QByteArrayView jsonText, bool readableLogicalTypes = true) const;
    Result encode(const samsa::Json& value, bool readableLogicalTypes = true) const;

    QByteArray schemaJson() const;
    QString fullName() const;
    quint64 fingerprint() const;

private:
    AvroJsonEncoder();
    std::shared_ptr<const AvroSchemaBinding> m_schema;
};

} // namespace Samsa
