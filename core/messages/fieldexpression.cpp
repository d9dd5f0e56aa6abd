#include "fieldexpression.h"
#include "fieldexpressiontree.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Samsa {

using namespace FieldExpressionSyntax;

struct FieldExpression::Private {
    QString text;
    std::unique_ptr<Node> root;
    bool usesKey = false;
    bool usesValue = false;
    bool usesHeaders = false;
    bool usesSize = false;
};


namespace {

using Node = FieldExpression::Node;

// Parses decoded JSON (wrapped in an array, so scalars parse too); undefined when it is not JSON.
QJsonValue parseJson(const QByteArray& json)
{
    QByteArray wrapped;
    wrapped.reserve(json.size() + 2);
    wrapped.append('[').append(json).append(']');
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(wrapped, &error);
    if (error.error != QJsonParseError::NoError || !document.isArray() || document.array().size() != 1)
        return QJsonValue(QJsonValue::Undefined);
    return document.array().at(0);
}

class Evaluator {
public:
    explicit Evaluator(const MessageFields& fields)
        : m_fields(fields)
    {
    }

    bool evaluate(const Node& node)
    {
        switch (node.type) {
        case Node::Type::Or:
            for (const auto& child : node.children) {
                if (evaluate(*child))
                    return true;
            }
            return false;
        case Node::Type::And:
            for (const auto& child : node.children) {
                if (!evaluate(*child))
                    return false;
            }
            return true;
        case Node::Type::Not:
            return !evaluate(*node.children.front());
        case Node::Type::Exists:
            return !resolve(node.left).isUndefined();
        case Node::Type::Missing:
            return resolve(node.left).isUndefined();
        case Node::Type::Truthy: {
            const QJsonValue v = resolve(node.left);
            return !v.isUndefined() && !v.isNull() && !(v.isBool() && !v.toBool());
        }
        case Node::Type::Compare:
            return compare(node);
        }
        return false;
    }

private:
    QJsonValue resolve(const Operand& operand)
    {
        if (operand.isLiteral)
            return operand.literal;
        QJsonValue current;
        switch (operand.root) {
        case Root::Partition:
            return QJsonValue(qint64(m_fields.partition));
        case Root::Offset:
            return QJsonValue(m_fields.offset);
        case Root::Timestamp:
            return QJsonValue(m_fields.timestampMs);
        case Root::Size:
            return QJsonValue(m_fields.size);
        case Root::Key:
            current = payloadValue(m_fields.key, !operand.segments.empty(), &m_key, &m_keyParsed);
            break;
        case Root::Value:
            current = payloadValue(m_fields.value, !operand.segments.empty(), &m_value, &m_valueParsed);
            break;
        case Root::Headers:
            return resolveHeader(operand);
        }
        return walk(current, operand.segments, 0);
    }

    static QJsonValue walk(QJsonValue current, const std::vector<Segment>& segments, size_t from)
    {
        for (size_t i = from; i < segments.size() && !current.isUndefined(); ++i) {
            const Segment& segment = segments[i];
            if (segment.isIndex) {
                if (!current.isArray())
                    return QJsonValue(QJsonValue::Undefined);
                const QJsonArray array = current.toArray();
                current = segment.index < array.size() ? array.at(segment.index) : QJsonValue(QJsonValue::Undefined);
            } else {
                if (!current.isObject())
                    return QJsonValue(QJsonValue::Undefined);
                const QJsonObject object = current.toObject();
                const auto it = object.constFind(segment.name);
                current = it == object.constEnd() ? QJsonValue(QJsonValue::Undefined) : it.value();
            }
        }
        return current;
    }

    QJsonValue resolveHeader(const Operand& operand)
    {
        if (!m_fields.headers)
            return QJsonValue(QJsonValue::Undefined);
        if (operand.segments.empty()) {
            QJsonObject all;
            for (const RecordHeader& header : *m_fields.headers) {
                const QString name = QString::fromUtf8(header.key);
                if (!all.contains(name))
                    all.insert(name, header.value ? QJsonValue(QString::fromUtf8(*header.value)) : QJsonValue(QJsonValue::Null));
            }
            return all;
        }
        const Segment& first = operand.segments.front();
        if (first.isIndex)
            return QJsonValue(QJsonValue::Undefined);
        const QByteArray name = first.name.toUtf8();
        for (const RecordHeader& header : *m_fields.headers) {
            if (header.key != name)
                continue;
            if (!header.value)
                return operand.segments.size() == 1 ? QJsonValue(QJsonValue::Null) : QJsonValue(QJsonValue::Undefined);
            const QString text = QString::fromUtf8(*header.value);
            if (operand.segments.size() == 1)
                return QJsonValue(text);
            // headers.meta.a: a header holding JSON can be navigated like a value.
            return walk(parseJson(header.value->trimmed()), operand.segments, 1);
        }
        return QJsonValue(QJsonValue::Undefined);
    }

