#include "fieldexpressiontree.h"

#include <cmath>
#include <optional>

namespace Samsa::FieldExpressionSyntax {

namespace {

using Node = FieldExpression::Node;

bool isIdentifierStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_');
}

bool isIdentifierPart(QChar c)
{
    // '-' is allowed inside names (header names such as content-type); there is no arithmetic.
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-');
}

class Tokenizer {
public:
    explicit Tokenizer(const QString& text)
        : m_text(text)
    {
    }

    // All tokens, ending with End; false with *error on a lexical error.
    bool run(std::vector<Token>* tokens, FieldExpressionError* error)
    {
        while (true) {
            while (m_pos < m_text.size() && m_text.at(m_pos).isSpace())
                ++m_pos;
            Token token;
            token.column = int(m_pos) + 1;
            if (m_pos >= m_text.size()) {
                tokens->push_back(token);
                return true;
            }
            const QChar c = m_text.at(m_pos);
            if (isIdentifierStart(c)) {
                const qsizetype start = m_pos;
                while (m_pos < m_text.size() && isIdentifierPart(m_text.at(m_pos)))
                    ++m_pos;
                token.type = TokenType::Identifier;
                token.text = m_text.mid(start, m_pos - start);
            } else if (c.isDigit() || (c == QLatin1Char('-') && m_pos + 1 < m_text.size() && m_text.at(m_pos + 1).isDigit())) {
                token.type = TokenType::Number;
                token.text = readNumber();
            } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
                token.type = TokenType::String;
                if (!readString(c, &token.text, error))
                    return false;
            } else if (c == QLatin1Char('(') || c == QLatin1Char(')') || c == QLatin1Char('[') || c == QLatin1Char(']') || c == QLatin1Char('.')) {
                token.type = c == QLatin1Char('(') ? TokenType::LeftParen
                    : c == QLatin1Char(')')        ? TokenType::RightParen
                    : c == QLatin1Char('[')        ? TokenType::LeftBracket
                    : c == QLatin1Char(']')        ? TokenType::RightBracket
                                                   : TokenType::Dot;
                token.text = QString(c);
                ++m_pos;
            } else {
                static const char* const operators[] = { "==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "=" };
                bool found = false;
                for (const char* op : operators) {
                    const QLatin1StringView spelling(op);
                    if (QStringView(m_text).mid(m_pos).startsWith(spelling)) {
                        token.type = TokenType::Operator;
                        token.text = spelling == QLatin1StringView("=") ? QStringLiteral("==") : QString(spelling);
                        m_pos += spelling.size();
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    error->column = token.column;
                    error->message = QStringLiteral("unexpected '%1' at column %2").arg(c).arg(token.column);
                    return false;
                }
            }
            tokens->push_back(token);
        }
    }

private:
    QString readNumber()
    {
        const qsizetype start = m_pos;
        if (m_text.at(m_pos) == QLatin1Char('-'))
            ++m_pos;
        auto digits = [this] {
            while (m_pos < m_text.size() && m_text.at(m_pos).isDigit())
                ++m_pos;
        };
        digits();
        if (m_pos + 1 < m_text.size() && m_text.at(m_pos) == QLatin1Char('.') && m_text.at(m_pos + 1).isDigit()) {
            ++m_pos;
            digits();
        }
        if (m_pos < m_text.size() && (m_text.at(m_pos) == QLatin1Char('e') || m_text.at(m_pos) == QLatin1Char('E'))) {
            qsizetype next = m_pos + 1;
            if (next < m_text.size() && (m_text.at(next) == QLatin1Char('+') || m_text.at(next) == QLatin1Char('-')))
                ++next;
            if (next < m_text.size() && m_text.at(next).isDigit()) {
                m_pos = next;
                digits();
            }
        }
        return m_text.mid(start, m_pos - start);
    }

    bool readString(QChar quote, QString* out, FieldExpressionError* error)
    {
        const int startColumn = int(m_pos) + 1;
        ++m_pos;
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos++);
            if (c == quote)
                return true;
            if (c != QLatin1Char('\\')) {
                out->append(c);
                continue;
            }
            if (m_pos >= m_text.size())
                break;
            const QChar escaped = m_text.at(m_pos++);
            switch (escaped.unicode()) {
            case 'n':
                out->append(QLatin1Char('\n'));
                break;
            case 't':
                out->append(QLatin1Char('\t'));
                break;
            case 'r':
                out->append(QLatin1Char('\r'));
                break;
            case 'b':
                out->append(QLatin1Char('\b'));
                break;
            case 'f':
                out->append(QLatin1Char('\f'));
                break;
            case 'u': {
                bool ok = false;
                const uint code = m_pos + 4 <= m_text.size() ? m_text.mid(m_pos, 4).toUInt(&ok, 16) : 0;
                if (!ok) {
                    error->column = int(m_pos) - 1;
                    error->message = QStringLiteral("expected four hex digits after \\u at column %1").arg(error->column);
                    return false;
                }
                out->append(QChar(char16_t(code)));
                m_pos += 4;
                break;
            }
            default:
                out->append(escaped); // \" \' \\ \/ and anything else stand for themselves
            }
        }
        error->column = startColumn;
        error->message = QStringLiteral("unterminated string starting at column %1").arg(startColumn);
        return false;
    }

