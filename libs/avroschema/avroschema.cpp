#include "avroschema/avroschema.h"

#include <algorithm>
#include <map>
#include <set>

namespace samsa::avro {

namespace {

constexpr int MaxDepth = 64;

struct Primitive {
    const char* name;
    AvroType type;
};

constexpr Primitive Primitives[] = {
    { "null", AvroType::Null },
    { "boolean", AvroType::Boolean },
    { "int", AvroType::Int },
    { "long", AvroType::Long },
    { "float", AvroType::Float },
    { "double", AvroType::Double },
    { "bytes", AvroType::Bytes },
    { "string", AvroType::String },
};

std::optional<AvroType> primitiveType(const std::string& name)
{
    for (const auto& p : Primitives) {
        if (name == p.name)
            return p.type;
    }
    return std::nullopt;
}

bool isValidName(const std::string& name)
{
    if (name.empty())
        return false;
    for (size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (!letter && !(i > 0 && c >= '0' && c <= '9'))
            return false;
    }
    return true;
}

bool isValidFullName(const std::string& name)
{
    size_t start = 0;
    while (true) {
        const size_t dot = name.find('.', start);
        if (!isValidName(name.substr(start, dot == std::string::npos ? std::string::npos : dot - start)))
            return false;
        if (dot == std::string::npos)
            return true;
        start = dot + 1;
    }
}

std::string namespaceOf(const std::string& fullName)
{
    const size_t dot = fullName.rfind('.');
    return dot == std::string::npos ? std::string() : fullName.substr(0, dot);
}

bool isNamed(AvroType type)
{
    return type == AvroType::Record || type == AvroType::Enum || type == AvroType::Fixed;
}

} // namespace

const char* avroTypeName(AvroType type)
{
    switch (type) {
    case AvroType::Null:
        return "null";
    case AvroType::Boolean:
        return "boolean";
    case AvroType::Int:
        return "int";
    case AvroType::Long:
        return "long";
    case AvroType::Float:
        return "float";
    case AvroType::Double:
        return "double";
    case AvroType::Bytes:
        return "bytes";
    case AvroType::String:
        return "string";
    case AvroType::Record:
        return "record";
    case AvroType::Enum:
        return "enum";
    case AvroType::Array:
        return "array";
    case AvroType::Map:
        return "map";
    case AvroType::Union:
        return "union";
    case AvroType::Fixed:
        return "fixed";
    }
    return "?";
}

class AvroParser {
public:
    explicit AvroParser(AvroSchema& schema)
        : m_schema(schema)
    {
    }

    bool parseRoot(const Json& json, std::string* error)
    {
        m_schema.m_root = parseType(json, std::string(), 0);
        if (m_schema.m_root < 0 && error)
            *error = m_error;
        return m_schema.m_root >= 0;
    }

private:
    int fail(std::string message)
    {
        if (m_error.empty())
            m_error = std::move(message);
        return -1;
    }

    int addNode(AvroNode node)
    {
        m_schema.m_nodes.push_back(std::move(node));
        return static_cast<int>(m_schema.m_nodes.size() - 1);
    }

    AvroNode& node(int index) { return m_schema.m_nodes[static_cast<size_t>(index)]; }

    int parseType(const Json& json, const std::string& space, int depth)
    {
        if (depth > MaxDepth)
            return fail("schema nested too deeply");
        if (json.isString())
            return parseReference(json.string(), space);
        if (json.isArray())
            return parseUnion(json, space, depth);
        if (!json.isObject())
            return fail("a schema must be a type name, an object or an array (union), got " + json.dump());
        const Json* type = json.find("type");
        if (!type)
            return fail("no 'type' in " + json.dump());
        if (!type->isString())
            return parseType(*type, space, depth + 1); // {"type": {...}} or {"type": [...]}
        const std::string& name = type->string();
        if (auto primitive = primitiveType(name)) {
            AvroNode n;
            n.type = *primitive;
            for (const auto& [key, value] : json.members()) {
                if (key != "type")
                    n.properties.emplace_back(key, value);
            }
            return addNode(std::move(n));
        }
        if (name == "record" || name == "error")
            return parseRecord(json, space, depth, name == "error");
        if (name == "enum")
            return parseEnum(json, space);
        if (name == "fixed")
            return parseFixed(json, space);
        if (name == "array" || name == "map")
            return parseContainer(json, space, depth, name == "array");
        // {"type": "com.example.Named"} refers to a named type.
        return parseReference(name, space);
    }

    int parseReference(const std::string& name, const std::string& space)
    {
        if (auto primitive = primitiveType(name)) {
            AvroNode n;
            n.type = *primitive;
            return addNode(std::move(n));
        }
        if (name.find('.') == std::string::npos && !space.empty()) {
            auto it = m_names.find(space + "." + name);
            if (it != m_names.end())
                return it->second;
        }
        auto it = m_names.find(name);
        if (it != m_names.end())
            return it->second;
        return fail("undefined type name '" + name + "'");
    }

