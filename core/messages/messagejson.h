#pragma once

// The JSON form of one message, shared by export (JSON Lines), "Copy as JSON" and `samsactl consume`,
// so a message looks the same wherever it leaves Samsa:
//
//   {"topic":"orders","partition":0,"offset":42,"timestamp":1700000000000,"timestampType":"CreateTime",
//    "key":"customer-7","value":{"id":1,"amount":12.5},"headers":[{"key":"trace","value":"abc"}]}
//
// - key / value: decoded. JSON (and every Avro format) is embedded as JSON, text as a string, a null
//   key or value as null. Integers are copied from the decoder's text, so Avro longs stay exact.
// - headers: an array of {"key", "value"} in record order (Kafka allows repeated names, an object
//   could not hold them). A header value is a string when it is valid UTF-8, null when null;
//   otherwise "value" holds the text with U+FFFD and "valueBase64" the exact bytes.
// - error: present only when the key or the value could not be decoded, e.g.
//   "value: unknown schema id 42"; that side is then null and "keyBase64" / "valueBase64" carries
//   the raw bytes, so nothing is lost.
// - topic is left out when empty (the model does not know its topic; the page passes it).

#include "decoding/decodedpayload.h"
#include "kafkarecord.h"

#include <QByteArray>
#include <QString>

namespace Samsa {

// Compact, one line (no trailing newline), or indented with two spaces when pretty.
QByteArray messageToJson(const QString& topic, const KafkaRecord& record, const DecodedPayload& key,
    const DecodedPayload& value, bool pretty = false);

// The headers as messageToJson writes them (a JSON array), for CSV export.
QByteArray headersToJson(const QList<RecordHeader>& headers);

// Appends `text` as a JSON string literal (quotes included) to `out`.
void appendJsonString(QByteArray& out, QStringView text);

// Re-indents valid compact JSON text with two spaces per level without parsing numbers, so
// integers of any size stay exactly as written. Input that is not JSON comes out unchanged in meaning.
QByteArray indentJson(QByteArrayView json);

} // namespace Samsa
