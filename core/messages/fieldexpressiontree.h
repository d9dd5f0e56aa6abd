#pragma once

// Inside the field expression: tokens, the parsed tree and the parser's entry point. Shared by
// fieldexpressionparser.cpp (text to tree) and fieldexpression.cpp (evaluation); not public API.

#include "fieldexpression.h"

#include <QJsonValue>
#include <QRegularExpression>

#include <memory>
#include <vector>

namespace Samsa {

namespace FieldExpressionSyntax {

enum class TokenType { End, Identifier, String, Number, Operator, LeftParen, RightParen, LeftBracket, RightBracket, Dot };

struct Token {
    TokenType type = TokenType::End;
    QString text; // identifier, operator spelling, string contents (unescaped) or number spelling
    int column = 0; // 1-based
};

enum class Root { Key, Value, Headers, Partition, Offset, Timestamp, Size };

struct Segment {
    bool isIndex = false;
    qsizetype index = 0;
    QString name;
};

struct Operand {
    bool isLiteral = false;
    QJsonValue literal;
    Root root = Root::Value;
    std::vector<Segment> segments;
};

enum class CompareOp { Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual, Contains, Matches };

struct ParseResult {
    std::unique_ptr<FieldExpression::Node> root;
    bool usesKey = false;
    bool usesValue = false;
    bool usesHeaders = false;
    bool usesSize = false;
};

// Tokenizes and parses; root is null with *error filled on a syntax error.
ParseResult parse(const QString& text, FieldExpressionError* error);

} // namespace FieldExpressionSyntax

struct FieldExpression::Node {
    enum class Type { Or, And, Not, Compare, Exists, Missing, Truthy };
    Type type = Type::Truthy;
    std::vector<std::unique_ptr<Node>> children;
    FieldExpressionSyntax::Operand left;
    FieldExpressionSyntax::Operand right;
    FieldExpressionSyntax::CompareOp op = FieldExpressionSyntax::CompareOp::Equal;
    QRegularExpression regex;
};

} // namespace Samsa