    // The key or value as a JSON value: parsed once per evaluation, only when a path needs it.
    static QJsonValue payloadValue(const DecodedPayload* payload, bool navigated, QJsonValue* cache, bool* parsed)
    {
        if (!payload)
            return QJsonValue(QJsonValue::Undefined);
        switch (payload->kind) {
        case DecodedPayload::Kind::Null:
            return QJsonValue(QJsonValue::Null);
        case DecodedPayload::Kind::Pending:
        case DecodedPayload::Kind::Error:
            return QJsonValue(QJsonValue::Undefined);
        case DecodedPayload::Kind::Text:
            if (!navigated)
                return QJsonValue(payload->text);
            if (!*parsed) {
                *cache = parseJson(payload->text.toUtf8());
                *parsed = true;
            }
            return *cache;
        case DecodedPayload::Kind::Json:
            if (!*parsed) {
                *cache = parseJson(payload->json);
                *parsed = true;
            }
            return *cache;
        }
        return QJsonValue(QJsonValue::Undefined);
    }

    static bool asInteger(const QJsonValue& v, qint64* out)
    {
        const qint64 a = v.toInteger(0);
        if (a != v.toInteger(1))
            return false; // not integral or out of range: the default came back
        *out = a;
        return true;
    }

    // -1, 0, 1; numbers must both be numbers.
    static int compareNumbers(const QJsonValue& a, const QJsonValue& b)
    {
        qint64 x = 0;
        qint64 y = 0;
        if (asInteger(a, &x) && asInteger(b, &y))
            return x < y ? -1 : (x > y ? 1 : 0);
        const double dx = a.toDouble();
        const double dy = b.toDouble();
        return dx < dy ? -1 : (dx > dy ? 1 : 0);
    }

    static bool equal(const QJsonValue& a, const QJsonValue& b)
    {
        if (a.type() != b.type())
            return false;
        if (a.isDouble())
            return compareNumbers(a, b) == 0;
        return a == b;
    }

    bool compare(const Node& node)
    {
        const QJsonValue left = resolve(node.left);
        if (left.isUndefined())
            return false;
        if (node.op == CompareOp::Matches)
            return left.isString() && node.regex.match(left.toString()).hasMatch();
        const QJsonValue right = resolve(node.right);
        if (right.isUndefined())
            return false;
        if (node.op == CompareOp::Contains) {
            if (left.isString())
                return right.isString() && left.toString().contains(right.toString());
            if (left.isArray()) {
                const QJsonArray array = left.toArray();
                for (const QJsonValue& element : array) {
                    if (equal(element, right))
                        return true;
                }
                return false;
            }
            if (left.isObject())
                return right.isString() && left.toObject().contains(right.toString());
            return false;
        }
        if (left.type() != right.type())
            return false;
        int order = 0;
        const bool ordered = left.isDouble() || left.isString();
        if (left.isDouble())
            order = compareNumbers(left, right);
        else if (left.isString())
            order = left.toString().compare(right.toString());
        switch (node.op) {
        case CompareOp::Equal:
            return equal(left, right);
        case CompareOp::NotEqual:
            return !equal(left, right);
        case CompareOp::Less:
            return ordered && order < 0;
        case CompareOp::LessEqual:
            return ordered && order <= 0;
        case CompareOp::Greater:
            return ordered && order > 0;
        case CompareOp::GreaterEqual:
            return ordered && order >= 0;
        case CompareOp::Contains:
        case CompareOp::Matches:
            break;
        }
        return false;
    }

    const MessageFields& m_fields;
    QJsonValue m_key;
    QJsonValue m_value;
    bool m_keyParsed = false;
    bool m_valueParsed = false;
};

} // namespace

FieldExpression::FieldExpression()
    : d(std::make_unique<Private>())
{
}

FieldExpression::~FieldExpression() = default;

std::shared_ptr<const FieldExpression> FieldExpression::parse(const QString& text, FieldExpressionError* error)
{
    FieldExpressionError localError;
    FieldExpressionError* err = error ? error : &localError;
    *err = {};
    ParseResult parsed = FieldExpressionSyntax::parse(text, err);
    if (!parsed.root)
        return nullptr;
    std::shared_ptr<FieldExpression> expression(new FieldExpression);
    expression->d->text = text;
    expression->d->root = std::move(parsed.root);
    expression->d->usesKey = parsed.usesKey;
    expression->d->usesValue = parsed.usesValue;
    expression->d->usesHeaders = parsed.usesHeaders;
    expression->d->usesSize = parsed.usesSize;
    return expression;
}

bool FieldExpression::evaluate(const MessageFields& fields) const
{
    Evaluator evaluator(fields);
    return evaluator.evaluate(*d->root);
}

bool FieldExpression::usesKey() const
{
    return d->usesKey;
}

bool FieldExpression::usesValue() const
{
    return d->usesValue;
}

bool FieldExpression::usesHeaders() const
{
    return d->usesHeaders;
}

bool FieldExpression::usesSize() const
{
    return d->usesSize;
}

QString FieldExpression::text() const
{
    return d->text;
}

} // namespace Samsa
