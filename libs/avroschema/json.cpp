#include "avroschema/json.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>

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

Json Json::numberText(std::string digits, double value)
{
    Json json(value);
    json.m_string = std::move(digits);
    return json;
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
        if (!m_string.empty() && !other.m_string.empty()) // two integers beyond int64
            return m_string == other.m_string;
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

namespace {

// nlohmann's serializer, so that strings are escaped and doubles written as its dump() does:
// shortest round-trip form with a fraction or an exponent (1.0, not 1), null for NaN and the
// infinities. Invalid UTF-8 is replaced, never thrown about: a broken string from a topic
// must not make a whole answer (GET /subjects, an export) unreadable.
std::string serialized(const nlohmann::json& value)
{
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace

std::string quoteJson(std::string_view text)
{
    return serialized(nlohmann::json(text));
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
            char buffer[24];
            const auto result = std::to_chars(buffer, buffer + sizeof buffer, m_int);
            out.append(buffer, result.ptr);
        } else if (!m_string.empty()) {
            out += m_string;
        } else {
            out += serialized(nlohmann::json(m_double));
        }
        return;
    }
    case Type::String:
        out += serialized(nlohmann::json(m_string));
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
            out += serialized(nlohmann::json(m_object[i].first));
            out += ':';
            m_object[i].second.dumpTo(out);
        }
        out += '}';
        return;
    }
}

// Builds a Json from nlohmann's SAX events: its parser does the lexing (UTF-8 validation,
// escapes, surrogate pairs, number ranges) without recursion; this keeps members in document
// order, stops at maxDepth open containers and records the first error.
class JsonSaxBuilder {
public:
    using Number = nlohmann::json::number_float_t;

    explicit JsonSaxBuilder(int maxDepth)
        : m_maxDepth(maxDepth)
    {
    }

    bool null() { return add(Json()); }
    bool boolean(bool value) { return add(Json(value)); }
    bool number_integer(nlohmann::json::number_integer_t value) { return add(Json(int64_t(value))); }
    bool number_unsigned(nlohmann::json::number_unsigned_t value)
    {
        if (value <= uint64_t(INT64_MAX))
            return add(Json(int64_t(value)));
        return add(Json::numberText(std::to_string(value), double(value)));
    }
    bool number_float(Number value, const std::string& text)
    {
        // nlohmann reads integers beyond uint64 as doubles: keep their digits (see isInteger()).
        if (text.find_first_of(".eE") == std::string::npos)
            return add(Json::numberText(text, value));
        return add(Json(double(value)));
    }
    bool string(std::string& value) { return add(Json(std::move(value))); }
    bool binary(nlohmann::json::binary_t&) { return fail("binary values are not JSON"); }
    bool key(std::string& name)
    {
        m_stack.back().key = std::move(name);
        return true;
    }
    bool start_object(std::size_t) { return open(true); }
    bool start_array(std::size_t) { return open(false); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& error)
    {
        // what() is "[json.exception.parse_error.101] parse error at line 1, column 4: ...".
        std::string message = error.what();
        const size_t prefixEnd = message.rfind("] ", message.find(' '));
        if (message.rfind("[json.exception.", 0) == 0 && prefixEnd != std::string::npos)
            message.erase(0, prefixEnd + 2);
        if (message.find(" at line ") == std::string::npos)
            message += " at offset " + std::to_string(position > 0 ? position - 1 : 0);
        return fail(message);
    }

    std::optional<Json> result(bool parsed, std::string* error)
    {
        if (parsed && m_error.empty() && m_root)
            return std::move(m_root);
        if (error)
            *error = m_error.empty() ? std::string("malformed JSON") : m_error;
        return std::nullopt;
    }

private:
    struct Open {
        bool object = false;
        std::string key;
        Json::Array items;
        Json::Object members;
    };

    bool fail(std::string message)
    {
        if (m_error.empty())
            m_error = std::move(message);
        return false;
    }

    bool add(Json value)
    {
        if (m_stack.empty())
            m_root = std::move(value);
        else if (m_stack.back().object)
            m_stack.back().members.emplace_back(std::move(m_stack.back().key), std::move(value));
        else
            m_stack.back().items.push_back(std::move(value));
        return true;
    }

    bool open(bool object)
    {
        if (m_stack.size() >= size_t(m_maxDepth))
            return fail("nesting deeper than " + std::to_string(m_maxDepth) + " arrays and objects");
        m_stack.push_back(Open { object, {}, {}, {} });
        return true;
    }

    bool close()
    {
        Open done = std::move(m_stack.back());
        m_stack.pop_back();
        return add(done.object ? Json(std::move(done.members)) : Json(std::move(done.items)));
    }

    int m_maxDepth;
    std::vector<Open> m_stack;
    std::optional<Json> m_root;
    std::string m_error;
};

std::optional<Json> parseJson(std::string_view text, std::string* error, int maxDepth)
{
    JsonSaxBuilder builder(maxDepth);
    bool parsed = false;
    try {
        parsed = nlohmann::json::sax_parse(text.begin(), text.end(), &builder);
    } catch (const std::exception& e) {
        // sax_parse reports through parse_error(); anything thrown is only memory running out.
        if (error)
            *error = e.what();
        return std::nullopt;
    }
    return builder.result(parsed, error);
}

} // namespace samsa
