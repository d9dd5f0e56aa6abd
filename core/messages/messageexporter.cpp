#include "messageexporter.h"

#include "messagejson.h"
#include "messageworkerthread.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSaveFile>

#include <condition_variable>
#include <mutex>

namespace Samsa {

namespace {

// Wakes exports waiting for a schema: PayloadDecoder::schemaArrived bumps it (directly, from the
// decoder's thread); the waiting worker re-decodes.
struct SchemaSignal {
    std::mutex mutex;
    std::condition_variable arrived;
    quint64 events = 0;

    void notify()
    {
        {
            std::lock_guard lock(mutex);
            ++events;
        }
        arrived.notify_all();
    }
};

bool failed(const DecodedPayload& payload)
{
    return payload.kind == DecodedPayload::Kind::Error || payload.kind == DecodedPayload::Kind::Pending;
}

QString failureText(const DecodedPayload& payload)
{
    if (payload.kind == DecodedPayload::Kind::Pending)
        return payload.schemaId >= 0 ? QStringLiteral("schema %1 not available from the registry").arg(payload.schemaId)
                                     : QStringLiteral("schema not available");
    return payload.error;
}

void appendCsvField(QByteArray& out, QByteArrayView field)
{
    bool quote = false;
    for (const char c : field) {
        if (c == ',' || c == '"' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        out.append(field);
        return;
    }
    out.append('"');
    for (const char c : field) {
        if (c == '"')
            out.append('"');
        out.append(c);
    }
    out.append('"');
}

QByteArray payloadCsvText(const DecodedPayload& payload)
{
    switch (payload.kind) {
    case DecodedPayload::Kind::Text:
        return payload.text.toUtf8();
    case DecodedPayload::Kind::Json:
        return payload.json;
    default:
        return {};
    }
}

QByteArray csvLine(const KafkaRecord& record, const DecodedPayload& key, const DecodedPayload& value)
{
    QByteArray out;
    out.append(QByteArray::number(record.partition)).append(',');
    out.append(QByteArray::number(record.offset)).append(',');
    if (record.timestampMs >= 0)
        out.append(QDateTime::fromMSecsSinceEpoch(record.timestampMs, Qt::UTC).toString(Qt::ISODateWithMs).toUtf8());
    out.append(',');
    appendCsvField(out, payloadCsvText(key));
    out.append(',');
    appendCsvField(out, payloadCsvText(value));
    out.append(',');
    if (!record.headers.isEmpty())
        appendCsvField(out, headersToJson(record.headers));
    out.append(',');
    QStringList errors;
    if (failed(key))
        errors.append(QStringLiteral("key: %1 (base64: %2)").arg(failureText(key), QString::fromLatin1(record.key.value_or(QByteArray()).toBase64())));
    if (failed(value))
        errors.append(QStringLiteral("value: %1 (base64: %2)").arg(failureText(value), QString::fromLatin1(record.value.value_or(QByteArray()).toBase64())));
    appendCsvField(out, errors.join(QStringLiteral("; ")).toUtf8());
    out.append("\r\n");
    return out;
}

} // namespace

struct MessageExporter::Private {
    MessageWorkerThread thread;
    std::shared_ptr<SchemaSignal> schemaSignal = std::make_shared<SchemaSignal>();
    QMetaObject::Connection schemaConnection;
    quint64 currentJob = 0;
};

MessageExporter::MessageExporter(QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
}

MessageExporter::~MessageExporter()
{
    d->thread.stop();
}

namespace {

// The export's output: a QSaveFile (temporary file renamed on commit) for regular files; a device
// or a pipe (/dev/stdout, a FIFO) is written as it is, since renaming a temporary file over it
// would replace the device node.
class ExportFile {
public:
    explicit ExportFile(const QString& path)
        : m_save(path)
        , m_direct(path)
    {
        const QFileInfo target(path);
        m_isDirect = target.exists() && !target.isFile();
    }

    // Unbuffered, with our own 1 MB buffer: a buffered QFileDevice can lose a short write (the
    // first sign of a full disk) at flush time and report success.
    bool open()
    {
        const auto mode = QIODevice::WriteOnly | QIODevice::Unbuffered;
        return m_isDirect ? m_direct.open(mode) : m_save.open(mode);
    }

