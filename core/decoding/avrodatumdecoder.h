#pragma once

// Decodes Avro binary datums of one writer schema into plain JSON, through avro-c, with logical
// types rendered from the shared schema model (libs/avroschema), which keeps logicalType and the
// attributes avro-c's parser drops. Immutable after construction; decode() is thread-safe
// (each call uses its own avro-c value).
//
// Plain JSON: unions unwrapped (the branch is reported separately), bytes and fixed as
// \u00XX-escaped strings (Avro's JSON encoding), maps as objects, arrays as arrays, NaN and
// infinities as the strings "NaN", "Infinity", "-Infinity".

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <memory>

namespace Samsa {

class AvroDatumDecoder {
public:
    // nullptr with *error set when the schema text is not valid Avro.
    static std::shared_ptr<const AvroDatumDecoder> create(const QByteArray& schemaJson, QString* error);
    ~AvroDatumDecoder();

    struct Result {
        bool ok = false;
        QByteArray json; // compact, or indented when asked
        QString error; // "truncated data at byte 17", "invalid union branch 7 at byte 3", ...
        QStringList unionBranches; // "note: string"
        int bytesRead = 0; // a datum that leaves bytes unread is reported as an error
    };
    Result decode(QByteArrayView datum, bool readableLogicalTypes, bool pretty = false) const;

    QByteArray schemaJson() const;
    QString fullName() const; // the root's full name for named types ("shop.Order"), else its type
    // CRC-64-AVRO (Rabin) fingerprint of the Parsing Canonical Form, for single-object encoding.
    quint64 fingerprint() const;

private:
    AvroDatumDecoder();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Samsa
