#pragma once

// samsactl produce: one line of standard input into one record to send. A line is the value in
// the chosen format, or with --envelope an object {"key", "value", "headers", "partition",
// "timestamp"} as consume prints it. Avro values are checked against the schema and encoded with
// the Confluent framing; nothing is sent for a line that fails, and the error says why.

#include "ctloptions.h"
#include "messages/producerecord.h"

#include <QByteArrayView>
#include <QString>
#include <memory>
#include <optional>

namespace samsa {
class Json;
}

namespace Samsa {
class AvroJsonEncoder;
}

namespace Samsa::Ctl {

class ProduceLineEncoder {
public:
    // avro and schemaId only for --value-format avro.
    ProduceLineEncoder(const QString& topic, const ProduceOptions& options,
        std::shared_ptr<const AvroJsonEncoder> avro = nullptr, int schemaId = -1);

    // The record for one line (without its line break); nullopt with *error when it cannot be sent.
    std::optional<ProduceRecord> encode(QByteArrayView line, QString* error) const;

private:
    bool encodeValue(const samsa::Json* value, QByteArrayView rawLine, std::optional<QByteArray>* out,
        QString* error) const;
    bool keyFromField(const samsa::Json* value, std::optional<QByteArray>* key, QString* error) const;
    bool readEnvelope(const samsa::Json& envelope, ProduceRecord* record, QString* error) const;

    QString m_topic;
    ProduceOptions m_options;
    std::shared_ptr<const AvroJsonEncoder> m_avro;
    int m_schemaId = -1;
};

} // namespace Samsa::Ctl
