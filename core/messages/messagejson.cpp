#include "messagejson.h"

namespace Samsa {

namespace {

void appendLatin1(QByteArray& out, const char* text)
{
    out.append(text);
}

void appendNumber(QByteArray& out, qint64 number)
{
    out.append(QByteArray::number(number));
}

// A side that could not be decoded (or whose schema never came) is reported, not dropped.
bool isFailure(const DecodedPayload& payload)
{
    return payload.kind == DecodedPayload::Kind::Error || payload.kind == DecodedPayload::Kind::Pending;
}

QString failureReason(const DecodedPayload& payload)
{
    if (payload.kind == DecodedPayload::Kind::Pending)
        return payload.schemaId >= 0 ? QStringLiteral("schema %1 not available from the registry").arg(payload.schemaId)
                                     : QStringLiteral("schema not available");
    return payload.error.isEmpty() ? QStringLiteral("could not be decoded") : payload.error;
}

void appendPayload(QByteArray& out, const DecodedPayload& payload)
{
    switch (payload.kind) {
    case DecodedPayload::Kind::Text:
        appendJsonString(out, payload.text);
        return;
    case DecodedPayload::Kind::Json:
        // The decoder's compact JSON is embedded as is: re-encoding would round numbers through double.
        if (payload.json.trimmed().isEmpty())
            appendLatin1(out, "null");
        else
            out.append(payload.json);
        return;
    case DecodedPayload::Kind::Null:
    case DecodedPayload::Kind::Pending:
    case DecodedPayload::Kind::Error:
        appendLatin1(out, "null");
        return;
    }
}

// Bytes of unknown content: a string when they are UTF-8, else the replaced text plus base64.
void appendBytesField(QByteArray& out, const char* name, const QByteArray& bytes)
{
    out.append('"').append(name).append("\":");
    if (bytes.isValidUtf8()) {
        appendJsonString(out, QString::fromUtf8(bytes));
        return;
    }
    appendJsonString(out, QString::fromUtf8(bytes));
    out.append(",\"").append(name).append("Base64\":\"").append(bytes.toBase64()).append('"');
}

void appendHeaders(QByteArray& out, const QList<RecordHeader>& headers)
{
    out.append('[');
    bool first = true;
    for (const RecordHeader& header : headers) {
        if (!first)
            out.append(',');
        first = false;
        out.append('{');
        appendBytesField(out, "key", header.key);
        out.append(',');
        if (header.value)
            appendBytesField(out, "value", *header.value);
        else
            appendLatin1(out, "\"value\":null");
        out.append('}');
    }
    out.append(']');
}

} // namespace

void appendJsonString(QByteArray& out, QStringView text)
{
    static const char hexDigits[] = "0123456789abcdef";
    const QByteArray utf8 = text.toUtf8();
    out.reserve(out.size() + utf8.size() + 2);
    out.append('"');
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        switch (byte) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        case '\b':
            out.append("\\b");
            break;
        case '\f':
            out.append("\\f");
            break;
        default:
            if (byte < 0x20) {
                out.append("\\u00");
                out.append(hexDigits[byte >> 4]);
                out.append(hexDigits[byte & 0xf]);
            } else {
                out.append(c);
            }
        }
    }
    out.append('"');
}

QByteArray headersToJson(const QList<RecordHeader>& headers)
{
    QByteArray out;
    appendHeaders(out, headers);
    return out;
}

QByteArray indentJson(QByteArrayView json)
{
    QByteArray out;
    out.reserve(json.size() * 2);
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    auto newline = [&out](int level) {
        out.append('\n');
        out.append(QByteArray(qMax(0, level) * 2, ' '));
    };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        if (inString) {
            out.append(c);
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            out.append(c);
            break;
        case '{':
        case '[': {
            out.append(c);
            // Keep empty containers on one line: {} and [].
            qsizetype next = i + 1;
            while (next < json.size() && (json.at(next) == ' ' || json.at(next) == '\n' || json.at(next) == '\t' || json.at(next) == '\r'))
                ++next;
            if (next < json.size() && (json.at(next) == '}' || json.at(next) == ']')) {
                out.append(json.at(next));
                i = next;
                break;
            }
            ++depth;
            newline(depth);
            break;
        }
        case '}':
        case ']':
            --depth;
            newline(depth);
            out.append(c);
            break;
        case ',':
            out.append(c);
            newline(depth);
            break;
        case ':':
            out.append(": ");
            break;
        case ' ':
        case '\n':
        case '\r':
        case '\t':
            break; // whitespace outside strings is re-made
        default:
            out.append(c);
        }
    }
    return out;
}

QByteArray messageToJson(const QString& topic, const KafkaRecord& record, const DecodedPayload& key,
    const DecodedPayload& value, bool pretty)
{
    QByteArray out;
    out.reserve(128 + (record.key ? record.key->size() : 0) + (record.value ? record.value->size() : 0) * 2);
    out.append('{');
    if (!topic.isEmpty()) {
        appendLatin1(out, "\"topic\":");
        appendJsonString(out, topic);
        out.append(',');
    }
    appendLatin1(out, "\"partition\":");
    appendNumber(out, record.partition);
    appendLatin1(out, ",\"offset\":");
    appendNumber(out, record.offset);
    appendLatin1(out, ",\"timestamp\":");
    appendNumber(out, record.timestampMs);
    appendLatin1(out, ",\"timestampType\":");
    appendJsonString(out, timestampTypeName(record.timestampType));
    appendLatin1(out, ",\"key\":");
    appendPayload(out, key);
    appendLatin1(out, ",\"value\":");
    appendPayload(out, value);
    appendLatin1(out, ",\"headers\":");
    appendHeaders(out, record.headers);

    QStringList errors;
    if (isFailure(key)) {
        errors.append(QStringLiteral("key: ") + failureReason(key));
        appendLatin1(out, ",\"keyBase64\":\"");
        out.append(record.key.value_or(QByteArray()).toBase64()).append('"');
    }
    if (isFailure(value)) {
        errors.append(QStringLiteral("value: ") + failureReason(value));
        appendLatin1(out, ",\"valueBase64\":\"");
        out.append(record.value.value_or(QByteArray()).toBase64()).append('"');
    }
    if (!errors.isEmpty()) {
        appendLatin1(out, ",\"error\":");
        appendJsonString(out, errors.join(QStringLiteral("; ")));
    }
    out.append('}');
    return pretty ? indentJson(out) : out;
}

} // namespace Samsa