    // Writes everything or fails; a short write is retried so the failing call sets the error.
    bool writeAll(const QByteArray& bytes)
    {
        QFileDevice& device = m_isDirect ? static_cast<QFileDevice&>(m_direct) : static_cast<QFileDevice&>(m_save);
        qsizetype done = 0;
        while (done < bytes.size()) {
            const qint64 n = device.write(bytes.constData() + done, bytes.size() - done);
            if (n <= 0)
                return false;
            done += n;
        }
        return true;
    }
    void cancel()
    {
        if (m_isDirect)
            m_direct.close();
        else
            m_save.cancelWriting();
    }
    bool commit()
    {
        if (!m_isDirect)
            return m_save.commit();
        const bool flushed = m_direct.flush();
        m_direct.close();
        return flushed && m_direct.error() == QFileDevice::NoError;
    }
    QString errorString() const { return m_isDirect ? m_direct.errorString() : m_save.errorString(); }

private:
    QSaveFile m_save;
    QFile m_direct;
    bool m_isDirect = false;
};

MessageExportResult runExport(const MessageExportOptions& options, const RecordStore::Snapshot& snapshot,
    const QList<qint64>& indices, const PayloadDecoder* decoder, const std::atomic<bool>& cancelled,
    const std::function<void(qint64, qint64)>& progress, SchemaSignal* schemaSignal)
{
    MessageExportResult result;
    ExportFile file(options.path);
    if (!file.open()) {
        result.error = QStringLiteral("cannot write %1: %2").arg(options.path, file.errorString());
        return result;
    }
    const bool csv = options.format == MessageExportOptions::Format::Csv;
    if (csv && !file.writeAll(QByteArrayLiteral("partition,offset,timestamp,key,value,headers,error\r\n"))) {
        result.error = QStringLiteral("cannot write %1: %2").arg(options.path, file.errorString());
        return result;
    }
    const qint64 total = indices.isEmpty() ? snapshot.count() : indices.size();
    QElapsedTimer schemaWait; // time spent waiting for schemas, over the whole export
    qint64 waitedMs = 0;

    auto decodeOne = [&](QByteArrayView bytes, bool isNull, const DecodeOptions& decodeOptions) {
        if (!decoder) {
            DecodedPayload payload;
            payload.kind = isNull ? DecodedPayload::Kind::Null : DecodedPayload::Kind::Text;
            payload.text = QString::fromUtf8(bytes);
            return payload;
        }
        DecodedPayload payload = decoder->decode(bytes, isNull, decodeOptions);
        while (payload.kind == DecodedPayload::Kind::Pending && schemaSignal && waitedMs < options.schemaWaitMs && !cancelled.load()) {
            schemaWait.start();
            {
                std::unique_lock lock(schemaSignal->mutex);
                const quint64 seen = schemaSignal->events;
                // Bounded wait: the flag is checked again even if no schema event comes.
                schemaSignal->arrived.wait_for(lock, std::chrono::milliseconds(100), [&] { return schemaSignal->events != seen; });
            }
            waitedMs += schemaWait.elapsed();
            payload = decoder->decode(bytes, isNull, decodeOptions);
        }
        return payload;
    };

    QByteArray buffer;
    buffer.reserve(1 << 20);
    for (qint64 n = 0; n < total; ++n) {
        if ((n & 1023) == 0) {
            if (cancelled.load()) {
                file.cancel();
                result.cancelled = true;
                result.error = QStringLiteral("export cancelled");
                return result;
            }
            if (progress && n > 0)
                progress(n, total);
        }
        const qint64 i = indices.isEmpty() ? n : indices.at(n);
        if (i < 0 || i >= snapshot.count())
            continue;
        const KafkaRecord record = snapshot.record(i);
        const DecodedPayload key = decodeOne(snapshot.key(i), snapshot.keyIsNull(i), options.keyOptions);
        const DecodedPayload value = decodeOne(snapshot.value(i), snapshot.valueIsNull(i), options.valueOptions);
        if (csv) {
            buffer.append(csvLine(record, key, value));
        } else {
            buffer.append(messageToJson(options.topic, record, key, value));
            buffer.append('\n');
        }
        ++result.written;
        if (buffer.size() >= (1 << 20)) {
            if (!file.writeAll(buffer)) {
                result.error = QStringLiteral("cannot write %1: %2").arg(options.path, file.errorString());
                file.cancel();
                return result;
            }
            buffer.clear();
        }
    }
    if (!buffer.isEmpty() && !file.writeAll(buffer)) {
        result.error = QStringLiteral("cannot write %1: %2").arg(options.path, file.errorString());
        file.cancel();
        return result;
    }
    if (cancelled.load()) {
        file.cancel();
        result.cancelled = true;
        result.error = QStringLiteral("export cancelled");
        return result;
    }
    if (!file.commit()) {
        result.error = QStringLiteral("cannot write %1: %2").arg(options.path, file.errorString());
        return result;
    }
    if (progress)
        progress(total, total);
    result.ok = true;
    return result;
}

} // namespace

MessageExportResult MessageExporter::exportMessages(const MessageExportOptions& options, const RecordStore::Snapshot& snapshot,
    const QList<qint64>& indices, const PayloadDecoder* decoder, const std::atomic<bool>& cancelled,
    const std::function<void(qint64, qint64)>& progress)
{
    return runExport(options, snapshot, indices, decoder, cancelled, progress, nullptr);
}

void MessageExporter::start(const MessageExportOptions& options, std::shared_ptr<const RecordStore::Snapshot> snapshot,
    QList<qint64> indices, std::shared_ptr<PayloadDecoder> decoder)
{
    const quint64 jobId = ++d->currentJob;
    disconnect(d->schemaConnection);
    if (decoder) {
        // Direct: the worker waits on a condition variable, not on an event loop.
        d->schemaConnection = connect(
            decoder.get(), &PayloadDecoder::schemaArrived, this, [signal = d->schemaSignal](int) { signal->notify(); },
            Qt::DirectConnection);
    }
    d->thread.start([this, jobId, options, snapshot = std::move(snapshot), indices = std::move(indices), decoder = std::move(decoder),
                        signal = d->schemaSignal](const std::atomic<bool>& cancelled) {
        QElapsedTimer sinceReport;
        sinceReport.start();
        auto report = [&](qint64 done, qint64 total) {
            if (sinceReport.elapsed() < 50 && done < total)
                return;
            sinceReport.restart();
            QMetaObject::invokeMethod(
                this, [this, jobId, done, total] {
                    if (jobId == d->currentJob)
                        Q_EMIT progress(done, total);
                },
                Qt::QueuedConnection);
        };
        const MessageExportResult result = runExport(options, *snapshot, indices, decoder.get(), cancelled, report, signal.get());
        QMetaObject::invokeMethod(
            this, [this, jobId, result] {
                if (jobId == d->currentJob || result.cancelled)
                    Q_EMIT finished(result);
            },
            Qt::QueuedConnection);
    });
}

void MessageExporter::cancel()
{
    d->thread.cancel();
    d->schemaSignal->notify();
}

bool MessageExporter::isRunning() const
{
    return d->thread.isRunning();
}

} // namespace Samsa
