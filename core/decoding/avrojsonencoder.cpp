#include "avrojsonencoder.h"

#include "avrologicaltext.h"
#include "avroschemabinding.h"

#include <avro.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace Samsa {

using samsa::Json;
using samsa::avro::AvroNode;
using samsa::avro::AvroType;

namespace {

const char* jsonTypeName(const Json& value)
{
    switch (value.type()) {
    case Json::Type::Null:
        return "null";
    case Json::Type::Bool:
        return "boolean";
    case Json::Type::Number:
        return value.isInteger() ? "integer" : "number";
    case Json::Type::String:
        return "string";
    case Json::Type::Array:
        return "array";
    case Json::Type::Object:
        return "object";
    }
    return "?";
}

// A JSON string as Avro bytes: every code point is one byte (Avro's JSON encoding of bytes).
bool latin1Bytes(const std::string& utf8, std::string* out)
{
    out->clear();
    out->reserve(utf8.size());
    const auto* p = reinterpret_cast<const uint8_t*>(utf8.data());
    for (size_t i = 0; i < utf8.size();) {
        if (p[i] < 0x80) {
            *out += static_cast<char>(p[i++]);
        } else if ((p[i] == 0xc2 || p[i] == 0xc3) && i + 1 < utf8.size()) {
            *out += static_cast<char>(((p[i] & 0x03) << 6) | (p[i + 1] & 0x3f));
            i += 2;
        } else {
            return false;
        }
    }
    return true;
}

class Converter {
public:
    Converter(const AvroSchemaBinding& schema, bool readable)
        : m_schema(schema)
        , m_readable(readable)
    {
    }

    QString error() const { return m_error; }

    bool convert(const Json& json, int index, avro_value_t* target)
    {
        const AvroNode& node = m_schema.node(index);
        switch (node.type) {
        case AvroType::Null:
            return json.isNull() ? check(avro_value_set_null(target)) : expected("null", json);
        case AvroType::Boolean:
            return json.isBool() ? check(avro_value_set_boolean(target, json.boolean())) : expected("boolean", json);
        case AvroType::Int:
            return convertInt(json, index, target);
        case AvroType::Long:
            return convertLong(json, index, target);
        case AvroType::Float:
        case AvroType::Double: {
            double value = 0;
            if (!realOf(json, &value))
                return expected(node.type == AvroType::Float ? "float" : "double", json);
            return check(node.type == AvroType::Float ? avro_value_set_float(target, static_cast<float>(value))
                                                      : avro_value_set_double(target, value));
        }
        case AvroType::String:
            if (!json.isString())
                return expected("string", json);
            return check(avro_value_set_string_len(target, json.string().c_str(), json.string().size() + 1));
        case AvroType::Bytes:
        case AvroType::Fixed:
            return convertBytes(json, index, target);
        case AvroType::Enum: {
            if (json.isString()) {
                for (size_t i = 0; i < node.symbols.size(); ++i) {
                    if (node.symbols[i] == json.string())
                        return check(avro_value_set_enum(target, static_cast<int>(i)));
                }
            }
            std::string symbols;
            for (const auto& symbol : node.symbols)
                symbols += (symbols.empty() ? "" : ", ") + symbol;
            return fail(QStringLiteral("expected one of %1, got %2")
                            .arg(QString::fromStdString(symbols), QString::fromStdString(json.dump())));
        }
        case AvroType::Record:
            return convertRecord(json, node, target);
        case AvroType::Array: {
            if (!json.isArray())
                return expected("array", json);
            for (size_t i = 0; i < json.items().size(); ++i) {
                avro_value_t item;
                if (!check(avro_value_append(target, &item, nullptr)))
                    return false;
                m_path.push_back('[' + std::to_string(i) + ']');
                if (!convert(json.items()[i], node.items, &item))
                    return false;
                m_path.pop_back();
            }
            return true;
        }
        case AvroType::Map: {
            if (!json.isObject())
                return expected("map (object)", json);
            for (const auto& [key, value] : json.members()) {
                avro_value_t entry;
                if (!check(avro_value_add(target, key.c_str(), &entry, nullptr, nullptr)))
                    return false;
                m_path.push_back('[' + Json(key).dump() + ']');
                if (!convert(value, node.values, &entry))
                    return false;
                m_path.pop_back();
            }
            return true;
        }
        case AvroType::Union:
            return convertUnion(json, node, target);
        }
        return fail(QStringLiteral("unsupported schema type"));
    }

private:
    QString path() const
    {
        std::string out;
        for (const auto& step : m_path) {
            if (!out.empty() && step[0] != '[')
                out += '.';
            out += step;
        }
        return QString::fromStdString(out);
    }

