#include "messagelinewriter.h"

#include "decoding/utf8.h"
#include "messagejson.h"

#include <array>
#include <charconv>

namespace Samsa {

namespace {

void appendNumber(QByteArray& out, qint64 number)
{
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, number);
    out.append(digits, result.ptr - digits);
}

const char* timestampTypeJson(TimestampType type)
{
    switch (type) {
    case TimestampType::CreateTime:
        return "\"CreateTime\"";
    case TimestampType::LogAppendTime:
        return "\"LogAppendTime\"";
    case TimestampType::NotAvailable:
        break;
    }
    return "\"NotAvailable\"";
}

bool isValidUtf8(QByteArrayView bytes) { return Utf8::firstInvalid(bytes) < 0; }

bool headersAreText(const QList<RecordHeader>& headers)
{
    for (const RecordHeader& header : headers) {
        if (!isValidUtf8(header.key) || (header.value && !isValidUtf8(*header.value)))
            return false;
    }
    return true;
}

bool isFailure(const DecodedPayload& payload)
{
    return payload.kind == DecodedPayload::Kind::Error || payload.kind == DecodedPayload::Kind::Pending;
}

} // namespace

MessageLineWriter::MessageLineWriter(const QString& topic, const PayloadDecoder* decoder,
    const DecodeOptions& keyOptions, const DecodeOptions& valueOptions)
    : m_topic(topic)
    , m_decoder(decoder)
    , m_keyOptions(keyOptions)
    , m_valueOptions(valueOptions)
{
    m_prefix.append('{');
    if (!topic.isEmpty()) {
        m_prefix.append("\"topic\":");
        appendJsonString(m_prefix, topic);
        m_prefix.append(',');
    }
    m_prefix.append("\"partition\":");
}

void MessageLineWriter::appendUtf8String(QByteArray& out, QByteArrayView utf8)
{
    static const char hexDigits[] = "0123456789abcdef";
    out.append('"');
    const char* data = utf8.data();
    const qsizetype size = utf8.size();
    qsizetype clean = 0; // start of the run of bytes that need no escaping
    // Most bytes need no escape: one table lookup each, and runs are copied whole.
    static constexpr auto needsEscape = [] {
        std::array<bool, 256> table {};
        for (int byte = 0; byte < 0x20; ++byte)
            table[size_t(byte)] = true;
        table['"'] = true;
        table['\\'] = true;
        return table;
    }();
    for (qsizetype i = 0; i < size; ++i) {
        const auto byte = static_cast<unsigned char>(data[i]);
        if (!needsEscape[byte])
            continue;
        out.append(data + clean, i - clean);
        clean = i + 1;
        switch (byte) {
        case '"':
            out.append("\\\"", 2);
            break;
        case '\\':
            out.append("\\\\", 2);
            break;
        case '\n':
            out.append("\\n", 2);
            break;
        case '\r':
            out.append("\\r", 2);
            break;
        case '\t':
            out.append("\\t", 2);
            break;
        case '\b':
            out.append("\\b", 2);
            break;
        case '\f':
            out.append("\\f", 2);
            break;
        default: {
            const char escape[6] = { '\\', 'u', '0', '0', hexDigits[byte >> 4], hexDigits[byte & 0xf] };
            out.append(escape, 6);
        }
        }
    }
    out.append(data + clean, size - clean);
    out.append('"');
}

bool MessageLineWriter::appendDirect(
    QByteArray& out, const std::optional<QByteArray>& bytes, const DecodeOptions& options) const
{
    if (!bytes) {
        out.append("null", 4);
        return true;
    }
    switch (options.format) {
    case MessageFormat::String:
        if (!isValidUtf8(*bytes))
            return false; // the decoder's replacement characters and note
        appendUtf8String(out, *bytes);
        return true;
    case MessageFormat::Hex:
        out.append('"').append(bytes->toHex()).append('"');
        return true;
    case MessageFormat::Base64:
        out.append('"').append(bytes->toBase64()).append('"');
        return true;
    default:
        return false;
    }
}

DecodedPayload MessageLineWriter::decode(const std::optional<QByteArray>& bytes, const DecodeOptions& options) const
{
    return m_decoder->decode(bytes ? QByteArrayView(*bytes) : QByteArrayView(), !bytes, options);
}

MessageLineWriter::Outcome MessageLineWriter::append(
    QByteArray& out, const KafkaRecord& record, bool allowPending, int* pendingSchemaId) const
{
    const qsizetype start = out.size();
    out.append(m_prefix);
    appendNumber(out, record.partition);
    out.append(",\"offset\":", 10);
    appendNumber(out, record.offset);
    out.append(",\"timestamp\":", 13);
    appendNumber(out, record.timestampMs);
    out.append(",\"timestampType\":", 17);
    out.append(timestampTypeJson(record.timestampType));

    // Each side: straight into the buffer when possible, else decoded.
    std::optional<DecodedPayload> decoded[2];
    const std::optional<QByteArray>* sides[2] = { &record.key, &record.value };
    const DecodeOptions* options[2] = { &m_keyOptions, &m_valueOptions };
    const char* names[2] = { ",\"key\":", ",\"value\":" };
    bool failed = false;
    for (int side = 0; side < 2; ++side) {
        out.append(names[side]);
        if (appendDirect(out, *sides[side], *options[side]))
            continue;
        const DecodedPayload& payload = decoded[side].emplace(decode(*sides[side], *options[side]));
        if (payload.kind == DecodedPayload::Kind::Pending && allowPending) {
            out.truncate(start);
            if (pendingSchemaId)
                *pendingSchemaId = payload.schemaId;
            return Outcome::Pending;
        }
        if (isFailure(payload))
            failed = true;
        else if (payload.kind == DecodedPayload::Kind::Text)
            appendJsonString(out, payload.text);
        else if (payload.kind == DecodedPayload::Kind::Json && !payload.json.trimmed().isEmpty())
            out.append(payload.json);
        else
            out.append("null", 4);
    }
    if (failed || !headersAreText(record.headers)) {
        // Rare: the line names an error and carries raw bytes, or a header needs its base64 form.
        // messageToJson writes it, so there is one definition of those lines.
        out.truncate(start);
        for (int side = 0; side < 2; ++side) {
            if (!decoded[side])
                decoded[side] = decode(*sides[side], *options[side]);
        }
        out.append(messageToJson(m_topic, record, *decoded[0], *decoded[1]));
        out.append('\n');
        return failed ? Outcome::WrittenWithError : Outcome::Written;
    }
    out.append(",\"headers\":[", 12);
    bool first = true;
    for (const RecordHeader& header : record.headers) {
        out.append(first ? "{\"key\":" : ",{\"key\":");
        first = false;
        appendUtf8String(out, header.key);
        out.append(",\"value\":", 9);
        if (header.value)
            appendUtf8String(out, *header.value);
        else
            out.append("null", 4);
        out.append('}');
    }
    out.append("]}\n", 3);
    return Outcome::Written;
}

} // namespace Samsa
