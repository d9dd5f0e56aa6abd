#include "avroschema/json.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace samsa {

Json::Json(bool value)
    : m_type(Type::Bool)
    , m_bool(value)
{
}

Json::Json(int value)
    : Json(static_cast<int64_t>(value))
{
}

Json::Json(int64_t value)
    : m_type(Type::Number)
    , m_integer(true)
    , m_int(value)
    , m_double(static_cast<double>(value))
{
}

Json::Json(double value)
    : m_type(Type::Number)
    , m_double(value)
{
}

Json::Json(const char* value)
    : Json(std::string(value))
{
}

Json::Json(std::string value)
    : m_type(Type::String)
    , m_string(std::move(value))
{
}

Json::Json(Array value)
    : m_type(Type::Array)
    , m_array(std::move(value))
{
}

Json::Json(Object value)
    : m_type(Type::Object)
    , m_object(std::move(value))
{
}

const Json* Json::find(std::string_view name) const
{
    for (auto it = m_object.rbegin(); it != m_object.rend(); ++it) {
        if (it->first == name)
            return &it->second;
    }
    return nullptr;
}

void Json::push(Json value)
{
    m_array.push_back(std::move(value));
}

void Json::set(std::string name, Json value)
{
    for (auto& member : m_object) {
        if (member.first == name) {
            member.second = std::move(value);
            return;
        }
    }
    m_object.emplace_back(std::move(name), std::move(value));
}

bool Json::operator==(const Json& other) const
{
    if (m_type != other.m_type)
        return false;
    switch (m_type) {
    case Type::Null:
        return true;
    case Type::Bool:
        return m_bool == other.m_bool;
    case Type::Number:
        if (m_integer && other.m_integer)
            return m_int == other.m_int;
        return m_double == other.m_double;
    case Type::String:
        return m_string == other.m_string;
    case Type::Array:
        return m_array == other.m_array;
    case Type::Object:
        return m_object == other.m_object;
    }
    return false;
}