    int parseUnion(const Json& json, const std::string& space, int depth)
    {
        AvroNode n;
        n.type = AvroType::Union;
        std::set<std::string> seen;
        for (const auto& item : json.items()) {
            const int branch = parseType(item, space, depth + 1);
            if (branch < 0)
                return -1;
            const AvroNode& b = node(branch);
            if (b.type == AvroType::Union)
                return fail("a union may not directly contain another union");
            const std::string key = isNamed(b.type) ? b.fullName : avroTypeName(b.type);
            if (!seen.insert(key).second)
                return fail("union contains '" + key + "' twice");
            n.branches.push_back(branch);
        }
        return addNode(std::move(n));
    }

    // Reads "name" and "namespace" and registers the full name; -1 when invalid or taken.
    int defineName(const Json& json, const std::string& space, AvroNode n, std::string* innerSpace)
    {
        const Json* name = json.find("name");
        if (!name || !name->isString())
            return fail(std::string("a named type needs a string 'name': ") + json.dump());
        std::string ns = space;
        if (const Json* given = json.find("namespace")) {
            if (!given->isString() && !given->isNull())
                return fail("'namespace' must be a string");
            ns = given->isString() ? given->string() : std::string();
            if (!ns.empty() && !isValidFullName(ns))
                return fail("invalid namespace '" + ns + "'");
        }
        n.fullName
            = name->string().find('.') != std::string::npos || ns.empty() ? name->string() : ns + "." + name->string();
        if (!isValidFullName(n.fullName))
            return fail("invalid name '" + name->string() + "'");
        if (primitiveType(n.fullName))
            return fail("'" + n.fullName + "' is a primitive type, not a name");
        if (m_names.count(n.fullName))
            return fail("type '" + n.fullName + "' is defined twice");
        *innerSpace = namespaceOf(n.fullName);
        if (const Json* aliases = json.find("aliases")) {
            if (!aliases->isArray())
                return fail("'aliases' must be an array");
            for (const auto& alias : aliases->items()) {
                if (!alias.isString() || !isValidFullName(alias.string()))
                    return fail("invalid alias " + alias.dump());
                n.aliases.push_back(alias.string().find('.') != std::string::npos || innerSpace->empty()
                        ? alias.string()
                        : *innerSpace + "." + alias.string());
            }
        }
        if (const Json* doc = json.find("doc"); doc && doc->isString())
            n.doc = doc->string();
        const int index = addNode(std::move(n));
        m_names[node(index).fullName] = index;
        return index;
    }

    static void keepProperties(const Json& json, std::initializer_list<const char*> known, Json::Object* out)
    {
        for (const auto& [key, value] : json.members()) {
            bool isKnown = false;
            for (const char* k : known)
                isKnown = isKnown || key == k;
            if (!isKnown)
                out->emplace_back(key, value);
        }
    }

    int parseRecord(const Json& json, const std::string& space, int depth, bool isError)
    {
        AvroNode n;
        n.type = AvroType::Record;
        n.isError = isError;
        keepProperties(json, { "type", "name", "namespace", "doc", "aliases", "fields" }, &n.properties);
        std::string inner;
        const int index = defineName(json, space, std::move(n), &inner);
        if (index < 0)
            return -1;
        const Json* fields = json.find("fields");
        if (!fields || !fields->isArray())
            return fail("record '" + node(index).fullName + "' needs a 'fields' array");
        std::set<std::string> names;
        for (const auto& f : fields->items()) {
            if (!f.isObject())
                return fail("a field must be an object: " + f.dump());
            AvroField field;
            const Json* name = f.find("name");
            if (!name || !name->isString() || !isValidName(name->string()))
                return fail("invalid field name in " + f.dump());
            field.name = name->string();
            if (!names.insert(field.name).second)
                return fail("field '" + field.name + "' appears twice in '" + node(index).fullName + "'");
            const Json* type = f.find("type");
            if (!type)
                return fail("field '" + field.name + "' has no type");
            field.type = parseType(*type, inner, depth + 1);
            if (field.type < 0)
                return -1;
            if (const Json* doc = f.find("doc"); doc && doc->isString())
                field.doc = doc->string();
            if (const Json* order = f.find("order")) {
                if (!order->isString()
                    || (order->string() != "ascending" && order->string() != "descending"
                        && order->string() != "ignore"))
                    return fail("invalid order for field '" + field.name + "'");
                field.order = order->string();
            }
            if (const Json* aliases = f.find("aliases")) {
                if (!aliases->isArray())
                    return fail("'aliases' of field '" + field.name + "' must be an array");
                for (const auto& alias : aliases->items()) {
                    if (!alias.isString() || !isValidName(alias.string()))
                        return fail("invalid alias of field '" + field.name + "'");
                    field.aliases.push_back(alias.string());
                }
            }
            if (const Json* value = f.find("default")) {
                if (!isValidDefault(field.type, *value, 0))
                    return fail("invalid default for field '" + field.name + "': " + value->dump() + " is not a "
                        + describe(field.type));
                field.defaultValue = *value;
            }
            keepProperties(f, { "name", "type", "doc", "default", "order", "aliases" }, &field.properties);
            node(index).fields.push_back(std::move(field));
        }
        return index;
    }

