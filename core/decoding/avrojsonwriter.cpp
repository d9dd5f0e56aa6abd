#include "avrojsonwriter.h"

#include "avrologicaltext.h"
#include "avroschemabinding.h"

#include <avro.h>

#include <array>
#include <charconv>
#include <cmath>

namespace Samsa {

using samsa::avro::AvroNode;
using samsa::avro::AvroType;

namespace {

constexpr char Hex[] = "0123456789abcdef";

// Bytes a JSON string can hold as they are: printable ASCII but the quote and the backslash.
constexpr std::array<bool, 256> makePlainTable()
{
    std::array<bool, 256> table {};
    for (int c = 0x20; c < 0x80; ++c)
        table[static_cast<size_t>(c)] = c != '"' && c != '\\';
    return table;
}
constexpr std::array<bool, 256> Plain = makePlainTable();

void appendEscape(std::string& out, uint8_t byte)
{
    out += "\\u00";
    out += Hex[byte >> 4];
    out += Hex[byte & 0xf];
}

// Length of the valid UTF-8 sequence at p (shortest form, no surrogates, at most U+10FFFF), or 0.
size_t utf8Sequence(const uint8_t* p, size_t left)
{
    const uint8_t b = p[0];
    size_t length = 0;
    uint8_t low = 0x80;
    uint8_t high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
        length = 2;
    } else if (b >= 0xe0 && b <= 0xef) {
        length = 3;
        if (b == 0xe0)
            low = 0xa0;
        else if (b == 0xed)
            high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
        length = 4;
        if (b == 0xf0)
            low = 0x90;
        else if (b == 0xf4)
            high = 0x8f;
    } else {
        return 0;
    }
    if (left < length || p[1] < low || p[1] > high)
        return 0;
    for (size_t i = 2; i < length; ++i) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    }
    return length;
}

template<typename T>
void appendNumber(std::string& out, T value)
{
    char buffer[40];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    (void)ec;
    out.append(buffer, end);
}

template<typename Real>
void appendReal(std::string& out, Real value)
{
    if (std::isnan(value)) {
        out += "\"NaN\"";
        return;
    }
    if (std::isinf(value)) {
        out += value > 0 ? "\"Infinity\"" : "\"-Infinity\"";
        return;
    }
    const size_t start = out.size();
    appendNumber(out, value); // the shortest text that reads back as the same value
    // 2.0 stays recognisably a floating-point number, as Avro's JSON encoder writes it.
    if (out.find_first_of(".e", start) == std::string::npos)
        out += ".0";
}

} // namespace

AvroJsonWriter::AvroJsonWriter(const AvroSchemaBinding& schema, bool readableLogicalTypes, std::string& out,
    QStringList* branches, std::vector<Step>& path)
    : m_schema(schema)
    , m_readable(readableLogicalTypes)
    , m_out(out)
    , m_branches(branches)
    , m_path(path)
{
    m_path.clear();
}

void AvroJsonWriter::appendString(std::string& out, const char* text, size_t size)
{
    const auto* p = reinterpret_cast<const uint8_t*>(text);
    out += '"';
    size_t i = 0;
    while (i < size) {
        // Copy the longest run that needs no escaping at once.
        size_t run = i;
        while (run < size && Plain[p[run]])
            ++run;
        out.append(text + i, run - i);
        i = run;
        if (i == size)
            break;
        const uint8_t b = p[i];
        if (b < 0x80) {
            switch (b) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            default:
                appendEscape(out, b);
            }
            ++i;
            continue;
        }
        const size_t length = utf8Sequence(p + i, size - i);
        if (length == 0) {
            out += "\xef\xbf\xbd"; // U+FFFD for each byte that is not part of valid UTF-8
            ++i;
        } else {
            out.append(text + i, length);
            i += length;
        }
    }
    out += '"';
}

void AvroJsonWriter::appendBytes(std::string& out, const uint8_t* bytes, size_t size)
{
    out += '"';
    for (size_t i = 0; i < size; ++i) {
        const uint8_t b = bytes[i];
        if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\')
            out += static_cast<char>(b);
        else
            appendEscape(out, b);
    }
    out += '"';
}

void AvroJsonWriter::appendDouble(std::string& out, double value)
{
    appendReal(out, value);
}

void AvroJsonWriter::appendFloat(std::string& out, float value)
{
    appendReal(out, value);
}

