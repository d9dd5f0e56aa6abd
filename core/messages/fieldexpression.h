#pragma once

// Filter expressions on a message's fields and decoded key/value, for the browser's filter bar:
//
//   value.status == "PAID" && value.amount > 100
//   key == "customer-7" || headers.source matches "^web-"
//   exists(value.items[0].sku) && !(partition == 3)
//
// Fields: `key`, `value` (decoded; JSON is navigated with `.name`, `["any name"]`, `[index]`),
// `headers.NAME` / `headers["NAME"]` (the first header of that name, its value as text),
// `partition`, `offset`, `timestamp` (ms since the epoch), `size` (bytes).
// Operators: == != < <= > >= contains matches (a regular expression literal), && || ! (or the
// words and, or, not), parentheses; exists(path) and missing(path).
// Literals: "text" or 'text' (JSON escapes), numbers (64-bit integers stay exact), true, false, null.
//
// Meaning, chosen so a filter never fails on odd data:
// - A comparison whose sides have different types (or a side that is missing) is false, for every
//   operator including !=; use !(a == b) to also match the missing or differently typed ones.
// - < <= > >= compare numbers and strings (by code point); other types are never ordered.
// - contains: substring of a string, element of an array, key of an object.
// - A bare path or literal used as a condition is true when it exists and is not false or null.
// - A key or value that could not be decoded has no fields: every path under it is missing.
// - A String-format key or value whose text is JSON can still be navigated (value.a on '{"a":1}').
//
// Parsing returns a readable error with a 1-based column: "expected a value after '>' at column 20".
// A parsed expression is immutable and evaluate() is thread-safe (filter workers share it).

#include "decoding/decodedpayload.h"
#include "kafkarecord.h"

#include <QString>
#include <memory>

namespace Samsa {

struct FieldExpressionError {
    int column = 0; // 1-based, in characters of the expression
    QString message; // "expected a value after '>' at column 20" (already names the column)
};

// What an expression is evaluated on; pointers may be null when the expression does not use them
// (see FieldExpression::usesKey() and friends), which reads as missing.
struct MessageFields {
    int partition = -1;
    qint64 offset = -1;
    qint64 timestampMs = -1;
    qint64 size = 0;
    const DecodedPayload* key = nullptr;
    const DecodedPayload* value = nullptr;
    const QList<RecordHeader>* headers = nullptr;
};

class FieldExpression {
public:
    // Deepest nesting of parentheses and `!` accepted; deeper input is refused, not overflowed.
    static constexpr int maximumDepth = 128;

    // nullptr with *error filled when the text is not a valid expression.
    static std::shared_ptr<const FieldExpression> parse(const QString& text, FieldExpressionError* error);
    ~FieldExpression();

    bool evaluate(const MessageFields& fields) const;

    // What evaluate() reads, so a caller decodes only what is needed.
    bool usesKey() const;
    bool usesValue() const;
    bool usesHeaders() const;
    bool usesSize() const; // size counts header bytes too
    QString text() const;

    struct Node; // the parsed tree, private to the implementation

private:
    FieldExpression();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Samsa
