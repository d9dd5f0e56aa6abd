#pragma once

// Produce… : write messages to a topic. Topic, partition (automatic by key, or chosen), key, value,
// headers and timestamp (none or chosen); the value as text, JSON (validated, errors by line and
// column), Avro from JSON (schema from the registry by subject naming strategy, subject and
// version; validated against the schema before anything is sent, errors by field path; Confluent
// framing) or hex. Sends once, N times or every line of a JSON Lines file on a worker thread, with
// progress, Cancel and a result per message. Recent messages are kept per topic as templates.

#include "messages/producerecord.h"
#include "produce/producepayload.h"
#include "storage/producetemplatestore.h"

#include <QDialog>
#include <QPointer>
#include <memory>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTimer;

namespace Samsa {

class AvroJsonEncoder;
class AvroSchemaPicker;
class ClusterSession;
class FilePathEdit;
class HeadersEditor;
class MessageProducer;
class ProduceResultsPanel;
class SchemaRegistryClient;

class ProduceDialog : public QDialog {
    Q_OBJECT
public:
    enum class ValueFormat { Text, Json, Avro, Hex };
    enum class SendMode { Once, Repeat, JsonLinesFile };

    ProduceDialog(ClusterSession* session, const QString& topic = {}, QWidget* parent = nullptr);
    ~ProduceDialog() override;

    void setTopic(const QString& topic);
    QString topic() const;
    // Checks the form and sends; does nothing (but show why) when something is invalid.
    void send();
    bool isSending() const;

protected:
    void closeEvent(QCloseEvent* event) override;
    void reject() override;

private:
    void fillTopics();
    void updatePartitions();
    void updateFormat();
    void validateValue();
    // The value as bytes, or the error to show.
    PayloadResult encodeValue(const QString& text) const;
    ProduceRecord recordTemplate() const;
    void startProducing(const QList<ProduceRecord>& records);
    QString clusterKey() const;
    void sendFile();
    void fillSample();
    void loadTemplates();
    void applyTemplate(int index);
    void rememberTemplate();
    ValueFormat valueFormat() const;
    SendMode sendMode() const;
    void setSending(bool sending);

    QPointer<ClusterSession> m_session;
    SchemaRegistryClient* m_registry = nullptr;
    std::unique_ptr<ProduceTemplateStore> m_templates; // samsa.db; small synchronous reads, as ProfileStore
    QList<ProduceTemplate> m_templateList;
    MessageProducer* m_producer = nullptr;
    std::shared_ptr<const AvroJsonEncoder> m_encoder; // for the chosen schema; null with m_encoderError
    QString m_encoderError;
    int m_fileJob = 0; // id of the JSON Lines file being read; results of older reads are dropped

    QComboBox* m_topic;
    QComboBox* m_partition;
    QComboBox* m_recent;
    QLineEdit* m_key;
    QComboBox* m_format;
    AvroSchemaPicker* m_schema;
    QPushButton* m_sample;
    QPlainTextEdit* m_value;
    QLabel* m_valueStatus;
    HeadersEditor* m_headers;
    QCheckBox* m_setTimestamp;
    QDateTimeEdit* m_timestamp;
    QComboBox* m_mode;
    QSpinBox* m_count;
    FilePathEdit* m_file;
    QPushButton* m_send;
    ProduceResultsPanel* m_results;
    QTimer* m_validateTimer;
};

} // namespace Samsa
