#pragma once

// The selected message in full: partition, offset, timestamp with its type and sizes on top; tabs
// for the value and the key (decoded, beside their hex dump), the headers, and for Avro the schema
// id, subject, version, union branches and writer schema. Decoding and pretty-printing a payload
// larger than BackgroundBytes runs on a worker thread with "Loading…" shown meanwhile, so a value
// of several megabytes never stalls the window.

#include "decoding/payloaddecoder.h"
#include "messages/kafkarecord.h"
#include "messages/messageworkerthread.h"

#include <QWidget>
#include <memory>

class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTableWidget;

namespace Samsa {

class PayloadView;
struct LoadedPayload;

class MessageDetailPane : public QWidget {
    Q_OBJECT
public:
    static constexpr qint64 BackgroundBytes = 256 * 1024;
    enum Tab { ValueTab, KeyTab, HeadersTab, SchemaTab };

    explicit MessageDetailPane(QWidget* parent = nullptr);
    ~MessageDetailPane() override;

    void setDecoder(std::shared_ptr<const PayloadDecoder> decoder);
    void setDecodeOptions(const DecodeOptions& key, const DecodeOptions& value);

    void showRecord(const KafkaRecord& record);
    void clearRecord();
    // Decodes the shown record again (its schema arrived, or the formats changed).
    void reload();

    bool hasRecord() const { return m_hasRecord; }
    const KafkaRecord& record() const { return m_record; }
    bool isLoading() const { return m_loading; }

Q_SIGNALS:
    // The shown record is decoded and on screen.
    void loaded();

private:
    void applyLoaded(quint64 generation, const LoadedPayload& key, const LoadedPayload& value);
    void showSummary();
    void showHeaders();
    void showSchema(const LoadedPayload& key, const LoadedPayload& value);

    std::shared_ptr<const PayloadDecoder> m_decoder;
    DecodeOptions m_keyOptions;
    DecodeOptions m_valueOptions;
    KafkaRecord m_record;
    bool m_hasRecord = false;
    bool m_loading = false;
    quint64 m_generation = 0;

    QLabel* m_summary;
    QTabWidget* m_tabs;
    PayloadView* m_value;
    PayloadView* m_key;
    QTableWidget* m_headers;
    QPlainTextEdit* m_schema;
    MessageWorkerThread m_worker; // last member: stopped first, before the views it reports to go
};

// Decodes one side for showing (pretty JSON, text, tree); thread-safe, used by the pane's worker.
LoadedPayload loadPayload(const PayloadDecoder* decoder, const std::optional<QByteArray>& bytes, DecodeOptions options);

// "2024-05-01 12:00:00.123 CEST" in local time; "—" for -1.
QString formatTimestamp(qint64 timestampMs);

} // namespace Samsa
