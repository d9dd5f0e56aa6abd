// AvroSchema::parsingCanonicalForm(): Avro's own normal form (specification 1.11, "Parsing
// Canonical Form for Schemas"), the input of schema fingerprints. It differs from canonical():
// full names everywhere, only the attributes that matter for reading data, a fixed attribute order.

#include "avroschema/avrofingerprint.h"
#include "avroschema/avroschema.h"

#include <set>

namespace samsa::avro {

namespace {

class ParsingFormWriter {
public:
    explicit ParsingFormWriter(const AvroSchema& schema)
        : m_schema(schema)
    {
    }

    void write(int index, std::string& out)
    {
        const AvroNode& n = m_schema.node(index);
        switch (n.type) {
        case AvroType::Record:
        case AvroType::Enum:
        case AvroType::Fixed:
            writeNamed(n, out);
            return;
        case AvroType::Array:
            out += R"({"type":"array","items":)";
            write(n.items, out);
            out += '}';
            return;
        case AvroType::Map:
            out += R"({"type":"map","values":)";
            write(n.values, out);
            out += '}';
            return;
        case AvroType::Union:
            out += '[';
            for (size_t i = 0; i < n.branches.size(); ++i) {
                if (i > 0)
                    out += ',';
                write(n.branches[i], out);
            }
            out += ']';
            return;
        default:
            // [PRIMITIVES] and [STRIP]: {"type":"long","logicalType":...} is just "long".
            out += quoteJson(avroTypeName(n.type));
            return;
        }
    }

private:
    void writeNamed(const AvroNode& n, std::string& out)
    {
        // [FULLNAMES]: a type met again is referred to by its full name.
        if (!m_defined.insert(n.fullName).second) {
            out += quoteJson(n.fullName);
            return;
        }
        // [ORDER]: name, type, fields, symbols, items, values, size. An error is a record here.
        out += R"({"name":)" + quoteJson(n.fullName) + R"(,"type":)";
        if (n.type == AvroType::Record) {
            out += R"("record","fields":[)";
            for (size_t i = 0; i < n.fields.size(); ++i) {
                if (i > 0)
                    out += ',';
                out += R"({"name":)" + quoteJson(n.fields[i].name) + R"(,"type":)";
                write(n.fields[i].type, out);
                out += '}';
            }
            out += "]}";
        } else if (n.type == AvroType::Enum) {
            out += R"("enum","symbols":[)";
            for (size_t i = 0; i < n.symbols.size(); ++i) {
                if (i > 0)
                    out += ',';
                out += quoteJson(n.symbols[i]);
            }
            out += "]}";
        } else {
            out += R"("fixed","size":)" + std::to_string(n.size) + '}';
        }
    }

    const AvroSchema& m_schema;
    std::set<std::string> m_defined;
};

} // namespace

std::string AvroSchema::parsingCanonicalForm() const
{
    std::string out;
    ParsingFormWriter(*this).write(m_root, out);
    return out;
}

uint64_t AvroSchema::fingerprint() const
{
    return crc64Avro(parsingCanonicalForm());
}

} // namespace samsa::avro
