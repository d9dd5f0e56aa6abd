// AvroSchema::canonical(): the text the registry stores, returns and compares.

#include "avroschema/avroschema.h"

#include <algorithm>
#include <set>

namespace samsa::avro {

namespace {

std::string namespaceOf(const std::string& fullName)
{
    const size_t dot = fullName.rfind('.');
    return dot == std::string::npos ? std::string() : fullName.substr(0, dot);
}

std::string simpleName(const std::string& fullName)
{
    const size_t dot = fullName.rfind('.');
    return dot == std::string::npos ? fullName : fullName.substr(dot + 1);
}

Json::Object sortedProperties(const Json::Object& properties)
{
    Json::Object sorted = properties;
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return sorted;
}

class CanonicalWriter {
public:
    explicit CanonicalWriter(const AvroSchema& schema)
        : m_schema(schema)
    {
    }

    Json write(int index, const std::string& space)
    {
        const AvroNode& n = m_schema.node(index);
        switch (n.type) {
        case AvroType::Record:
        case AvroType::Enum:
        case AvroType::Fixed:
            return writeNamed(n, space);
        case AvroType::Array:
        case AvroType::Map: {
            Json out = Json::object();
            out.set("type", avroTypeName(n.type));
            if (n.type == AvroType::Array)
                out.set("items", write(n.items, space));
            else
                out.set("values", write(n.values, space));
            for (auto& [key, value] : sortedProperties(n.properties))
                out.set(key, value);
            return out;
        }
        case AvroType::Union: {
            Json out = Json::array();
            for (int branch : n.branches)
                out.push(write(branch, space));
            return out;
        }
        default:
            if (n.properties.empty())
                return Json(avroTypeName(n.type));
            Json out = Json::object();
            out.set("type", avroTypeName(n.type));
            for (auto& [key, value] : sortedProperties(n.properties))
                out.set(key, value);
            return out;
        }
    }

private:
    Json writeNamed(const AvroNode& n, const std::string& space)
    {
        const std::string ns = namespaceOf(n.fullName);
        if (!m_defined.insert(n.fullName).second) {
            // Already defined: a reference, relative to the enclosing namespace when possible.
            return Json(ns == space ? simpleName(n.fullName) : n.fullName);
        }
        Json out = Json::object();
        out.set("type", n.type == AvroType::Record ? (n.isError ? "error" : "record") : avroTypeName(n.type));
        out.set("name", simpleName(n.fullName));
        if (ns != space)
            out.set("namespace", ns);
        if (n.doc)
            out.set("doc", *n.doc);
        if (n.type == AvroType::Record) {
            Json fields = Json::array();
            for (const auto& field : n.fields)
                fields.push(writeField(field, ns));
            out.set("fields", std::move(fields));
        } else if (n.type == AvroType::Enum) {
            Json symbols = Json::array();
            for (const auto& symbol : n.symbols)
                symbols.push(symbol);
            out.set("symbols", std::move(symbols));
            if (n.enumDefault)
                out.set("default", *n.enumDefault);
        } else {
            out.set("size", n.size);
        }
        if (!n.aliases.empty()) {
            Json aliases = Json::array();
            for (const auto& alias : n.aliases)
                aliases.push(namespaceOf(alias) == ns ? simpleName(alias) : alias);
            out.set("aliases", std::move(aliases));
        }
        for (auto& [key, value] : sortedProperties(n.properties))
            out.set(key, value);
        return out;
    }

    Json writeField(const AvroField& field, const std::string& space)
    {
        Json out = Json::object();
        out.set("name", field.name);
        out.set("type", write(field.type, space));
        if (field.doc)
            out.set("doc", *field.doc);
        if (field.defaultValue)
            out.set("default", *field.defaultValue);
        if (field.order)
            out.set("order", *field.order);
        if (!field.aliases.empty()) {
            Json aliases = Json::array();
            for (const auto& alias : field.aliases)
                aliases.push(alias);
            out.set("aliases", std::move(aliases));
        }
        for (auto& [key, value] : sortedProperties(field.properties))
            out.set(key, value);
        return out;
    }

    const AvroSchema& m_schema;
    std::set<std::string> m_defined;
};

} // namespace

std::string AvroSchema::canonical() const
{
    return CanonicalWriter(*this).write(m_root, std::string()).dump();
}

} // namespace samsa::avro