std::string AvroJsonWriter::indent(std::string_view compact)
{
    std::string out;
    out.reserve(compact.size() * 2);
    int depth = 0;
    bool inString = false;
    auto newline = [&] {
        out += '\n';
        out.append(static_cast<size_t>(depth) * 2, ' ');
    };
    for (size_t i = 0; i < compact.size(); ++i) {
        const char c = compact[i];
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < compact.size())
                out += compact[++i];
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            out += c;
            break;
        case '{':
        case '[':
            // Empty containers stay on one line.
            if (i + 1 < compact.size() && (compact[i + 1] == '}' || compact[i + 1] == ']')) {
                out += c;
                out += compact[++i];
                break;
            }
            out += c;
            ++depth;
            newline();
            break;
        case '}':
        case ']':
            --depth;
            newline();
            out += c;
            break;
        case ',':
            out += c;
            newline();
            break;
        case ':':
            out += ": ";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string AvroJsonWriter::path() const
{
    if (m_path.empty())
        return "(root)";
    std::string out;
    for (const Step& step : m_path) {
        if (step.field) {
            if (!out.empty())
                out += '.';
            out += *step.field;
        } else if (step.key) {
            out += '[';
            appendString(out, step.key, strlen(step.key));
            out += ']';
        } else {
            out += '[';
            appendNumber(out, step.index);
            out += ']';
        }
    }
    return out;
}

bool AvroJsonWriter::write(const avro_value& value, int node)
{
    const AvroNode& n = m_schema.node(node);
    switch (n.type) {
    case AvroType::Null:
        m_out += "null";
        return true;
    case AvroType::Boolean: {
        int b = 0;
        if (avro_value_get_boolean(&value, &b) != 0)
            return false;
        m_out += b ? "true" : "false";
        return true;
    }
    case AvroType::Int: {
        int32_t i = 0;
        return avro_value_get_int(&value, &i) == 0 && writeInt(i, node);
    }
    case AvroType::Long: {
        int64_t l = 0;
        return avro_value_get_long(&value, &l) == 0 && writeLong(l, node);
    }
    case AvroType::Float: {
        float f = 0;
        if (avro_value_get_float(&value, &f) != 0)
            return false;
        appendFloat(m_out, f);
        return true;
    }
    case AvroType::Double: {
        double d = 0;
        if (avro_value_get_double(&value, &d) != 0)
            return false;
        appendDouble(m_out, d);
        return true;
    }
    case AvroType::String: {
        const char* text = nullptr;
        size_t size = 0;
        if (avro_value_get_string(&value, &text, &size) != 0)
            return false;
        // avro-c counts the terminating NUL.
        appendString(m_out, text, size > 0 ? size - 1 : 0);
        return true;
    }
    case AvroType::Bytes:
    case AvroType::Fixed: {
        const void* bytes = nullptr;
        size_t size = 0;
        const int rc = n.type == AvroType::Bytes ? avro_value_get_bytes(&value, &bytes, &size)
                                                 : avro_value_get_fixed(&value, &bytes, &size);
        return rc == 0 && writeBytesLike(static_cast<const uint8_t*>(bytes), size, node);
    }
    case AvroType::Enum: {
        int symbol = 0;
        if (avro_value_get_enum(&value, &symbol) != 0 || symbol < 0
            || static_cast<size_t>(symbol) >= n.symbols.size())
            return false;
        const std::string& name = n.symbols[static_cast<size_t>(symbol)];
        appendString(m_out, name.data(), name.size());
        return true;
    }
    case AvroType::Record:
        return writeRecord(value, node);
    case AvroType::Array:
        return writeArray(value, node);
    case AvroType::Map:
        return writeMap(value, node);
    case AvroType::Union:
        return writeUnion(value, node);
    }
    return false;
}

bool AvroJsonWriter::writeRecord(const avro_value& value, int node)
{
    const AvroNode& n = m_schema.node(node);
    m_out += '{';
    for (size_t i = 0; i < n.fields.size(); ++i) {
        avro_value_t field;
        if (avro_value_get_by_index(&value, i, &field, nullptr) != 0)
            return false;
        if (i > 0)
            m_out += ',';
        m_out += m_schema.fieldKey(node, i);
        m_path.push_back({ &n.fields[i].name, nullptr, 0 });
        const bool ok = write(field, n.fields[i].type);
        m_path.pop_back();
        if (!ok)
            return false;
    }
    m_out += '}';
    return true;
}

bool AvroJsonWriter::writeArray(const avro_value& value, int node)
{
    const int items = m_schema.node(node).items;
    size_t count = 0;
    if (avro_value_get_size(&value, &count) != 0)
        return false;
    m_out += '[';
    for (size_t i = 0; i < count; ++i) {
        avro_value_t item;
        if (avro_value_get_by_index(&value, i, &item, nullptr) != 0)
            return false;
        if (i > 0)
            m_out += ',';
        m_path.push_back({ nullptr, nullptr, i });
        const bool ok = write(item, items);
        m_path.pop_back();
        if (!ok)
            return false;
    }
    m_out += ']';
    return true;
}

bool AvroJsonWriter::writeMap(const avro_value& value, int node)
{
    const int values = m_schema.node(node).values;
    size_t count = 0;
    if (avro_value_get_size(&value, &count) != 0)
        return false;
    m_out += '{';
    for (size_t i = 0; i < count; ++i) {
        avro_value_t entry;
        const char* key = nullptr;
        if (avro_value_get_by_index(&value, i, &entry, &key) != 0 || !key)
            return false;
        if (i > 0)
            m_out += ',';
        appendString(m_out, key, strlen(key));
        m_out += ':';
        m_path.push_back({ nullptr, key, 0 });
        const bool ok = write(entry, values);
        m_path.pop_back();
        if (!ok)
            return false;
    }
    m_out += '}';
    return true;
}

bool AvroJsonWriter::writeUnion(const avro_value& value, int node)
{
    const AvroNode& n = m_schema.node(node);
    int discriminant = -1;
    avro_value_t branch;
    if (avro_value_get_discriminant(&value, &discriminant) != 0 || discriminant < 0
        || static_cast<size_t>(discriminant) >= n.branches.size()
        || avro_value_get_current_branch(&value, &branch) != 0)
        return false;
    const int branchNode = n.branches[static_cast<size_t>(discriminant)];
    if (m_branches) {
        std::string line = path();
        line += ": ";
        line += m_schema.branchTitle(branchNode);
        m_branches->append(QString::fromUtf8(line.data(), static_cast<qsizetype>(line.size())));
    }
    return write(branch, branchNode);
}

bool AvroJsonWriter::writeInt(int32_t value, int node)
{
    if (m_readable) {
        const AvroLogicalInfo& logical = m_schema.logical(node);
        if (logical.kind != AvroLogical::Plain) {
            const size_t start = m_out.size();
            m_out += '"';
            bool ok = false;
            if (logical.kind == AvroLogical::Date)
                ok = AvroLogicalText::appendDate(m_out, value);
            else if (logical.kind == AvroLogical::TimeMillis)
                ok = AvroLogicalText::appendTimeOfDay(m_out, value, 1000);
            if (ok) {
                m_out += '"';
                return true;
            }
            m_out.resize(start);
        }
    }
    appendNumber(m_out, value);
    return true;
}

bool AvroJsonWriter::writeLong(int64_t value, int node)
{
    if (m_readable) {
        const AvroLogicalInfo& logical = m_schema.logical(node);
        if (logical.kind != AvroLogical::Plain) {
            const size_t start = m_out.size();
            m_out += '"';
            bool ok = false;
            switch (logical.kind) {
            case AvroLogical::TimeMicros:
                ok = AvroLogicalText::appendTimeOfDay(m_out, value, 1'000'000);
                break;
            case AvroLogical::TimestampMillis:
            case AvroLogical::LocalTimestampMillis:
                ok = AvroLogicalText::appendTimestamp(
                    m_out, value, 1000, logical.kind == AvroLogical::TimestampMillis);
                break;
            case AvroLogical::TimestampMicros:
            case AvroLogical::LocalTimestampMicros:
                ok = AvroLogicalText::appendTimestamp(
                    m_out, value, 1'000'000, logical.kind == AvroLogical::TimestampMicros);
                break;
            case AvroLogical::TimestampNanos:
            case AvroLogical::LocalTimestampNanos:
                ok = AvroLogicalText::appendTimestamp(
                    m_out, value, 1'000'000'000, logical.kind == AvroLogical::TimestampNanos);
                break;
            default:
                break;
            }
            if (ok) {
                m_out += '"';
                return true;
            }
            m_out.resize(start);
        }
    }
    appendNumber(m_out, value);
    return true;
}

bool AvroJsonWriter::writeBytesLike(const uint8_t* bytes, size_t size, int node)
{
    if (m_readable) {
        const AvroLogicalInfo& logical = m_schema.logical(node);
        const size_t start = m_out.size();
        m_out += '"';
        bool ok = false;
        if (logical.kind == AvroLogical::Decimal) {
            ok = AvroLogicalText::appendDecimal(m_out, bytes, size, logical.scale);
        } else if (logical.kind == AvroLogical::Uuid && size == 16) {
            AvroLogicalText::appendUuid(m_out, bytes);
            ok = true;
        } else if (logical.kind == AvroLogical::Duration && size == 12) {
            AvroLogicalText::appendDuration(m_out, bytes);
            ok = true;
        }
        if (ok) {
            m_out += '"';
            return true;
        }
        m_out.resize(start);
    }
    appendBytes(m_out, bytes, size);
    return true;
}

} // namespace Samsa
