#pragma once

// A key or value after decoding: plain JSON for structured data, text otherwise, or the reason it
// could not be decoded (the raw bytes stay in the record store; nothing is lost).

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Samsa {

struct DecodedPayload {
    enum class Kind {
        Null, // the key or value is null
        Text, // `text` holds it (String, Hex, Base64, numbers)
        Json, // `json` holds compact plain JSON (JSON and every Avro format)
        Pending, // waiting for a schema from the registry; decode again after schemaArrived
        Error, // `error` says why ("unknown schema id 42", "truncated data at byte 17", ...)
    };
    Kind kind = Kind::Null;
    QString formatName; // what was actually used: "avro", "json", "string", "hex", ... (Auto resolves)
    QString text;
    QByteArray json; // compact UTF-8 JSON
    QString error;
    // Something the user should know about a successful decode ("invalid UTF-8 at byte 3, shown as
    // U+FFFD"; in Auto, why the Avro framing was not used). Shown in the detail pane.
    QString note;

    // Avro only.
    int schemaId = -1;
    QString subject; // empty when unknown
    int schemaVersion = -1;
    QByteArray writerSchema; // as the registry or file gave it
    // Union branches chosen, as "path: branch" lines ("note: string"), for the detail pane.
    QStringList unionBranches;

    bool isError() const { return kind == Kind::Error; }
    // One line for the table: the text, the compact JSON, or "⚠ <error>".
    QString preview(int maxChars = 200) const;
};

} // namespace Samsa