    bool fail(const QString& message)
    {
        if (m_error.isEmpty())
            m_error = m_path.empty() ? message : path() + QStringLiteral(": ") + message;
        return false;
    }

    bool expected(const char* what, const Json& json)
    {
        return fail(QStringLiteral("expected %1, got %2").arg(QLatin1String(what), QLatin1String(jsonTypeName(json))));
    }

    bool check(int avroResult)
    {
        return avroResult == 0 ? true : fail(QStringLiteral("avro-c: %1").arg(QString::fromUtf8(avro_strerror())));
    }

    static bool realOf(const Json& json, double* value)
    {
        if (json.isNumber()) {
            *value = json.isInteger() ? static_cast<double>(json.integer()) : json.number();
            return true;
        }
        if (json.isString()) {
            const std::string& s = json.string();
            if (s == "NaN")
                *value = std::nan("");
            else if (s == "Infinity")
                *value = HUGE_VAL;
            else if (s == "-Infinity")
                *value = -HUGE_VAL;
            else
                return false;
            return true;
        }
        return false;
    }

    // A logical value given as text, or nullopt with the error set (wrong form) or not (not text).
    bool convertInt(const Json& json, int index, avro_value_t* target)
    {
        const AvroLogical logical = m_schema.logical(index).kind;
        if (json.isString() && (logical == AvroLogical::Date || logical == AvroLogical::TimeMillis)) {
            const auto value = logical == AvroLogical::Date ? AvroLogicalText::parseDate(json.string())
                                                            : AvroLogicalText::parseTimeOfDay(json.string(), 1000);
            if (!value)
                return fail(QStringLiteral("expected %1, got \"%2\"")
                                .arg(logical == AvroLogical::Date ? QStringLiteral("a date like 2024-05-01")
                                                                  : QStringLiteral("a time like 13:45:00.250"),
                                    QString::fromStdString(json.string())));
            return check(avro_value_set_int(target, static_cast<int32_t>(*value)));
        }
        if (!json.isInteger())
            return expected("int", json);
        if (json.integer() < INT32_MIN || json.integer() > INT32_MAX)
            return fail(QStringLiteral("%1 does not fit an int").arg(json.integer()));
        return check(avro_value_set_int(target, static_cast<int32_t>(json.integer())));
    }

    bool convertLong(const Json& json, int index, avro_value_t* target)
    {
        const AvroLogical logical = m_schema.logical(index).kind;
        if (json.isString() && logical != AvroLogical::Plain) {
            std::optional<int64_t> value;
            const char* form = "";
            switch (logical) {
            case AvroLogical::TimeMicros:
                value = AvroLogicalText::parseTimeOfDay(json.string(), 1'000'000);
                form = "a time like 13:45:00.250000";
                break;
            case AvroLogical::TimestampMillis:
            case AvroLogical::TimestampMicros:
            case AvroLogical::TimestampNanos:
                value = AvroLogicalText::parseTimestamp(json.string(), unitsPerSecond(logical), true);
                form = "a timestamp like 2024-05-01T12:00:00.000Z";
                break;
            case AvroLogical::LocalTimestampMillis:
            case AvroLogical::LocalTimestampMicros:
            case AvroLogical::LocalTimestampNanos:
                value = AvroLogicalText::parseTimestamp(json.string(), unitsPerSecond(logical), false);
                form = "a local timestamp like 2024-05-01T12:00:00.000";
                break;
            default:
                return expected("long", json);
            }
            if (!value)
                return fail(QStringLiteral("expected %1, got \"%2\"")
                                .arg(QLatin1String(form), QString::fromStdString(json.string())));
            return check(avro_value_set_long(target, *value));
        }
        if (!json.isInteger())
            return expected("long", json);
        return check(avro_value_set_long(target, json.integer()));
    }

