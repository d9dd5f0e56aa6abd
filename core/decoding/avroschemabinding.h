#pragma once

// One Avro schema parsed twice: by the shared schema model (libs/avroschema), which keeps
// logicalType and every attribute, and by avro-c, which reads and writes binary datums but drops
// those attributes. The decoder and the encoder walk both side by side: avro-c's value for the
// data, the model's node for what the data means. avro-c is given the model's Parsing Canonical
// Form, so both see the same graph in the same order even where avro-c's own parser is stricter
// (error types, unusual attributes). Immutable after create(); shared between threads.

#include "avroschema/avroschema.h"

#include <QByteArray>
#include <QString>
#include <memory>
#include <vector>

struct avro_obj_t;
struct avro_value_iface;

namespace Samsa {

// A logical type that the underlying type allows; anything else (an unknown name, decimal on a
// long, a bad scale) is Plain, as the specification asks: the value is then shown as its
// underlying type.
enum class AvroLogical {
    Plain,
    Decimal, // bytes or fixed; precision and scale below
    Uuid, // string, or fixed of 16
    Date, // int: days since 1970-01-01
    TimeMillis, // int: milliseconds after midnight
    TimeMicros, // long
    TimestampMillis, // long: since the epoch, UTC
    TimestampMicros,
    TimestampNanos,
    LocalTimestampMillis, // long: a wall-clock time, no time zone
    LocalTimestampMicros,
    LocalTimestampNanos,
    Duration, // fixed of 12: months, days, milliseconds (unsigned 32-bit little-endian each)
};

struct AvroLogicalInfo {
    AvroLogical kind = AvroLogical::Plain;
    int precision = 0;
    int scale = 0;
};

class AvroSchemaBinding {
public:
    // nullptr with *error set when the text is not a valid Avro schema.
    static std::shared_ptr<const AvroSchemaBinding> create(const QByteArray& schemaJson, QString* error);
    ~AvroSchemaBinding();
    AvroSchemaBinding(const AvroSchemaBinding&) = delete;
    AvroSchemaBinding& operator=(const AvroSchemaBinding&) = delete;

    const samsa::avro::AvroSchema& model() const { return m_model; }
    const samsa::avro::AvroNode& node(int index) const { return m_model.node(index); }
    const AvroLogicalInfo& logical(int index) const { return m_logical[static_cast<size_t>(index)]; }
    // True when a value of the node takes no bytes at all (null, fixed of 0, records of those):
    // a count of such items cannot be checked against the bytes left.
    bool isEmptyEncoding(int index) const { return m_emptyEncoding[static_cast<size_t>(index)]; }
    // Avro's name of a union branch, as its JSON encoding writes it: the full name of a named
    // type, else the type's name.
    std::string branchName(int index) const;
    const std::string& branchTitle(int index) const { return m_branchTitles[static_cast<size_t>(index)]; } // made once
    // A record field's name as a JSON key with its colon ("\"id\":"), made once for the decoder.
    const std::string& fieldKey(int record, size_t field) const
    {
        return m_fieldKeys[static_cast<size_t>(record)][field];
    }

    avro_obj_t* avroSchema() const { return m_avroSchema; }
    avro_value_iface* avroClass() const { return m_avroClass; }

    QByteArray schemaJson() const { return m_schemaJson; }
    quint64 fingerprint() const { return m_fingerprint; }
    QString fullName() const;

private:
    AvroSchemaBinding(samsa::avro::AvroSchema model);
    void classify();

    samsa::avro::AvroSchema m_model;
    std::vector<AvroLogicalInfo> m_logical;
    std::vector<bool> m_emptyEncoding;
    std::vector<std::string> m_branchTitles;
    std::vector<std::vector<std::string>> m_fieldKeys;
    QByteArray m_schemaJson;
    quint64 m_fingerprint = 0;
    avro_obj_t* m_avroSchema = nullptr;
    avro_value_iface* m_avroClass = nullptr;
};

} // namespace Samsa
