#include "producelineencoder.h"

#include "avroschema/json.h"
#include "decoding/avroframing.h"
#include "decoding/avrojsonencoder.h"
#include "decoding/utf8.h"
#include "produce/producepayload.h"

namespace Samsa::Ctl {

using samsa::Json;

namespace {

QByteArray toBytes(const std::string& text) { return QByteArray(text.data(), qsizetype(text.size())); }

QString toText(const std::string& text) { return QString::fromUtf8(text.data(), qsizetype(text.size())); }

std::optional<Json> parse(QByteArrayView text, QString* error)
{
    std::string parseError;
    std::optional<Json> json = samsa::parseJson(std::string_view(text.data(), size_t(text.size())), &parseError);
    if (!json)
        *error = QStringLiteral("invalid JSON: %1").arg(toText(parseError));
    return json;
}

// A key or header value given as JSON: a string is its UTF-8, anything else its compact JSON.
QByteArray bytesOf(const Json& value) { return value.isString() ? toBytes(value.string()) : toBytes(value.dump()); }

bool readHeaders(const Json& headers, QList<RecordHeader>* out, QString* error)
{
    const auto headerValue = [error](const Json& value, const QString& name, RecordHeader* header) {
        if (value.isNull())
            return true;
        if (!value.isString()) {
            *error = QStringLiteral("header '%1': the value must be a string or null").arg(name);
            return false;
        }
        header->value = toBytes(value.string());
        return true;
    };
    if (headers.isNull())
        return true;
    if (headers.isObject()) {
        for (const auto& [name, value] : headers.members()) {
            RecordHeader header { toBytes(name), std::nullopt };
            if (!headerValue(value, toText(name), &header))
                return false;
            out->append(header);
        }
        return true;
    }
    if (!headers.isArray()) {
        *error = QStringLiteral("\"headers\" must be an array of {\"key\", \"value\"} or an object");
        return false;
    }
    for (const Json& item : headers.items()) {
        const Json* key = item.isObject() ? item.find("key") : nullptr;
        if (!key || !key->isString()) {
            *error = QStringLiteral("each header needs a string \"key\"");
            return false;
        }
        RecordHeader header { toBytes(key->string()), std::nullopt };
        const Json* value = item.find("value");
        if (value && !headerValue(*value, toText(key->string()), &header))
            return false;
        out->append(header);
    }
    return true;
}

} // namespace

ProduceLineEncoder::ProduceLineEncoder(
    const QString& topic, const ProduceOptions& options, std::shared_ptr<const AvroJsonEncoder> avro, int schemaId)
    : m_topic(topic)
    , m_options(options)
    , m_avro(std::move(avro))
    , m_schemaId(schemaId)
{
}

std::optional<ProduceRecord> ProduceLineEncoder::encode(QByteArrayView line, QString* error) const
{
    ProduceRecord record;
    record.topic = m_topic;
    record.partition = m_options.partition;
    const bool structured = m_options.envelope || m_options.valueFormat == MessageFormat::Json
        || m_options.valueFormat == MessageFormat::AvroRegistry;
    std::optional<Json> parsed;
    if (structured) {
        parsed = parse(line, error);
        if (!parsed)
            return std::nullopt;
    }
    if (m_options.envelope) {
        if (!readEnvelope(*parsed, &record, error))
            return std::nullopt;
        if (m_options.partition >= 0)
            record.partition = m_options.partition;
        return record;
    }
    if (!encodeValue(parsed ? &*parsed : nullptr, line, &record.value, error))
        return std::nullopt;
    if (!m_options.keyField.isEmpty() && !keyFromField(&*parsed, &record.key, error))
        return std::nullopt;
    return record;
}

bool ProduceLineEncoder::readEnvelope(const Json& envelope, ProduceRecord* record, QString* error) const
{
    if (!envelope.isObject()) {
        *error = QStringLiteral("with --envelope each line must be an object with a \"value\"");
        return false;
    }
    const Json* value = envelope.find("value");
    if (!value) {
        *error = QStringLiteral("the line has no \"value\" (null sends a tombstone)");
        return false;
    }
    if (!value->isNull() && !encodeValue(value, {}, &record->value, error))
        return false;
    if (!m_options.keyField.isEmpty()) {
        if (!keyFromField(value, &record->key, error))
            return false;
    } else if (const Json* key = envelope.find("key"); key && !key->isNull()) {
        record->key = bytesOf(*key);
    }
    if (const Json* headers = envelope.find("headers"); headers && !readHeaders(*headers, &record->headers, error))
        return false;
    if (const Json* partition = envelope.find("partition"); partition && !partition->isNull()) {
        if (!partition->isInteger() || partition->integer() < 0 || partition->integer() > 1000000) {
            *error = QStringLiteral("\"partition\" must be a partition number");
            return false;
        }
        record->partition = int(partition->integer());
    }
    if (const Json* timestamp = envelope.find("timestamp"); timestamp && !timestamp->isNull()) {
        if (!timestamp->isInteger() || timestamp->integer() < 0) {
            *error = QStringLiteral("\"timestamp\" must be milliseconds since 1970");
            return false;
        }
        record->timestampMs = timestamp->integer();
    }
    return true;
}

bool ProduceLineEncoder::encodeValue(
    const Json* value, QByteArrayView rawLine, std::optional<QByteArray>* out, QString* error) const
{
    switch (m_options.valueFormat) {
    case MessageFormat::AvroRegistry: {
        const AvroJsonEncoder::Result result = m_avro->encode(*value);
        if (!result.ok) {
            *error = result.error;
            return false;
        }
        *out = AvroFraming::confluent(quint32(m_schemaId), result.datum);
        return true;
    }
    case MessageFormat::Json:
        // The line as written (it parsed), so numbers keep every digit; an envelope's value is re-written.
        *out = value && rawLine.isNull() ? toBytes(value->dump()) : rawLine.trimmed().toByteArray();
        return true;
    case MessageFormat::Hex:
    case MessageFormat::String: {
        QByteArray text;
        if (value) {
            if (!value->isString()) {
                *error = QStringLiteral("the value must be a JSON string for --value-format %1")
                             .arg(messageFormatName(m_options.valueFormat));
                return false;
            }
            text = toBytes(value->string());
        } else {
            text = rawLine.toByteArray();
        }
        if (Utf8::firstInvalid(text) >= 0) {
            *error = QStringLiteral("invalid UTF-8 at byte %1").arg(Utf8::firstInvalid(text));
            return false;
        }
        if (m_options.valueFormat == MessageFormat::String) {
            *out = text;
            return true;
        }
        const PayloadResult hex = encodeHexPayload(QString::fromUtf8(text));
        if (!hex.ok()) {
            *error = hex.error;
            return false;
        }
        *out = hex.bytes;
        return true;
    }
    default:
        *error = QStringLiteral("cannot produce in the format %1").arg(messageFormatName(m_options.valueFormat));
        return false;
    }
}

bool ProduceLineEncoder::keyFromField(const Json* value, std::optional<QByteArray>* key, QString* error) const
{
    const std::string name = m_options.keyField.toStdString();
    const Json* field = value && value->isObject() ? value->find(name) : nullptr;
    if (!field) {
        *error = QStringLiteral("the value has no field '%1' for the key").arg(m_options.keyField);
        return false;
    }
    if (!field->isNull())
        *key = bytesOf(*field);
    return true;
}

} // namespace Samsa::Ctl
