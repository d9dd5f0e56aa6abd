#include "payloaddecoder.h"

#include "avrodatumdecoder.h"
#include "jsontext.h"
#include "registry/schemacache.h"
#include "utf8.h"

#include <QFile>
#include <QHash>
#include <QLocale>
#include <QMutex>
#include <QtEndian>

#include <cmath>
#include <cstring>

namespace Samsa {

namespace {

constexpr int ConfluentHeaderSize = 5; // magic byte 0, 4-byte big-endian schema id
constexpr int SingleObjectHeaderSize = 10; // C3 01, 8-byte little-endian fingerprint
constexpr qint64 MaxSchemaFileSize = 16 * 1024 * 1024;
// Auto stops asking the registry about new ids once it has denied this many: binary data that
// merely starts with a zero byte would otherwise send a request per distinct "id".
constexpr int AutoUnknownIdLimit = 32;

DecodedPayload textPayload(const char* formatName, QString text)
{
    DecodedPayload payload;
    payload.kind = DecodedPayload::Kind::Text;
    payload.formatName = QString::fromLatin1(formatName);
    payload.text = std::move(text);
    return payload;
}

DecodedPayload errorPayload(const char* formatName, QString error)
{
    DecodedPayload payload;
    payload.kind = DecodedPayload::Kind::Error;
    payload.formatName = QString::fromLatin1(formatName);
    payload.error = std::move(error);
    return payload;
}

QString hexByte(quint8 byte)
{
    return QStringLiteral("0x%1").arg(byte, 2, 16, QLatin1Char('0'));
}

QString fingerprintText(quint64 fingerprint)
{
    return QStringLiteral("0x%1").arg(fingerprint, 16, 16, QLatin1Char('0'));
}

// The Avro decoder counts bytes from the start of the datum; the hex dump beside the error shows
// the whole payload, so positions are moved past the framing header.
QString shiftBytePosition(const QString& error, int headerSize)
{
    static const QLatin1String marker("at byte ");
    const qsizetype at = error.indexOf(marker);
    if (headerSize == 0 || at < 0)
        return error;
    const qsizetype digits = at + marker.size();
    qsizetype end = digits;
    while (end < error.size() && error.at(end).isDigit())
        ++end;
    bool ok = false;
    const qint64 position = QStringView(error).mid(digits, end - digits).toLongLong(&ok);
    if (!ok)
        return error;
    return error.left(digits) + QString::number(position + headerSize) + error.mid(end);
}

DecodedPayload decodeString(QByteArrayView bytes)
{
    DecodedPayload payload = textPayload("string", QString::fromUtf8(bytes));
    const qsizetype invalid = Utf8::firstInvalid(bytes);
    if (invalid >= 0)
        payload.note = QStringLiteral("invalid UTF-8 at byte %1; invalid sequences are shown as U+FFFD").arg(invalid);
    return payload;
}

DecodedPayload decodeJson(QByteArrayView bytes, bool pretty)
{
    JsonText::Result result = JsonText::normalize(bytes, pretty);
    if (!result.ok)
        return errorPayload("json", QStringLiteral("invalid JSON: %1").arg(result.error));
    DecodedPayload payload;
    payload.kind = DecodedPayload::Kind::Json;
    payload.formatName = QStringLiteral("json");
    payload.json = std::move(result.json);
    return payload;
}

DecodedPayload decodeHex(QByteArrayView bytes)
{
    return textPayload("hex", QString::fromLatin1(QByteArray::fromRawData(bytes.data(), bytes.size()).toHex()));
}

DecodedPayload decodeBase64(QByteArrayView bytes)
{
    return textPayload("base64", QString::fromLatin1(QByteArray::fromRawData(bytes.data(), bytes.size()).toBase64()));
}

DecodedPayload decodeNumber(QByteArrayView bytes, MessageFormat format)
{
    const char* name = format == MessageFormat::Int32 ? "int32" : format == MessageFormat::Int64 ? "int64" : "double";
    const qsizetype expected = format == MessageFormat::Int32 ? 4 : 8;
    if (bytes.size() != expected)
        return errorPayload(name, QStringLiteral("expected %1 bytes, got %2").arg(expected).arg(bytes.size()));
    if (format == MessageFormat::Int32)
        return textPayload(name, QString::number(qFromBigEndian<qint32>(bytes.data())));
    if (format == MessageFormat::Int64)
        return textPayload(name, QString::number(qFromBigEndian<qint64>(bytes.data())));
    const quint64 bits = qFromBigEndian<quint64>(bytes.data());
    double value = 0;
    std::memcpy(&value, &bits, sizeof value);
    if (std::isnan(value))
        return textPayload(name, QStringLiteral("NaN"));
    if (std::isinf(value))
        return textPayload(name, value > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity"));
    return textPayload(name, QString::number(value, 'g', QLocale::FloatingPointShortest));
}

// Decodes the datum after a header of headerSize bytes into payload (already carrying the schema
// facts); the payload becomes Json or Error.
void decodeAvroDatum(const AvroDatumDecoder& decoder, QByteArrayView bytes, int headerSize,
    const DecodeOptions& options, DecodedPayload* payload)
{
    AvroDatumDecoder::Result result
        = decoder.decode(bytes.sliced(headerSize), options.readableLogicalTypes, options.prettyJson);
    if (!result.ok) {
        payload->kind = DecodedPayload::Kind::Error;
        payload->error = shiftBytePosition(result.error, headerSize);
        return;
    }
    payload->kind = DecodedPayload::Kind::Json;
    payload->json = std::move(result.json);
    payload->unionBranches = std::move(result.unionBranches);
}

void describeSchema(const CachedSchema& schema, DecodedPayload* payload)
{
    payload->schemaId = schema.id;
    payload->subject = schema.subject;
    payload->schemaVersion = schema.version;
    payload->writerSchema = schema.schemaJson;
}

} // namespace

struct PayloadDecoder::Private {
    struct SchemaFile {
        std::shared_ptr<const AvroDatumDecoder> decoder;
        QByteArray schemaJson;
        QString error;
    };