    static int64_t unitsPerSecond(AvroLogical logical)
    {
        switch (logical) {
        case AvroLogical::TimestampMillis:
        case AvroLogical::LocalTimestampMillis:
            return 1000;
        case AvroLogical::TimestampMicros:
        case AvroLogical::LocalTimestampMicros:
            return 1'000'000;
        default:
            return 1'000'000'000;
        }
    }

    bool convertBytes(const Json& json, int index, avro_value_t* target)
    {
        const AvroNode& node = m_schema.node(index);
        const bool isFixed = node.type == AvroType::Fixed;
        const AvroLogicalInfo& logical = m_schema.logical(index);
        std::string bytes;
        bool done = false;
        if (logical.kind == AvroLogical::Decimal && m_readable) {
            std::string text;
            if (json.isString()) {
                text = json.string();
            } else if (json.isInteger()) {
                text = std::to_string(json.integer());
            } else if (json.isNumber()) {
                char buffer[40];
                const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, json.number());
                (void)ec;
                text.assign(buffer, end);
            } else {
                return expected("a decimal like \"-12.34\"", json);
            }
            const auto value
                = AvroLogicalText::parseDecimal(text, logical.scale, isFixed ? static_cast<int>(node.size) : -1);
            if (!value)
                return fail(QStringLiteral("expected a decimal with at most %1 digits after the point%2, got %3")
                                .arg(logical.scale)
                                .arg(isFixed ? QStringLiteral(" that fits %1 bytes").arg(node.size) : QString())
                                .arg(QString::fromStdString(json.dump())));
            bytes = *value;
            done = true;
        } else if (json.isString() && m_readable
            && (logical.kind == AvroLogical::Uuid || logical.kind == AvroLogical::Duration)) {
            // The readable form first; a string that is not one may still be the raw bytes.
            const auto value = logical.kind == AvroLogical::Uuid ? AvroLogicalText::parseUuid(json.string())
                                                                 : AvroLogicalText::parseDuration(json.string());
            std::string raw;
            if (value) {
                bytes = *value;
                done = true;
            } else if (!latin1Bytes(json.string(), &raw) || raw.size() != static_cast<size_t>(node.size)) {
                return fail(logical.kind == AvroLogical::Uuid
                        ? QStringLiteral("expected a uuid, got %1").arg(QString::fromStdString(json.dump()))
                        : QStringLiteral("expected a duration like \"P1M2DT3H\", got %1")
                              .arg(QString::fromStdString(json.dump())));
            }
        }
        if (!done) {
            if (!json.isString())
                return expected(isFixed ? "fixed (string)" : "bytes (string)", json);
            if (!latin1Bytes(json.string(), &bytes))
                return fail(QStringLiteral("expected %1 as a string of characters up to \\u00ff")
                                .arg(isFixed ? QStringLiteral("fixed") : QStringLiteral("bytes")));
        }
        if (!isFixed)
            return check(avro_value_set_bytes(target, bytes.data(), bytes.size()));
        if (bytes.size() != static_cast<size_t>(node.size))
            return fail(QStringLiteral("expected %1 bytes for fixed %2, got %3")
                            .arg(node.size)
                            .arg(QString::fromStdString(node.fullName))
                            .arg(bytes.size()));
        return check(avro_value_set_fixed(target, bytes.data(), bytes.size()));
    }

