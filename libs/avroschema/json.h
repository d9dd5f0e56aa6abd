#pragma once

// A small JSON value with a parser and a compact writer: Avro schemas are JSON, and so are the
// schema registry's REST API, its records in the _schemas topic and the JSON that Samsa encodes
// to Avro. Objects keep their members in document order; integers keep all 64 bits.
//
// Reading and writing text is nlohmann-json's (json.cpp: its SAX parser, its number and string
// serializer). The value class stays our own, not nlohmann::json: objects must keep document
// order with repeated names (Avro canonical forms, Confluent's records), and about twenty files of
// the broker, core and app share this small API; nlohmann stays out of every header.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace samsa {

class Json {
public:
    enum class Type { Null, Bool, Number, String, Array, Object };
    using Array = std::vector<Json>;
    using Member = std::pair<std::string, Json>;
    using Object = std::vector<Member>;

    Json() = default;
    Json(std::nullptr_t) { }
    Json(bool value);
    Json(int value);
    Json(int64_t value);
    Json(double value);
    Json(const char* value);
    Json(std::string value);
    Json(Array value);
    Json(Object value);
    static Json array() { return Json(Array {}); }
    static Json object() { return Json(Object {}); }

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool isBool() const { return m_type == Type::Bool; }
    bool isNumber() const { return m_type == Type::Number; }
    // A number written without fraction or exponent that fits an int64. Integers beyond int64
    // (Avro and Kafka have none) are numbers, not integers: number() is the nearest double, and
    // dump() writes their digits back exactly as read.
    bool isInteger() const { return m_type == Type::Number && m_integer; }
    bool isString() const { return m_type == Type::String; }
    bool isArray() const { return m_type == Type::Array; }
    bool isObject() const { return m_type == Type::Object; }

    bool boolean() const { return m_bool; }
    int64_t integer() const { return m_int; }
    double number() const { return m_double; }
    const std::string& string() const { return m_string; }
    const Array& items() const { return m_array; }
    const Object& members() const { return m_object; }

    // The member named `name` of an object (the last one when repeated), null when absent.
    const Json* find(std::string_view name) const;
    // Appends to an array, or sets a member of an object (replacing an existing one).
    void push(Json value);
    void set(std::string name, Json value);

    // Compact text, no whitespace; strings escaped as JSON requires (UTF-8 passes through, an
    // invalid UTF-8 sequence becomes U+FFFD so the text is always valid JSON). A non-integer
    // number keeps a fraction or exponent (1.0 stays 1.0); NaN and infinities, which JSON lacks,
    // are written as null.
    std::string dump() const;

    bool operator==(const Json& other) const;

private:
    friend class JsonSaxBuilder; // json.cpp: builds values from nlohmann's parser events

    // A number exactly as written in a document, for integers beyond int64 (see isInteger()).
    static Json numberText(std::string digits, double value);
    void dumpTo(std::string& out) const;

    Type m_type = Type::Null;
    bool m_bool = false;
    bool m_integer = false;
    int64_t m_int = 0;
    double m_double = 0;
    std::string m_string; // also the digits of an integer beyond int64
    Array m_array;
    Object m_object;
};

// Parses one JSON document (RFC 8259; surrounding whitespace allowed; the text must be UTF-8).
// More than maxDepth arrays and objects inside each other are refused. A number beyond double's
// range (1e400) is refused, never read as 0 or infinity. Repeated member names are all kept
// (find() gives the last). nullopt with a readable *error when malformed.
std::optional<Json> parseJson(std::string_view text, std::string* error, int maxDepth = 128);

// `text` as a quoted JSON string (invalid UTF-8 becomes U+FFFD).
std::string quoteJson(std::string_view text);

} // namespace samsa