    std::shared_ptr<SchemaCache> cache;
    mutable QMutex filesMutex;
    mutable QHash<QString, SchemaFile> files;

    SchemaFile schemaFile(const QString& path) const;
    DecodedPayload decodeRegistry(QByteArrayView bytes, const DecodeOptions& options, bool automatic,
        QString* fallbackNote) const;
    DecodedPayload decodeFile(QByteArrayView bytes, const DecodeOptions& options) const;
    DecodedPayload decodeSingleObject(QByteArrayView bytes, const DecodeOptions& options) const;
    DecodedPayload decodeAuto(QByteArrayView bytes, const DecodeOptions& options) const;
};

PayloadDecoder::Private::SchemaFile PayloadDecoder::Private::schemaFile(const QString& path) const
{
    {
        QMutexLocker lock(&filesMutex);
        const auto found = files.constFind(path);
        if (found != files.constEnd())
            return *found;
    }
    // Read outside the lock: another thread decoding with a known file must not wait for the disk.
    SchemaFile loaded;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        loaded.error = QStringLiteral("cannot read the schema file %1: %2").arg(path, file.errorString());
    } else if (file.size() > MaxSchemaFileSize) {
        loaded.error = QStringLiteral("the schema file %1 is too large (%2 bytes)").arg(path).arg(file.size());
    } else {
        loaded.schemaJson = file.readAll();
        QString error;
        loaded.decoder = AvroDatumDecoder::create(loaded.schemaJson, &error);
        if (!loaded.decoder)
            loaded.error = QStringLiteral("the schema file %1 is not a valid Avro schema: %2").arg(path, error);
    }
    QMutexLocker lock(&filesMutex);
    return *files.insert(path, loaded);
}

DecodedPayload PayloadDecoder::Private::decodeRegistry(
    QByteArrayView bytes, const DecodeOptions& options, bool automatic, QString* fallbackNote) const
{
    if (bytes.isEmpty())
        return errorPayload("avro", QStringLiteral("not Confluent-framed: the payload is empty"));
    if (bytes.at(0) != 0)
        return errorPayload("avro", QStringLiteral("not Confluent-framed: magic byte %1").arg(hexByte(quint8(bytes.at(0)))));
    if (bytes.size() < ConfluentHeaderSize)
        return errorPayload("avro",
            QStringLiteral("not Confluent-framed: %1 bytes, the header alone needs 5").arg(bytes.size()));
    const qint32 id = qFromBigEndian<qint32>(bytes.data() + 1);
    if (!cache)
        return errorPayload("avro", QStringLiteral("schema id %1, but no Schema Registry is configured").arg(id));
    if (id < 0)
        return errorPayload("avro", QStringLiteral("unknown schema id %1").arg(id));

    std::optional<CachedSchema> schema;
    if (automatic && cache->unknownIdCount() >= AutoUnknownIdLimit) {
        schema = cache->peek(id);
        if (!schema) {
            *fallbackNote = QStringLiteral("starts like a Confluent frame (schema id %1), but the registry was not "
                                           "asked: it already denied %2 ids")
                                .arg(id)
                                .arg(AutoUnknownIdLimit);
            return {};
        }
    } else {
        schema = cache->lookup(id);
    }
    DecodedPayload payload;
    payload.formatName = QStringLiteral("avro");
    payload.schemaId = id;
    if (!schema) {
        payload.kind = DecodedPayload::Kind::Pending;
        return payload;
    }
    describeSchema(*schema, &payload);
    if (!schema->decoder) {
        if (automatic && schema->notFound) {
            *fallbackNote
                = QStringLiteral("starts like a Confluent frame, but the registry does not know schema id %1").arg(id);
            return {};
        }
        payload.kind = DecodedPayload::Kind::Error;
        payload.error = schema->error.isEmpty() ? QStringLiteral("schema %1 cannot be used").arg(id) : schema->error;
        return payload;
    }
    decodeAvroDatum(*schema->decoder, bytes, ConfluentHeaderSize, options, &payload);
    return payload;
}

DecodedPayload PayloadDecoder::Private::decodeFile(QByteArrayView bytes, const DecodeOptions& options) const
{
    if (options.avroSchemaFile.isEmpty())
        return errorPayload("avro-file", QStringLiteral("no Avro schema file chosen"));
    const SchemaFile file = schemaFile(options.avroSchemaFile);
    if (!file.decoder)
        return errorPayload("avro-file", file.error);
    DecodedPayload payload;
    payload.formatName = QStringLiteral("avro-file");
    payload.writerSchema = file.schemaJson;
    decodeAvroDatum(*file.decoder, bytes, 0, options, &payload);
    return payload;
}

DecodedPayload PayloadDecoder::Private::decodeSingleObject(QByteArrayView bytes, const DecodeOptions& options) const
{
    const char* name = "avro-single-object";
    if (bytes.size() < 2 || quint8(bytes.at(0)) != 0xC3 || quint8(bytes.at(1)) != 0x01) {
        return errorPayload(name,
            bytes.isEmpty() ? QStringLiteral("not single-object encoded: the payload is empty")
                            : QStringLiteral("not single-object encoded: the marker C3 01 is missing (first byte %1)")
                                  .arg(hexByte(quint8(bytes.at(0)))));
    }
    if (bytes.size() < SingleObjectHeaderSize)
        return errorPayload(
            name, QStringLiteral("not single-object encoded: %1 bytes, the header alone needs 10").arg(bytes.size()));
    const quint64 fingerprint = qFromLittleEndian<quint64>(bytes.data() + 2);
    DecodedPayload payload;
    payload.formatName = QString::fromLatin1(name);
    QString fileMismatch;
    if (!options.avroSchemaFile.isEmpty()) {
        const SchemaFile file = schemaFile(options.avroSchemaFile);
        if (file.decoder && file.decoder->fingerprint() == fingerprint) {
            payload.writerSchema = file.schemaJson;
            decodeAvroDatum(*file.decoder, bytes, SingleObjectHeaderSize, options, &payload);
            return payload;
        }
        fileMismatch = file.decoder ? QStringLiteral("; the schema file %1 has fingerprint %2")
                                          .arg(options.avroSchemaFile, fingerprintText(file.decoder->fingerprint()))
                                    : QStringLiteral("; ") + file.error;
    }
    if (cache) {
        if (const std::optional<CachedSchema> schema = cache->lookupFingerprint(fingerprint); schema && schema->decoder) {
            describeSchema(*schema, &payload);
            decodeAvroDatum(*schema->decoder, bytes, SingleObjectHeaderSize, options, &payload);
            return payload;
        }
    }
    return errorPayload(name, QStringLiteral("unknown schema fingerprint %1%2").arg(fingerprintText(fingerprint), fileMismatch));
}

DecodedPayload PayloadDecoder::Private::decodeAuto(QByteArrayView bytes, const DecodeOptions& options) const
{
    QString note;
    if (cache && bytes.size() >= ConfluentHeaderSize && bytes.at(0) == 0) {
        DecodedPayload avro = decodeRegistry(bytes, options, true, &note);
        if (note.isEmpty())
            return avro;
    }
    DecodedPayload payload;
    qsizetype first = 0;
    while (first < bytes.size() && (bytes.at(first) == ' ' || bytes.at(first) == '\t' || bytes.at(first) == '\n'
               || bytes.at(first) == '\r'))
        ++first;
    if (first < bytes.size() && (bytes.at(first) == '{' || bytes.at(first) == '[')) {
        JsonText::Result json = JsonText::normalize(bytes, options.prettyJson);
        if (json.ok) {
            payload.kind = DecodedPayload::Kind::Json;
            payload.formatName = QStringLiteral("json");
            payload.json = std::move(json.json);
        }
    }
    if (payload.kind == DecodedPayload::Kind::Null)
        payload = Utf8::looksLikeText(bytes) ? textPayload("string", QString::fromUtf8(bytes)) : decodeHex(bytes);
    payload.note = note;
    return payload;
}

PayloadDecoder::PayloadDecoder(std::shared_ptr<SchemaCache> cache, QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->cache = std::move(cache);
    if (d->cache)
        connect(d->cache.get(), &SchemaCache::schemaArrived, this, &PayloadDecoder::schemaArrived);
}

PayloadDecoder::~PayloadDecoder() = default;

DecodedPayload PayloadDecoder::decode(QByteArrayView bytes, bool isNull, const DecodeOptions& options) const
{
    if (isNull) {
        DecodedPayload payload;
        payload.formatName = messageFormatName(options.format);
        return payload;
    }
    switch (options.format) {
    case MessageFormat::Auto:
        return d->decodeAuto(bytes, options);
    case MessageFormat::String:
        return decodeString(bytes);
    case MessageFormat::Json:
        return decodeJson(bytes, options.prettyJson);
    case MessageFormat::AvroRegistry: {
        QString unused;
        return d->decodeRegistry(bytes, options, false, &unused);
    }
    case MessageFormat::AvroFile:
        return d->decodeFile(bytes, options);
    case MessageFormat::AvroSingleObject:
        return d->decodeSingleObject(bytes, options);
    case MessageFormat::Hex:
        return decodeHex(bytes);
    case MessageFormat::Base64:
        return decodeBase64(bytes);
    case MessageFormat::Int32:
    case MessageFormat::Int64:
    case MessageFormat::Double:
        return decodeNumber(bytes, options.format);
    }
    return errorPayload("auto", QStringLiteral("unknown format"));
}

void PayloadDecoder::forgetSchemaFiles()
{
    QMutexLocker lock(&d->filesMutex);
    d->files.clear();
}

std::shared_ptr<SchemaCache> PayloadDecoder::schemaCache() const
{
    return d->cache;
}

} // namespace Samsa