    bool convertRecord(const Json& json, const AvroNode& node, avro_value_t* target)
    {
        if (!json.isObject())
            return expected(("record " + node.fullName + " (object)").c_str(), json);
        for (const auto& [key, value] : json.members()) {
            (void)value;
            bool known = false;
            for (const auto& field : node.fields)
                known = known || field.name == key;
            if (!known)
                return fail(QStringLiteral("unknown field '%1' in %2")
                                .arg(QString::fromStdString(key), QString::fromStdString(node.fullName)));
        }
        for (size_t i = 0; i < node.fields.size(); ++i) {
            const auto& field = node.fields[i];
            const Json* value = json.find(field.name);
            m_path.push_back(field.name);
            if (!value && !field.defaultValue)
                return fail(QStringLiteral("missing, and the field has no default"));
            avro_value_t child;
            if (!check(avro_value_get_by_index(target, i, &child, nullptr)))
                return false;
            // A default is written in Avro's JSON encoding, which is the raw form of logical types.
            const bool readable = m_readable;
            m_readable = value ? readable : false;
            const bool ok = convert(value ? *value : *field.defaultValue, field.type, &child);
            m_readable = readable;
            if (!ok)
                return false;
            m_path.pop_back();
        }
        return true;
    }

    // Does the value have the shape of the type, looking one level deep? Enough to pick a union branch
    // without converting the value once per branch.
    bool fitsShallow(const Json& json, int index) const
    {
        const AvroNode& node = m_schema.node(index);
        const AvroLogical logical = m_schema.logical(index).kind;
        switch (node.type) {
        case AvroType::Null:
            return json.isNull();
        case AvroType::Boolean:
            return json.isBool();
        case AvroType::Int:
            return (json.isInteger() && json.integer() >= INT32_MIN && json.integer() <= INT32_MAX)
                || (json.isString() && logical == AvroLogical::Date && AvroLogicalText::parseDate(json.string()))
                || (json.isString() && logical == AvroLogical::TimeMillis
                    && AvroLogicalText::parseTimeOfDay(json.string(), 1000));
        case AvroType::Long:
            return json.isInteger() || (json.isString() && logical != AvroLogical::Plain);
        case AvroType::Float:
        case AvroType::Double: {
            double ignored = 0;
            return realOf(json, &ignored);
        }
        case AvroType::String:
            return json.isString();
        case AvroType::Bytes:
            return json.isString() || (logical == AvroLogical::Decimal && json.isNumber());
        case AvroType::Fixed:
            return json.isString() || (logical == AvroLogical::Decimal && json.isNumber());
        case AvroType::Enum:
            return json.isString()
                && std::find(node.symbols.begin(), node.symbols.end(), json.string()) != node.symbols.end();
        case AvroType::Array:
            return json.isArray();
        case AvroType::Map:
            return json.isObject();
        case AvroType::Record:
            if (!json.isObject())
                return false;
            for (const auto& [key, value] : json.members()) {
                (void)value;
                bool known = false;
                for (const auto& field : node.fields)
                    known = known || field.name == key;
                if (!known)
                    return false;
            }
            for (const auto& field : node.fields) {
                if (!json.find(field.name) && !field.defaultValue)
                    return false;
            }
            return true;
        case AvroType::Union:
            return false; // unions do not nest
        }
        return false;
    }