    const QString& m_text;
    qsizetype m_pos = 0;
};


class Parser {
public:
    Parser(std::vector<Token> tokens, FieldExpressionError* error)
        : m_tokens(std::move(tokens))
        , m_error(error)
    {
    }

    std::unique_ptr<Node> parseAll()
    {
        if (peek().type == TokenType::End)
            return fail(peek().column, QStringLiteral("the expression is empty"));
        auto node = parseOr(0);
        if (node && peek().type != TokenType::End)
            return fail(peek().column, QStringLiteral("unexpected %1 at column %2").arg(describe(peek())).arg(peek().column));
        return node;
    }

    bool usesKey = false;
    bool usesValue = false;
    bool usesHeaders = false;
    bool usesSize = false;

private:
    const Token& peek() const { return m_tokens.at(m_pos); }
    const Token& take() { return m_tokens.at(m_pos < m_tokens.size() - 1 ? m_pos++ : m_pos); }

    bool isOperator(const char* spelling) const
    {
        return peek().type == TokenType::Operator && peek().text == QLatin1StringView(spelling);
    }
    bool isWord(const char* word) const
    {
        return peek().type == TokenType::Identifier && peek().text.compare(QLatin1StringView(word), Qt::CaseInsensitive) == 0;
    }

    static QString describe(const Token& token)
    {
        switch (token.type) {
        case TokenType::End:
            return QStringLiteral("end of the expression");
        case TokenType::String:
            return QStringLiteral("text \"%1\"").arg(token.text.left(20));
        default:
            return QLatin1Char('\'') + token.text.left(40) + QLatin1Char('\'');
        }
    }

    std::unique_ptr<Node> fail(int column, const QString& message)
    {
        if (m_error->message.isEmpty()) {
            m_error->column = column;
            m_error->message = message;
        }
        return nullptr;
    }

    std::unique_ptr<Node> tooDeep(int column)
    {
        return fail(column, QStringLiteral("the expression is nested too deeply at column %1 (at most %2 levels)").arg(column).arg(FieldExpression::maximumDepth));
    }

    // Chains of && and || are n-ary nodes, so a long chain costs no recursion depth.
    std::unique_ptr<Node> parseOr(int depth)
    {
        auto first = parseAnd(depth);
        if (!first)
            return nullptr;
        if (!(isOperator("||") || isWord("or")))
            return first;
        auto node = std::make_unique<Node>();
        node->type = Node::Type::Or;
        node->children.push_back(std::move(first));
        while (isOperator("||") || isWord("or")) {
            const Token op = take();
            if (peek().type == TokenType::End)
                return fail(peek().column, QStringLiteral("expected a condition after '%1' at column %2").arg(op.text).arg(peek().column));
            auto next = parseAnd(depth);
            if (!next)
                return nullptr;
            node->children.push_back(std::move(next));
        }
        return node;
    }

    std::unique_ptr<Node> parseAnd(int depth)
    {
        auto first = parseUnary(depth);
        if (!first)
            return nullptr;
        if (!(isOperator("&&") || isWord("and")))
            return first;
        auto node = std::make_unique<Node>();
        node->type = Node::Type::And;
        node->children.push_back(std::move(first));
        while (isOperator("&&") || isWord("and")) {
            const Token op = take();
            if (peek().type == TokenType::End)
                return fail(peek().column, QStringLiteral("expected a condition after '%1' at column %2").arg(op.text).arg(peek().column));
            auto next = parseUnary(depth);
            if (!next)
                return nullptr;
            node->children.push_back(std::move(next));
        }
        return node;
    }

