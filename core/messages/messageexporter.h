#pragma once

// Exports loaded messages (the selection or everything) to JSON Lines or CSV on a worker thread,
// with progress and cancel. The file is written through QSaveFile: a cancelled or failed export
// leaves no half-written file behind, and an existing file is replaced only when the export succeeds.
//
// JSON Lines: one messageToJson() object per line (see messagejson.h), so an export reads back the
// same as `samsactl consume` prints.
// CSV (RFC 4180: CRLF line ends, fields with commas, quotes or line breaks quoted, quotes doubled):
//   partition,offset,timestamp,key,value,headers,error
// timestamp as ISO-8601 UTC with milliseconds; key and value decoded (JSON compact, text as is,
// null as an empty field); headers as the JSON array of messagejson; error names what could not be
// decoded, with the raw bytes in base64, so nothing is lost.
//
// A value waiting for its schema is decoded again when the schema arrives (up to
// schemaWaitMs in all per export); what is still missing then is exported with its error.

#include "decoding/payloaddecoder.h"
#include "recordstore.h"

#include <QList>
#include <QObject>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>

namespace Samsa {

struct MessageExportOptions {
    enum class Format { JsonLines, Csv };
    Format format = Format::JsonLines;
    QString path;
    QString topic; // written into each JSON line (left out when empty)
    DecodeOptions keyOptions;
    DecodeOptions valueOptions;
    int schemaWaitMs = 10000;
};

struct MessageExportResult {
    bool ok = false;
    bool cancelled = false;
    qint64 written = 0; // messages
    QString error; // "cannot write /x/y.jsonl: No space left on device"
};

class MessageExporter : public QObject {
    Q_OBJECT
public:
    explicit MessageExporter(QObject* parent = nullptr);
    ~MessageExporter() override;

    // indices: store indices in the order to write; empty exports every record of the snapshot.
    // decoder may be null: keys and values are then written as UTF-8 text.
    void start(const MessageExportOptions& options, std::shared_ptr<const RecordStore::Snapshot> snapshot,
        QList<qint64> indices, std::shared_ptr<PayloadDecoder> decoder);
    void cancel();
    bool isRunning() const;

    // The export itself, on the calling thread (the worker's body; samsactl and tests use it too).
    static MessageExportResult exportMessages(const MessageExportOptions& options, const RecordStore::Snapshot& snapshot,
        const QList<qint64>& indices, const PayloadDecoder* decoder, const std::atomic<bool>& cancelled,
        const std::function<void(qint64 done, qint64 total)>& progress = {});

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(const Samsa::MessageExportResult& result);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Samsa

Q_DECLARE_METATYPE(Samsa::MessageExportResult)
