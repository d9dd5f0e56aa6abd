#pragma once

// Decodes keys and values in a chosen MessageFormat. decode() is thread-safe and never blocks on
// the network: when an Avro schema is not known yet, it returns Kind::Pending and asks the
// SchemaCache to fetch it; when the schema arrives (or its fetch fails) schemaArrived() is emitted
// and the caller decodes the affected rows again.
//
// Used by the browser's model (visible rows only), the filter and export workers, and samsactl.

#include "decodedpayload.h"
#include "messageformat.h"

#include <QObject>
#include <memory>

namespace Samsa {

class SchemaCache;

struct DecodeOptions {
    MessageFormat format = MessageFormat::Auto;
    // Render Avro logical types readably (decimal as exact text, timestamps as ISO-8601, ...).
    // false keeps Avro's own JSON encoding of the underlying type (as Avro's JSON encoder does).
    bool readableLogicalTypes = true;
    QString avroSchemaFile; // for AvroFile and AvroSingleObject without a registry
    bool prettyJson = false; // `json` indented (for the detail pane)
};

class PayloadDecoder : public QObject {
    Q_OBJECT
public:
    // cache may be null: no registry, Avro via registry then reports "no Schema Registry configured".
    explicit PayloadDecoder(std::shared_ptr<SchemaCache> cache, QObject* parent = nullptr);
    ~PayloadDecoder() override;

    DecodedPayload decode(QByteArrayView bytes, bool isNull, const DecodeOptions& options) const;

    // Schema files are read once per path and kept; call this after the user edited one.
    void forgetSchemaFiles();
    std::shared_ptr<SchemaCache> schemaCache() const;

Q_SIGNALS:
    void schemaArrived(int schemaId);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Samsa