std::string quoteJson(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (const char c : text) {
        switch (c) {
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
            if (static_cast<unsigned char>(c) < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
                out += escaped;
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

std::string Json::dump() const
{
    std::string out;
    dumpTo(out);
    return out;
}

void Json::dumpTo(std::string& out) const
{
    switch (m_type) {
    case Type::Null:
        out += "null";
        return;
    case Type::Bool:
        out += m_bool ? "true" : "false";
        return;
    case Type::Number: {
        if (m_integer) {
            out += std::to_string(m_int);
            return;
        }
        if (!std::isfinite(m_double)) {
            out += "null"; // JSON has no NaN or infinity
            return;
        }
        char buffer[32];
        const auto result = std::to_chars(buffer, buffer + sizeof buffer, m_double);
        out.append(buffer, result.ptr);
        return;
    }
    case Type::String:
        out += quoteJson(m_string);
        return;
    case Type::Array:
        out += '[';
        for (size_t i = 0; i < m_array.size(); ++i) {
            if (i > 0)
                out += ',';
            m_array[i].dumpTo(out);
        }
        out += ']';
        return;
    case Type::Object:
        out += '{';
        for (size_t i = 0; i < m_object.size(); ++i) {
            if (i > 0)
                out += ',';
            out += quoteJson(m_object[i].first);
            out += ':';
            m_object[i].second.dumpTo(out);
        }
        out += '}';
        return;
    }
}

namespace {

class Parser {
public:
    Parser(std::string_view text, int maxDepth)
        : m_text(text)
        , m_maxDepth(maxDepth)
    {
    }

    std::optional<Json> document(std::string* error)
    {
        skipSpace();
        Json value;
        if (parseValue(value, 0)) {
            skipSpace();
            if (m_pos != m_text.size())
                m_error = "unexpected text after the JSON value";
        }
        if (!m_error.empty()) {
            if (error)
                *error = m_error + " at offset " + std::to_string(m_pos);
            return std::nullopt;
        }
        return value;
    }

private:
    bool failWith(const char* message)
    {
        if (m_error.empty())
            m_error = message;
        return false;
    }

    void skipSpace()
    {
        while (m_pos < m_text.size()
            && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n' || m_text[m_pos] == '\r'))
            ++m_pos;
    }

    bool literal(std::string_view word)
    {
        if (m_text.substr(m_pos, word.size()) != word)
            return failWith("invalid literal");
        m_pos += word.size();
        return true;
    }

    bool parseValue(Json& out, int depth)
    {
        if (depth > m_maxDepth)
            return failWith("nesting too deep");
        if (m_pos >= m_text.size())
            return failWith("unexpected end of input");
        switch (m_text[m_pos]) {
        case 'n':
            out = Json();
            return literal("null");
        case 't':
            out = Json(true);
            return literal("true");
        case 'f':
            out = Json(false);
            return literal("false");
        case '"': {
            std::string text;
            if (!parseString(text))
                return false;
            out = Json(std::move(text));
            return true;
        }
        case '[':
            return parseArray(out, depth);
        case '{':
            return parseObject(out, depth);
        default:
            return parseNumber(out);
        }
    }

    bool parseArray(Json& out, int depth)
    {
        ++m_pos;
        Json::Array items;
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == ']') {
            ++m_pos;
            out = Json(std::move(items));
            return true;
        }
        while (true) {
            skipSpace();
            Json item;
            if (!parseValue(item, depth + 1))
                return false;
            items.push_back(std::move(item));
            skipSpace();
            if (m_pos >= m_text.size())
                return failWith("unterminated array");
            const char c = m_text[m_pos++];
            if (c == ']')
                break;
            if (c != ',')
                return failWith("expected ',' or ']' in array");
        }
        out = Json(std::move(items));
        return true;
    }

    bool parseObject(Json& out, int depth)
    {
        ++m_pos;
        Json::Object members;
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == '}') {
            ++m_pos;
            out = Json(std::move(members));
            return true;
        }
        while (true) {
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != '"')
                return failWith("expected a member name");
            std::string name;
            if (!parseString(name))
                return false;
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != ':')
                return failWith("expected ':' after a member name");
            ++m_pos;
            skipSpace();
            Json value;
            if (!parseValue(value, depth + 1))
                return false;
            members.emplace_back(std::move(name), std::move(value));
            skipSpace();
            if (m_pos >= m_text.size())
                return failWith("unterminated object");
            const char c = m_text[m_pos++];
            if (c == '}')
                break;
            if (c != ',')
                return failWith("expected ',' or '}' in object");
        }
        out = Json(std::move(members));
        return true;
    }

    bool hex4(uint32_t* value)
    {
        if (m_text.size() - m_pos < 4)
            return failWith("truncated \\u escape");
        uint32_t v = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = m_text[m_pos++];
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= uint32_t(c - '0');
            else if (c >= 'a' && c <= 'f')
                v |= uint32_t(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                v |= uint32_t(c - 'A' + 10);
            else
                return failWith("invalid \\u escape");
        }
        *value = v;
        return true;
    }

    static void appendUtf8(std::string& out, uint32_t code)
    {
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (code >> 18));
            out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
    }

    bool parseString(std::string& out)
    {
        ++m_pos; // opening quote
        while (true) {
            if (m_pos >= m_text.size())
                return failWith("unterminated string");
            const char c = m_text[m_pos++];
            if (c == '"')
                return true;
            if (static_cast<unsigned char>(c) < 0x20)
                return failWith("control character in string");
            if (c != '\\') {
                out += c;
                continue;
            }
            if (m_pos >= m_text.size())
                return failWith("unterminated string");
            const char e = m_text[m_pos++];
            switch (e) {
            case '"':
            case '\\':
            case '/':
                out += e;
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u': {
                uint32_t code = 0;
                if (!hex4(&code))
                    return false;
                if (code >= 0xD800 && code <= 0xDBFF) {
                    uint32_t low = 0;
                    if (m_text.substr(m_pos, 2) != "\\u")
                        return failWith("unpaired surrogate");
                    m_pos += 2;
                    if (!hex4(&low))
                        return false;
                    if (low < 0xDC00 || low > 0xDFFF)
                        return failWith("unpaired surrogate");
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                } else if (code >= 0xDC00 && code <= 0xDFFF) {
                    return failWith("unpaired surrogate");
                }
                appendUtf8(out, code);
                break;
            }
            default:
                return failWith("invalid escape in string");
            }
        }
    }

    bool parseNumber(Json& out)
    {
        const size_t start = m_pos;
        auto digits = [&] {
            const size_t from = m_pos;
            while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9')
                ++m_pos;
            return m_pos - from;
        };
        if (m_pos < m_text.size() && m_text[m_pos] == '-')
            ++m_pos;
        const size_t intStart = m_pos;
        const size_t intDigits = digits();
        if (intDigits == 0)
            return failWith("unexpected character");
        if (intDigits > 1 && m_text[intStart] == '0')
            return failWith("leading zero in number");
        bool integral = true;
        if (m_pos < m_text.size() && m_text[m_pos] == '.') {
            ++m_pos;
            integral = false;
            if (digits() == 0)
                return failWith("digits expected after '.'");
        }
        if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            ++m_pos;
            integral = false;
            if (m_pos < m_text.size() && (m_text[m_pos] == '+' || m_text[m_pos] == '-'))
                ++m_pos;
            if (digits() == 0)
                return failWith("digits expected in exponent");
        }
        const char* begin = m_text.data() + start;
        const char* end = m_text.data() + m_pos;
        if (integral) {
            int64_t value = 0;
            const auto result = std::from_chars(begin, end, value);
            if (result.ec == std::errc() && result.ptr == end) {
                out = Json(value);
                return true;
            }
        }
        double value = 0;
        const auto result = std::from_chars(begin, end, value);
        if (result.ptr != end)
            return failWith("invalid number");
        out = Json(value);
        return true;
    }

    std::string_view m_text;
    size_t m_pos = 0;
    int m_maxDepth;
    std::string m_error;
};

} // namespace

std::optional<Json> parseJson(std::string_view text, std::string* error, int maxDepth)
{
    return Parser(text, maxDepth).document(error);
}

} // namespace samsa
