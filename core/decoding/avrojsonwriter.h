#pragma once

// Writes an avro-c value as plain JSON, walking the schema model beside it for what avro-c does not
// keep: logical types, the names of union branches. Unions are unwrapped and their branches listed
// as "path: branch" ("items[2].note: string", "(root): shop.Order"), bytes and fixed become strings
// of \u00XX escapes (Avro's JSON encoding; printable ASCII stays as it is), non-finite numbers the
// strings "NaN", "Infinity", "-Infinity", and invalid UTF-8 in a string becomes U+FFFD per bad byte,
// so the output is always valid JSON (the raw bytes stay available to the caller).

#include <QStringList>
#include <string>
#include <string_view>
#include <vector>

struct avro_value;

namespace Samsa {

class AvroSchemaBinding;

class AvroJsonWriter {
public:
    struct Step {
        const std::string* field = nullptr;
        const char* key = nullptr;
        size_t index = 0;
    };
    // `path` is scratch space for the position in the value; passing one kept between calls saves
    // an allocation per datum.
    AvroJsonWriter(const AvroSchemaBinding& schema, bool readableLogicalTypes, std::string& out, QStringList* branches,
        std::vector<Step>& path);

    // false only when avro-c refuses to hand out a part of the value (it was filled by avro-c from a
    // datum the validator accepted, so this means a bug, not bad data).
    bool write(const avro_value& value, int node);

    static void appendString(std::string& out, const char* text, size_t size); // quoted, escaped
    static void appendBytes(std::string& out, const uint8_t* bytes, size_t size); // quoted, \u00XX
    static void appendDouble(std::string& out, double value);
    static void appendFloat(std::string& out, float value);
    // The compact JSON re-indented by two spaces.
    static std::string indent(std::string_view compact);

private:
    bool writeRecord(const avro_value& value, int node);
    bool writeArray(const avro_value& value, int node);
    bool writeMap(const avro_value& value, int node);
    bool writeUnion(const avro_value& value, int node);
    bool writeLong(int64_t value, int node);
    bool writeInt(int32_t value, int node);
    bool writeBytesLike(const uint8_t* bytes, size_t size, int node);
    std::string path() const;

    const AvroSchemaBinding& m_schema;
    bool m_readable;
    std::string& m_out;
    QStringList* m_branches;
    std::vector<Step>& m_path;
};

} // namespace Samsa
