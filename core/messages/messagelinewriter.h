#pragma once

// Appends messages as JSON lines in exactly the form of messageToJson (messagejson.h), but without
// building a string per message: samsactl consume writes a million lines a second through it.
// Keys and values in the formats string (valid UTF-8), hex and base64, null sides and valid UTF-8
// headers are escaped straight into the output buffer; every other case (JSON, Avro, decode
// errors, invalid UTF-8) goes through PayloadDecoder and, where a line reports an error, through
// messageToJson itself, so both always agree (tst_messagelinewriter compares them).

#include "decoding/payloaddecoder.h"
#include "kafkarecord.h"

#include <QByteArray>
#include <QString>

namespace Samsa {

class MessageLineWriter {
public:
    MessageLineWriter(const QString& topic, const PayloadDecoder* decoder, const DecodeOptions& keyOptions,
        const DecodeOptions& valueOptions);

    enum class Outcome {
        Written, // the line and its '\n' were appended
        WrittenWithError, // appended, with an "error" field: a side could not be decoded
        Pending, // nothing appended: a side waits for Avro schema *pendingSchemaId (only when allowed)
    };
    // allowPending false: a side still waiting for its schema is written as an error instead.
    Outcome append(QByteArray& out, const KafkaRecord& record, bool allowPending, int* pendingSchemaId = nullptr) const;

    // `utf8` (valid UTF-8) as a JSON string literal, escaped as appendJsonString escapes.
    static void appendUtf8String(QByteArray& out, QByteArrayView utf8);

private:
    // Appends the side's JSON when it can be written without decoding; false otherwise.
    bool appendDirect(QByteArray& out, const std::optional<QByteArray>& bytes, const DecodeOptions& options) const;
    DecodedPayload decode(const std::optional<QByteArray>& bytes, const DecodeOptions& options) const;

    QString m_topic;
    QByteArray m_prefix; // {"topic":"...","partition":
    const PayloadDecoder* m_decoder;
    DecodeOptions m_keyOptions;
    DecodeOptions m_valueOptions;
};

} // namespace Samsa