    bool convertUnion(const Json& json, const AvroNode& node, avro_value_t* target)
    {
        int chosen = -1;
        const Json* inner = &json;
        // Strings first look for an exact string branch, so "12" stays a string in ["int","string"]
        // and is not read as anything else.
        for (size_t i = 0; i < node.branches.size() && chosen < 0; ++i) {
            if (fitsShallow(json, node.branches[i]))
                chosen = static_cast<int>(i);
        }
        if (json.isString()) {
            for (size_t i = 0; i < node.branches.size(); ++i) {
                if (m_schema.node(node.branches[i]).type == AvroType::String) {
                    chosen = static_cast<int>(i);
                    break;
                }
            }
        }
        if (chosen < 0 && json.isObject() && json.members().size() == 1) {
            // Avro's JSON encoding: {"branch name": value}; a named type by its full or simple name.
            const std::string& key = json.members().front().first;
            for (size_t i = 0; i < node.branches.size() && chosen < 0; ++i) {
                const std::string name = m_schema.branchName(node.branches[i]);
                const size_t dot = name.rfind('.');
                if (key == name || (dot != std::string::npos && key == name.substr(dot + 1))) {
                    chosen = static_cast<int>(i);
                    inner = &json.members().front().second;
                }
            }
        }
        if (chosen < 0) {
            std::string names;
            for (int branch : node.branches)
                names += (names.empty() ? "" : ", ") + m_schema.branchName(branch);
            return fail(QStringLiteral("%1 fits no branch of the union [%2]")
                            .arg(QLatin1String(jsonTypeName(json)), QString::fromStdString(names)));
        }
        avro_value_t branch;
        if (!check(avro_value_set_branch(target, chosen, &branch)))
            return false;
        return convert(*inner, node.branches[static_cast<size_t>(chosen)], &branch);
    }

    const AvroSchemaBinding& m_schema;
    bool m_readable;
    std::vector<std::string> m_path;
    QString m_error;
};

} // namespace

AvroJsonEncoder::AvroJsonEncoder() = default;
AvroJsonEncoder::~AvroJsonEncoder() = default;

std::shared_ptr<const AvroJsonEncoder> AvroJsonEncoder::create(const QByteArray& schemaJson, QString* error)
{
    auto schema = AvroSchemaBinding::create(schemaJson, error);
    if (!schema)
        return nullptr;
    std::shared_ptr<AvroJsonEncoder> encoder(new AvroJsonEncoder());
    encoder->m_schema = std::move(schema);
    return encoder;
}

AvroJsonEncoder::Result AvroJsonEncoder::encode(QByteArrayView jsonText, bool readableLogicalTypes) const
{
    std::string error;
    const auto json = samsa::parseJson(std::string_view(jsonText.data(), static_cast<size_t>(jsonText.size())), &error);
    if (!json) {
        Result result;
        result.error = QStringLiteral("invalid JSON: %1").arg(QString::fromStdString(error));
        return result;
    }
    return encode(*json, readableLogicalTypes);
}

AvroJsonEncoder::Result AvroJsonEncoder::encode(const Json& value, bool readableLogicalTypes) const
{
    Result result;
    avro_value_t datum;
    if (avro_generic_value_new(m_schema->avroClass(), &datum) != 0) {
        result.error = QStringLiteral("avro-c: %1").arg(QString::fromUtf8(avro_strerror()));
        return result;
    }
    Converter converter(*m_schema, readableLogicalTypes);
    size_t size = 0;
    if (!converter.convert(value, m_schema->model().root(), &datum)) {
        result.error = converter.error();
    } else if (avro_value_sizeof(&datum, &size) != 0) {
        result.error = QStringLiteral("avro-c: %1").arg(QString::fromUtf8(avro_strerror()));
    } else {
        result.datum.resize(static_cast<qsizetype>(size));
        avro_writer_t writer = avro_writer_memory(result.datum.data(), static_cast<int64_t>(size));
        if (avro_value_write(writer, &datum) == 0) {
            result.ok = true;
        } else {
            result.error = QStringLiteral("avro-c: %1").arg(QString::fromUtf8(avro_strerror()));
            result.datum.clear();
        }
        avro_writer_free(writer);
    }
    avro_value_decref(&datum);
    return result;
}

QByteArray AvroJsonEncoder::schemaJson() const
{
    return m_schema->schemaJson();
}

QString AvroJsonEncoder::fullName() const
{
    return m_schema->fullName();
}

quint64 AvroJsonEncoder::fingerprint() const
{
    return m_schema->fingerprint();
}

} // namespace Samsa
