#pragma once

// An Avro schema parsed from its JSON form (Avro specification 1.11), as a graph of nodes so
// that recursive records can refer to themselves. Unlike avro-c's parser it keeps logicalType,
// defaults and every other attribute. Used by the broker's schema registry to validate what
// clients register, to give equal schemas one canonical text (and so one id), and to check
// compatibility by the schema-resolution rules (avrocompatibility.h); used by samsa_core to
// render logical types and encode JSON.

#include "avroschema/json.h"

#include <optional>
#include <string>
#include <vector>

namespace samsa::avro {

enum class AvroType { Null, Boolean, Int, Long, Float, Double, Bytes, String, Record, Enum, Array, Map, Union, Fixed };

struct AvroField {
    std::string name;
    int type = -1; // node index
    std::optional<std::string> doc;
    std::optional<Json> defaultValue;
    std::optional<std::string> order;
    std::vector<std::string> aliases;
    Json::Object properties; // other attributes, kept as written
};

struct AvroNode {
    AvroType type = AvroType::Null;
    // Named types (record, error, enum, fixed).
    std::string fullName;
    std::vector<std::string> aliases; // full names
    std::optional<std::string> doc;
    bool isError = false;
    std::vector<AvroField> fields;
    std::vector<std::string> symbols;
    std::optional<std::string> enumDefault;
    int64_t size = 0; // fixed
    int items = -1; // array
    int values = -1; // map
    std::vector<int> branches; // union
    Json::Object properties; // logicalType and any other attribute
};

class AvroSchema {
public:
    // nullopt with a readable *error when `json` is not a valid Avro schema (unknown or undefined
    // type names, bad names, duplicate names or symbols, invalid defaults, nested unions...).
    static std::optional<AvroSchema> parse(const Json& json, std::string* error);
    static std::optional<AvroSchema> parse(const std::string& text, std::string* error);

    const AvroNode& node(int index) const { return m_nodes[static_cast<size_t>(index)]; }
    int root() const { return m_root; }
    int nodeCount() const { return static_cast<int>(m_nodes.size()); }

    // A normalised JSON text: no whitespace, attributes in a fixed order, names relative to the
    // enclosing namespace, each named type defined once. Schemas that differ only in layout
    // give the same text.
    std::string canonical() const;

    // Avro's Parsing Canonical Form (specification, "Parsing Canonical Form for Schemas"): full
    // names, only type, name, fields, symbols, items, values and size, in that order. Not the same
    // text as canonical(); this one is what fingerprints are computed over.
    std::string parsingCanonicalForm() const;
    // CRC-64-AVRO fingerprint of parsingCanonicalForm() (avrofingerprint.h).
    uint64_t fingerprint() const;

private:
    friend class AvroParser;
    std::vector<AvroNode> m_nodes;
    int m_root = -1;
};

const char* avroTypeName(AvroType type);

} // namespace samsa::avro