    std::unique_ptr<Node> parseUnary(int depth)
    {
        if (depth >= FieldExpression::maximumDepth)
            return tooDeep(peek().column);
        if (isOperator("!") || isWord("not")) {
            const Token op = take();
            if (peek().type == TokenType::End)
                return fail(peek().column, QStringLiteral("expected a condition after '%1' at column %2").arg(op.text).arg(peek().column));
            auto inner = parseUnary(depth + 1);
            if (!inner)
                return nullptr;
            auto node = std::make_unique<Node>();
            node->type = Node::Type::Not;
            node->children.push_back(std::move(inner));
            return node;
        }
        if (peek().type == TokenType::LeftParen) {
            const Token open = take();
            auto inner = parseOr(depth + 1);
            if (!inner)
                return nullptr;
            if (peek().type != TokenType::RightParen)
                return fail(peek().column, QStringLiteral("expected ')' to close the '(' at column %1, found %2 at column %3").arg(open.column).arg(describe(peek())).arg(peek().column));
            take();
            return inner;
        }
        if (isWord("exists") || isWord("missing")) {
            const bool exists = isWord("exists");
            const Token word = take();
            if (peek().type != TokenType::LeftParen)
                return fail(peek().column, QStringLiteral("expected '(' after '%1' at column %2").arg(word.text).arg(peek().column));
            take();
            auto node = std::make_unique<Node>();
            node->type = exists ? Node::Type::Exists : Node::Type::Missing;
            if (!parsePath(&node->left))
                return nullptr;
            if (peek().type != TokenType::RightParen)
                return fail(peek().column, QStringLiteral("expected ')' after the field at column %1").arg(peek().column));
            take();
            return node;
        }
        return parseComparison();
    }

    std::unique_ptr<Node> parseComparison()
    {
        auto node = std::make_unique<Node>();
        if (!parseOperand(&node->left, nullptr))
            return nullptr;
        std::optional<CompareOp> op;
        if (peek().type == TokenType::Operator) {
            const QString& s = peek().text;
            if (s == QLatin1StringView("=="))
                op = CompareOp::Equal;
            else if (s == QLatin1StringView("!="))
                op = CompareOp::NotEqual;
            else if (s == QLatin1StringView("<"))
                op = CompareOp::Less;
            else if (s == QLatin1StringView("<="))
                op = CompareOp::LessEqual;
            else if (s == QLatin1StringView(">"))
                op = CompareOp::Greater;
            else if (s == QLatin1StringView(">="))
                op = CompareOp::GreaterEqual;
        } else if (isWord("contains")) {
            op = CompareOp::Contains;
        } else if (isWord("matches")) {
            op = CompareOp::Matches;
        }
        if (!op) {
            node->type = Node::Type::Truthy;
            return node;
        }
        const Token opToken = take();
        node->type = Node::Type::Compare;
        node->op = *op;
        if (*op == CompareOp::Matches) {
            if (peek().type != TokenType::String)
                return fail(peek().column, QStringLiteral("expected a regular expression in quotes after 'matches' at column %1").arg(peek().column));
            const Token pattern = take();
            node->regex = QRegularExpression(pattern.text);
            if (!node->regex.isValid())
                return fail(pattern.column, QStringLiteral("invalid regular expression at column %1: %2").arg(pattern.column).arg(node->regex.errorString()));
            node->regex.optimize();
            return node;
        }
        if (!parseOperand(&node->right, &opToken))
            return nullptr;
        return node;
    }

    bool parseOperand(Operand* operand, const Token* after)
    {
        const Token& token = peek();
        auto expected = [&]() {
            const QString what = after ? QStringLiteral("expected a value after '%1'").arg(after->text)
                                       : QStringLiteral("expected a field or a value");
            fail(token.column, QStringLiteral("%1 at column %2").arg(what).arg(token.column));
            return false;
        };
        switch (token.type) {
        case TokenType::String:
            operand->isLiteral = true;
            operand->literal = QJsonValue(token.text);
            take();
            return true;
        case TokenType::Number:
            operand->isLiteral = true;
            if (!parseNumber(token, &operand->literal))
                return false;
            take();
            return true;
        case TokenType::Identifier: {
            const QString word = token.text.toLower();
            if (word == QLatin1StringView("true") || word == QLatin1StringView("false") || word == QLatin1StringView("null")) {
                operand->isLiteral = true;
                operand->literal = word == QLatin1StringView("null") ? QJsonValue(QJsonValue::Null)
                                                                    : QJsonValue(word == QLatin1StringView("true"));
                take();
                return true;
            }
            return parsePath(operand);
        }
        default:
            return expected();
        }
    }

