#pragma once

// How a key or a value is turned into something to show. Chosen per topic (key and value apart)
// and remembered in SQLite (TopicFormatStore).

#include <QList>
#include <QString>

namespace Samsa {

enum class MessageFormat {
    Auto, // Confluent-framed Avro (when a registry knows the id), JSON, UTF-8 text, else hex
    String, // UTF-8 text (invalid sequences shown as U+FFFD and reported)
    Json,
    AvroRegistry, // Confluent framing: byte 0, 4-byte big-endian schema id, Avro binary datum
    AvroFile, // raw Avro binary datum of a local .avsc schema
    AvroSingleObject, // C3 01, 8-byte little-endian CRC-64-AVRO fingerprint, datum
    Hex,
    Base64,
    Int32, // big-endian, keys mostly
    Int64,
    Double,
};

// Stable lower-case names used in SQLite, samsactl (--value-format) and the UI:
// auto, string, json, avro, avro-file, avro-single-object, hex, base64, int32, int64, double.
QString messageFormatName(MessageFormat format);
bool parseMessageFormat(const QString& name, MessageFormat* format);
QString messageFormatTitle(MessageFormat format); // for combo boxes: "Auto", "Avro (Schema Registry)", ...
QList<MessageFormat> allMessageFormats();

} // namespace Samsa