    int parseEnum(const Json& json, const std::string& space)
    {
        AvroNode n;
        n.type = AvroType::Enum;
        keepProperties(json, { "type", "name", "namespace", "doc", "aliases", "symbols", "default" }, &n.properties);
        const Json* symbols = json.find("symbols");
        if (!symbols || !symbols->isArray())
            return fail("an enum needs a 'symbols' array");
        std::set<std::string> seen;
        for (const auto& s : symbols->items()) {
            if (!s.isString() || !isValidName(s.string()))
                return fail("invalid enum symbol " + s.dump());
            if (!seen.insert(s.string()).second)
                return fail("enum symbol '" + s.string() + "' appears twice");
            n.symbols.push_back(s.string());
        }
        if (const Json* value = json.find("default")) {
            if (!value->isString() || !seen.count(value->string()))
                return fail("enum default " + value->dump() + " is not one of its symbols");
            n.enumDefault = value->string();
        }
        std::string inner;
        return defineName(json, space, std::move(n), &inner);
    }

    int parseFixed(const Json& json, const std::string& space)
    {
        AvroNode n;
        n.type = AvroType::Fixed;
        keepProperties(json, { "type", "name", "namespace", "doc", "aliases", "size" }, &n.properties);
        const Json* size = json.find("size");
        if (!size || !size->isInteger() || size->integer() < 0 || size->integer() > INT32_MAX)
            return fail("a fixed type needs a non-negative integer 'size'");
        n.size = size->integer();
        std::string inner;
        return defineName(json, space, std::move(n), &inner);
    }

    int parseContainer(const Json& json, const std::string& space, int depth, bool isArray)
    {
        const char* key = isArray ? "items" : "values";
        const Json* inner = json.find(key);
        if (!inner)
            return fail(std::string(isArray ? "an array" : "a map") + " needs '" + key + "'");
        const int element = parseType(*inner, space, depth + 1);
        if (element < 0)
            return -1;
        AvroNode n;
        n.type = isArray ? AvroType::Array : AvroType::Map;
        (isArray ? n.items : n.values) = element;
        keepProperties(json, { "type", key }, &n.properties);
        return addNode(std::move(n));
    }

    std::string describe(int index) const
    {
        const AvroNode& n = m_schema.node(index);
        return isNamed(n.type) ? n.fullName : avroTypeName(n.type);
    }

    bool isValidDefault(int index, const Json& value, int depth) const
    {
        if (depth > MaxDepth)
            return false;
        const AvroNode& n = m_schema.node(index);
        switch (n.type) {
        case AvroType::Null:
            return value.isNull();
        case AvroType::Boolean:
            return value.isBool();
        case AvroType::Int:
            return value.isInteger() && value.integer() >= INT32_MIN && value.integer() <= INT32_MAX;
        case AvroType::Long:
            return value.isInteger();
        case AvroType::Float:
        case AvroType::Double:
            return value.isNumber()
                || (value.isString()
                    && (value.string() == "NaN" || value.string() == "Infinity" || value.string() == "-Infinity"));
        case AvroType::Bytes:
        case AvroType::String:
        case AvroType::Fixed:
            return value.isString();
        case AvroType::Enum:
            return value.isString() && std::find(n.symbols.begin(), n.symbols.end(), value.string()) != n.symbols.end();
        case AvroType::Array:
            if (!value.isArray())
                return false;
            for (const auto& item : value.items()) {
                if (!isValidDefault(n.items, item, depth + 1))
                    return false;
            }
            return true;
        case AvroType::Map:
            if (!value.isObject())
                return false;
            for (const auto& member : value.members()) {
                if (!isValidDefault(n.values, member.second, depth + 1))
                    return false;
            }
            return true;
        case AvroType::Record:
            if (!value.isObject())
                return false;
            for (const auto& field : n.fields) {
                const Json* member = value.find(field.name);
                if (member ? !isValidDefault(field.type, *member, depth + 1) : !field.defaultValue)
                    return false;
            }
            return true;
        case AvroType::Union:
            // The specification asks for the first branch; Avro implementations accept any.
            for (int branch : n.branches) {
                if (isValidDefault(branch, value, depth + 1))
                    return true;
            }
            return false;
        }
        return false;
    }

    AvroSchema& m_schema;
    std::map<std::string, int> m_names;
    std::string m_error;
};

std::optional<AvroSchema> AvroSchema::parse(const Json& json, std::string* error)
{
    AvroSchema schema;
    AvroParser parser(schema);
    if (!parser.parseRoot(json, error))
        return std::nullopt;
    return schema;
}

std::optional<AvroSchema> AvroSchema::parse(const std::string& text, std::string* error)
{
    std::string jsonError;
    const auto json = parseJson(text, &jsonError);
    if (!json) {
        if (error)
            *error = "invalid JSON: " + jsonError;
        return std::nullopt;
    }
    return parse(*json, error);
}

} // namespace samsa::avro