    bool parseNumber(const Token& token, QJsonValue* out)
    {
        const bool integral = !token.text.contains(QLatin1Char('.')) && !token.text.contains(QLatin1Char('e'), Qt::CaseInsensitive);
        bool ok = false;
        if (integral) {
            const qint64 n = token.text.toLongLong(&ok);
            if (ok) {
                *out = QJsonValue(n);
                return true;
            }
        }
        const double d = token.text.toDouble(&ok);
        if (!ok || !std::isfinite(d)) {
            fail(token.column, QStringLiteral("the number at column %1 is too large").arg(token.column));
            return false;
        }
        *out = QJsonValue(d);
        return true;
    }

    bool parsePath(Operand* operand)
    {
        const Token& first = peek();
        if (first.type != TokenType::Identifier) {
            fail(first.column, QStringLiteral("expected a field (key, value, headers.NAME, partition, offset, timestamp, size) at column %1").arg(first.column));
            return false;
        }
        static const struct {
            const char* name;
            Root root;
        } roots[] = { { "key", Root::Key }, { "value", Root::Value }, { "headers", Root::Headers },
            { "partition", Root::Partition }, { "offset", Root::Offset }, { "timestamp", Root::Timestamp }, { "size", Root::Size } };
        bool known = false;
        for (const auto& root : roots) {
            if (first.text == QLatin1StringView(root.name)) {
                operand->root = root.root;
                known = true;
            }
        }
        if (!known) {
            fail(first.column, QStringLiteral("unknown field '%1' at column %2 (fields: key, value, headers.NAME, partition, offset, timestamp, size)").arg(first.text.left(40)).arg(first.column));
            return false;
        }
        take();
        while (peek().type == TokenType::Dot || peek().type == TokenType::LeftBracket) {
            const Token open = take();
            Segment segment;
            if (open.type == TokenType::Dot) {
                if (peek().type != TokenType::Identifier && peek().type != TokenType::Number) {
                    fail(peek().column, QStringLiteral("expected a field name after '.' at column %1").arg(peek().column));
                    return false;
                }
                segment.name = take().text;
            } else {
                const Token inside = take();
                if (inside.type == TokenType::String) {
                    segment.name = inside.text;
                } else if (inside.type == TokenType::Number) {
                    bool ok = false;
                    segment.index = inside.text.toLongLong(&ok);
                    if (!ok || segment.index < 0) {
                        fail(inside.column, QStringLiteral("expected an index of 0 or more at column %1").arg(inside.column));
                        return false;
                    }
                    segment.isIndex = true;
                } else {
                    fail(inside.column, QStringLiteral("expected an index or a name in quotes after '[' at column %1").arg(inside.column));
                    return false;
                }
                if (peek().type != TokenType::RightBracket) {
                    fail(peek().column, QStringLiteral("expected ']' at column %1").arg(peek().column));
                    return false;
                }
                take();
            }
            operand->segments.push_back(segment);
        }
        if (operand->root == Root::Key)
            usesKey = true;
        else if (operand->root == Root::Value)
            usesValue = true;
        else if (operand->root == Root::Headers)
            usesHeaders = true;
        else if (operand->root == Root::Size)
            usesSize = true;
        if (operand->root != Root::Key && operand->root != Root::Value && operand->root != Root::Headers && !operand->segments.empty()) {
            fail(first.column, QStringLiteral("'%1' at column %2 is a number and has no fields").arg(first.text).arg(first.column));
            return false;
        }
        return true;
    }

    std::vector<Token> m_tokens;
    size_t m_pos = 0;
    FieldExpressionError* m_error;
};

} // namespace

ParseResult parse(const QString& text, FieldExpressionError* error)
{
    ParseResult result;
    std::vector<Token> tokens;
    if (!Tokenizer(text).run(&tokens, error))
        return result;
    Parser parser(std::move(tokens), error);
    result.root = parser.parseAll();
    result.usesKey = parser.usesKey;
    result.usesValue = parser.usesValue;
    result.usesHeaders = parser.usesHeaders;
    result.usesSize = parser.usesSize;
    return result;
}

} // namespace Samsa::FieldExpressionSyntax
