#include "producedialog.h"

#include "avroschemapicker.h"
#include "common/jsonhighlighter.h"
#include "connections/filepathedit.h"
#include "decoding/avroframing.h"
#include "decoding/avrojsonencoder.h"
#include "decoding/avrosamplegenerator.h"
#include "headerseditor.h"
#include "kafka/clustersession.h"
#include "messages/messageproducer.h"
#include "profiles/connectionconfig.h"
#include "profiles/profilestore.h"
#include "storage/producetemplatestore.h"
#include "storage/storagekeys.h"
#include "produce/produceresultsmodel.h"
#include "produceresultspanel.h"
#include "registry/schemaregistryclient.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFile>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QThreadPool>
#include <QTimer>
#include <QVBoxLayout>

#include <memory>

namespace Samsa {

namespace {

constexpr int MaxRepeat = 1'000'000;
// A JSON Lines file is read whole and every line encoded before anything is sent; this keeps a
// wrong file from filling memory.
constexpr qint64 MaxFileBytes = qint64(512) * 1024 * 1024;
constexpr int MaxErrorsShown = 5;

// Encodes one value in any thread: text, JSON, hex, or Avro with the given encoder.
PayloadResult encodeWith(ProduceDialog::ValueFormat format, const AvroJsonEncoder* avro, int schemaId, const QString& text)
{
    switch (format) {
    case ProduceDialog::ValueFormat::Text:
        return encodeTextPayload(text);
    case ProduceDialog::ValueFormat::Json:
        return encodeJsonPayload(text);
    case ProduceDialog::ValueFormat::Hex:
        return encodeHexPayload(text);
    case ProduceDialog::ValueFormat::Avro: {
        if (!avro)
            return { {}, QObject::tr("no Avro schema chosen") };
        const AvroJsonEncoder::Result result = avro->encode(text.toUtf8());
        if (!result.ok)
            return { {}, result.error };
        return { AvroFraming::confluent(quint32(schemaId), result.datum), {} };
    }
    }
    return {};
}

struct FileEncoding {
    QList<QByteArray> values;
    QStringList errors; // "line 7: ..."
    int errorCount = 0;
    QString failure; // the file could not be read
};

FileEncoding encodeFile(const QString& path, ProduceDialog::ValueFormat format,
    const std::shared_ptr<const AvroJsonEncoder>& avro, int schemaId)
{
    FileEncoding out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        out.failure = QObject::tr("%1 could not be opened: %2").arg(path, file.errorString());
        return out;
    }
    if (file.size() > MaxFileBytes) {
        out.failure = QObject::tr("%1 is larger than %2 MB").arg(path).arg(MaxFileBytes / (1024 * 1024));
        return out;
    }
    int lineNumber = 0;
    while (!file.atEnd()) {
        QByteArray line = file.readLine();
        ++lineNumber;
        if (line.endsWith('\n'))
            line.chop(1);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.trimmed().isEmpty())
            continue;
        const PayloadResult result = encodeWith(format, avro.get(), schemaId, QString::fromUtf8(line));
        if (!result.ok()) {
            if (++out.errorCount <= MaxErrorsShown)
                out.errors.append(QObject::tr("line %1: %2").arg(lineNumber).arg(result.error));
            continue;
        }
        out.values.append(result.bytes);
    }
    if (file.error() != QFileDevice::NoError)
        out.failure = QObject::tr("%1 could not be read: %2").arg(path, file.errorString());
    return out;
}

} // namespace

ProduceDialog::ProduceDialog(ClusterSession* session, const QString& initialTopic, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_topic(new QComboBox(this))
    , m_partition(new QComboBox(this))
    , m_recent(new QComboBox(this))
    , m_key(new QLineEdit(this))
    , m_format(new QComboBox(this))
    , m_sample(new QPushButton(tr("Fill with Sample"), this))
    , m_value(new QPlainTextEdit(this))
    , m_valueStatus(new QLabel(this))
    , m_headers(new HeadersEditor(this))
    , m_setTimestamp(new QCheckBox(tr("Set:"), this))
    , m_timestamp(new QDateTimeEdit(this))
    , m_mode(new QComboBox(this))
    , m_count(new QSpinBox(this))
    , m_file(new FilePathEdit(tr("JSON Lines File"), tr("JSON Lines (*.jsonl *.ndjson *.json);;All files (*)"), this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_results(new ProduceResultsPanel(this))
    , m_validateTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("produceDialog"));
    setWindowTitle(tr("Produce"));
    m_topic->setObjectName(QStringLiteral("produceTopic"));
    m_partition->setObjectName(QStringLiteral("producePartition"));
    m_recent->setObjectName(QStringLiteral("produceTemplates"));
    m_key->setObjectName(QStringLiteral("produceKey"));
    m_format->setObjectName(QStringLiteral("produceValueFormat"));
    m_sample->setObjectName(QStringLiteral("produceFillSample"));
    m_value->setObjectName(QStringLiteral("produceValue"));
    m_valueStatus->setObjectName(QStringLiteral("produceValueStatus"));
    m_setTimestamp->setObjectName(QStringLiteral("produceSetTimestamp"));
    m_timestamp->setObjectName(QStringLiteral("produceTimestamp"));
    m_mode->setObjectName(QStringLiteral("produceMode"));
    m_count->setObjectName(QStringLiteral("produceCount"));
    m_file->setObjectName(QStringLiteral("produceFile"));
    m_send->setObjectName(QStringLiteral("produceSend"));
    m_results->setObjectName(QStringLiteral("produceResultsPanel"));

    if (m_session && !m_session->profile().schemaRegistryUrl.trimmed().isEmpty()) {
        m_registry = new SchemaRegistryClient(QUrl(m_session->profile().schemaRegistryUrl.trimmed()), this);
        m_registry->setBasicAuth(m_session->profile().schemaRegistryUsername, m_session->secrets().schemaRegistryPassword);
    }
    m_schema = new AvroSchemaPicker(m_registry, this);
    m_schema->setObjectName(QStringLiteral("produceSchemaPicker"));
    m_templates = std::make_unique<ProduceTemplateStore>();
    if (!m_templates->open(ProfileStore::defaultPath()))
        m_recent->setToolTip(tr("Recent messages are not kept: %1").arg(m_templates->errorText()));

    m_topic->setEditable(true);
    m_topic->setInsertPolicy(QComboBox::NoInsert);
    m_topic->setMinimumContentsLength(28);
    m_recent->setMinimumContentsLength(28);
    m_recent->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_key->setPlaceholderText(tr("No key (null)"));
    m_format->addItem(tr("Text"), int(ValueFormat::Text));
    m_format->addItem(tr("JSON"), int(ValueFormat::Json));
    m_format->addItem(tr("Avro (Schema Registry) from JSON"), int(ValueFormat::Avro));
    m_format->addItem(tr("Hex"), int(ValueFormat::Hex));
    m_value->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_value->setTabChangesFocus(true);
    m_value->setMinimumHeight(140);
    new JsonHighlighter(m_value->document());
    m_valueStatus->setWordWrap(true);
    m_valueStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_timestamp->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    m_timestamp->setTimeSpec(Qt::LocalTime);
    m_timestamp->setDateTime(QDateTime::currentDateTime());
    m_timestamp->setEnabled(false);
    m_mode->addItem(tr("Once"), int(SendMode::Once));
    m_mode->addItem(tr("N times"), int(SendMode::Repeat));
    m_mode->addItem(tr("Each line of a JSON Lines file"), int(SendMode::JsonLinesFile));
    m_count->setRange(1, MaxRepeat);
    m_count->setValue(10);
    m_count->setVisible(false);
    m_file->setVisible(false);
    m_send->setDefault(true);
    m_validateTimer->setSingleShot(true);
    m_validateTimer->setInterval(250);

    auto* valueHeader = new QHBoxLayout;
    valueHeader->addWidget(m_format);
    valueHeader->addStretch(1);
    valueHeader->addWidget(m_sample);
    auto* timestampRow = new QHBoxLayout;
    timestampRow->addWidget(m_setTimestamp);
    timestampRow->addWidget(m_timestamp);
    timestampRow->addWidget(new QLabel(tr("(otherwise the producer's time)"), this));
    timestampRow->addStretch(1);
    auto* sendRow = new QHBoxLayout;
    sendRow->addWidget(m_mode);
    sendRow->addWidget(m_count);
    sendRow->addWidget(m_file, 1);
    sendRow->addStretch(0);

    auto* form = new QFormLayout;
    form->addRow(tr("Recent:"), m_recent);
    form->addRow(tr("&Topic:"), m_topic);
    form->addRow(tr("&Partition:"), m_partition);
    form->addRow(tr("&Key:"), m_key);
    form->addRow(tr("Value:"), valueHeader);
    form->addRow(tr("Schema:"), m_schema);
    form->addRow(QString(), m_value);
    form->addRow(QString(), m_valueStatus);
    form->addRow(tr("Headers:"), m_headers);
    form->addRow(tr("Timestamp:"), timestampRow);
    form->addRow(tr("Send:"), sendRow);
    m_headers->setMaximumHeight(110);

    auto* top = new QWidget(this);
    top->setLayout(form);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_results);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_send, QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);
    resize(820, 860);

    connect(buttons, &QDialogButtonBox::rejected, this, &ProduceDialog::reject);
    connect(m_send, &QPushButton::clicked, this, &ProduceDialog::send);
    connect(m_results, &ProduceResultsPanel::cancelRequested, this, [this] {
        ++m_fileJob; // a file still being read is not sent
        if (m_producer)
            m_producer->cancel();
        else
            setSending(false);
    });
    connect(m_topic, &QComboBox::currentTextChanged, this, [this] {
        updatePartitions();
        m_schema->setTopic(topic());
        loadTemplates();
    });
    connect(m_format, &QComboBox::currentIndexChanged, this, &ProduceDialog::updateFormat);
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        m_count->setVisible(sendMode() == SendMode::Repeat);
        m_file->setVisible(sendMode() == SendMode::JsonLinesFile);
    });
    connect(m_setTimestamp, &QCheckBox::toggled, m_timestamp, &QWidget::setEnabled);
    connect(m_value, &QPlainTextEdit::textChanged, m_validateTimer, qOverload<>(&QTimer::start));
    connect(m_validateTimer, &QTimer::timeout, this, &ProduceDialog::validateValue);
    connect(m_schema, &AvroSchemaPicker::schemaChanged, this, [this] {
        m_encoder.reset();
        m_encoderError.clear();
        if (m_schema->hasSchema()) {
            m_encoder = AvroJsonEncoder::create(m_schema->schema().schema, &m_encoderError);
            if (!m_encoder)
                m_encoderError = tr("The schema cannot be used: %1").arg(m_encoderError);
        }
        m_sample->setEnabled(valueFormat() == ValueFormat::Avro && m_schema->hasSchema());
        validateValue();
    });
    connect(m_sample, &QPushButton::clicked, this, &ProduceDialog::fillSample);
    connect(m_recent, &QComboBox::activated, this, &ProduceDialog::applyTemplate);
    if (m_session)
        connect(m_session, &ClusterSession::metadataReady, this, &ProduceDialog::fillTopics);

    fillTopics();
    setTopic(initialTopic);
    updateFormat();
    if (m_registry)
        m_schema->reload();
}

ProduceDialog::~ProduceDialog() = default;

ProduceDialog::ValueFormat ProduceDialog::valueFormat() const { return ValueFormat(m_format->currentData().toInt()); }

ProduceDialog::SendMode ProduceDialog::sendMode() const { return SendMode(m_mode->currentData().toInt()); }

QString ProduceDialog::topic() const { return m_topic->currentText().trimmed(); }

void ProduceDialog::setTopic(const QString& name)
{
    if (!name.isEmpty())
        m_topic->setCurrentText(name);
    updatePartitions();
    m_schema->setTopic(topic());
    loadTemplates();
}

void ProduceDialog::fillTopics()
{
    if (!m_session)
        return;
    const QString current = topic();
    QStringList names;
    for (const TopicInfo& info : m_session->metadata().topics) {
        if (!info.internal)
            names.append(info.name);
    }
    names.sort();
    {
        const QSignalBlocker blocker(m_topic);
        m_topic->clear();
        m_topic->addItems(names);
        m_topic->setCurrentText(current);
    }
    updatePartitions();
}

void ProduceDialog::updatePartitions()
{
    const int previous = m_partition->currentData().isValid() ? m_partition->currentData().toInt() : -1;
    int count = 0;
    if (m_session) {
        for (const TopicInfo& info : m_session->metadata().topics) {
            if (info.name == topic())
                count = int(info.partitions.size());
        }
    }
    const QSignalBlocker blocker(m_partition);
    m_partition->clear();
    m_partition->addItem(tr("Automatic (by key hash; spread when there is no key)"), -1);
    for (int partition = 0; partition < count; ++partition)
        m_partition->addItem(QString::number(partition), partition);
    const int index = m_partition->findData(previous);
    m_partition->setCurrentIndex(index >= 0 ? index : 0);
}

void ProduceDialog::updateFormat()
{
    const bool avro = valueFormat() == ValueFormat::Avro;
    m_schema->setVisible(avro);
    m_sample->setVisible(avro);
    m_sample->setEnabled(avro && m_schema->hasSchema());
    if (QWidget* label = qobject_cast<QFormLayout*>(m_schema->parentWidget()->layout())
            ? qobject_cast<QFormLayout*>(m_schema->parentWidget()->layout())->labelForField(m_schema)
            : nullptr)
        label->setVisible(avro);
    m_value->setPlaceholderText(valueFormat() == ValueFormat::Hex ? tr("00 01 ff …")
            : valueFormat() == ValueFormat::Text                 ? tr("Any text, sent as UTF-8")
                                                                 : tr("{ \"id\": 1 }"));
    validateValue();
}

PayloadResult ProduceDialog::encodeValue(const QString& text) const
{
    if (valueFormat() != ValueFormat::Avro)
        return encodeWith(valueFormat(), nullptr, -1, text);
    if (!m_schema->hasSchema())
        return { {}, m_schema->status().isEmpty() ? tr("Choose the value's schema first.") : m_schema->status() };
    if (!m_encoder)
        return { {}, m_encoderError };
    return encodeWith(ValueFormat::Avro, m_encoder.get(), m_schema->schema().id, text);
}

void ProduceDialog::validateValue()
{
    m_validateTimer->stop();
    if (sendMode() == SendMode::JsonLinesFile || (valueFormat() == ValueFormat::Text)) {
        m_valueStatus->clear();
        return;
    }
    if (m_value->toPlainText().trimmed().isEmpty() && valueFormat() != ValueFormat::Hex) {
        m_valueStatus->setText(valueFormat() == ValueFormat::Avro && m_schema->hasSchema()
                ? tr("Type the value as JSON, or use Fill with Sample.")
                : QString());
        m_valueStatus->setStyleSheet(QString());
        return;
    }
    const PayloadResult result = encodeValue(m_value->toPlainText());
    if (result.ok()) {
        m_valueStatus->setText(tr("Valid · %n byte(s)", nullptr, int(result.bytes.size())));
        m_valueStatus->setStyleSheet(QStringLiteral("color: #26803a;"));
    } else {
        m_valueStatus->setText(result.error);
        m_valueStatus->setStyleSheet(QStringLiteral("color: #c01c28;"));
    }
}

ProduceRecord ProduceDialog::recordTemplate() const
{
    ProduceRecord record;
    record.topic = topic();
    record.partition = m_partition->currentData().toInt();
    if (!m_key->text().isEmpty())
        record.key = m_key->text().toUtf8();
    if (m_setTimestamp->isChecked())
        record.timestampMs = m_timestamp->dateTime().toMSecsSinceEpoch();
    for (const auto& [name, value] : m_headers->headers())
        record.headers.append({ name.toUtf8(), value });
    return record;
}

bool ProduceDialog::isSending() const { return m_results->isRunning(); }

void ProduceDialog::setSending(bool sending)
{
    m_send->setEnabled(!sending);
    if (!sending && m_results->isRunning())
        m_results->finish();
}

void ProduceDialog::send()
{
    if (isSending())
        return;
    if (!m_session || m_session->state() != ClusterSession::State::Connected) {
        m_results->showNote(tr("Not connected to the cluster."));
        return;
    }
    if (topic().isEmpty()) {
        m_results->showNote(tr("Choose a topic."));
        return;
    }
    if (valueFormat() == ValueFormat::Avro && !m_schema->hasSchema()) {
        m_valueStatus->setText(m_schema->status().isEmpty() ? tr("Choose the value's schema first.") : m_schema->status());
        m_valueStatus->setStyleSheet(QStringLiteral("color: #c01c28;"));
        return;
    }
    if (sendMode() == SendMode::JsonLinesFile) {
        sendFile();
        return;
    }
    const PayloadResult value = encodeValue(m_value->toPlainText());
    if (!value.ok()) {
        // Nothing is sent: the error shows where the user is looking.
        m_valueStatus->setText(value.error);
        m_valueStatus->setStyleSheet(QStringLiteral("color: #c01c28;"));
        m_value->setFocus();
        return;
    }
    ProduceRecord record = recordTemplate();
    record.value = value.bytes;
    const int count = sendMode() == SendMode::Repeat ? m_count->value() : 1;
    QList<ProduceRecord> records(count, record); // implicitly shared bytes: N copies cost little
    rememberTemplate();
    startProducing(records);
}

void ProduceDialog::sendFile()
{
    const QString path = m_file->path().trimmed();
    if (path.isEmpty()) {
        m_results->showNote(tr("Choose a JSON Lines file."));
        return;
    }
    const int job = ++m_fileJob;
    const ValueFormat format = valueFormat();
    const std::shared_ptr<const AvroJsonEncoder> encoder = m_encoder; // encode() is thread-safe
    const int schemaId = m_schema->schema().id;
    const ProduceRecord base = recordTemplate();
    m_send->setEnabled(false);
    m_results->start(0);
    m_results->showNote(tr("Reading and checking %1…").arg(path));
    QPointer<ProduceDialog> self(this);
    // Reading and encoding a large file must not freeze the window.
    QThreadPool::globalInstance()->start([self, job, path, format, encoder, schemaId, base] {
        FileEncoding encoded = encodeFile(path, format, encoder, schemaId);
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, job, base, encoded = std::move(encoded)] {
                if (!self || job != self->m_fileJob)
                    return;
                if (!encoded.failure.isEmpty() || encoded.errorCount > 0) {
                    QString note = encoded.failure;
                    if (encoded.errorCount > 0)
                        note = tr("Nothing sent: %n line(s) do not fit. ", nullptr, encoded.errorCount)
                            + encoded.errors.join(QStringLiteral("; "));
                    self->setSending(false);
                    self->m_results->finish(note);
                    self->m_results->showNote(note);
                    return;
                }
                QList<ProduceRecord> records;
                records.reserve(encoded.values.size());
                for (const QByteArray& value : encoded.values) {
                    ProduceRecord record = base;
                    record.value = value;
                    records.append(record);
                }
                self->startProducing(records);
            },
            Qt::QueuedConnection);
    });
}

void ProduceDialog::startProducing(const QList<ProduceRecord>& records)
{
    if (records.isEmpty()) {
        setSending(false);
        m_results->finish(tr("the file has no messages"));
        return;
    }
    delete m_producer;
    m_producer = new MessageProducer(ConnectionConfig::librdkafkaProperties(m_session->profile(), m_session->secrets()), this);
    m_send->setEnabled(false);
    m_results->start(int(records.size()));
    MessageProducer* producer = m_producer;
    connect(producer, &MessageProducer::resultsReady, this, [this](const QList<ProduceResult>& results) {
        QList<ProduceResultRow> rows;
        rows.reserve(results.size());
        for (const ProduceResult& result : results)
            rows.append({ int(result.index), result.partition, result.offset, result.error });
        m_results->addResults(rows);
    });
    connect(producer, &MessageProducer::connectionChanged, m_results, &ProduceResultsPanel::setConnectionLost);
    connect(producer, &MessageProducer::progress, m_results,
        [this](qint64 answered, qint64 total) { m_results->setProgress(int(answered), int(total)); });
    const auto done = [this, producer](const QString& note) {
        m_send->setEnabled(true);
        m_results->finish(note);
        producer->deleteLater();
        if (m_producer == producer)
            m_producer = nullptr;
    };
    connect(producer, &MessageProducer::finished, this, [done](const ProduceSummary& summary) {
        done(summary.cancelled ? tr("cancelled, %n not sent", nullptr, int(summary.notSent)) : QString());
    });
    connect(producer, &MessageProducer::failed, this, [done](const QString& error) { done(error); });
    producer->start(records);
}

void ProduceDialog::fillSample()
{
    if (!m_schema->hasSchema())
        return;
    QString error;
    const QByteArray sample = AvroSampleGenerator::generate(m_schema->schema().schema, &error);
    if (sample.isEmpty()) {
        m_valueStatus->setText(tr("No sample: %1").arg(error));
        return;
    }
    m_value->setPlainText(QString::fromUtf8(sample));
    validateValue();
}

QString ProduceDialog::clusterKey() const { return m_session ? clusterStorageKey(m_session->profile()) : QString(); }

void ProduceDialog::loadTemplates()
{
    m_templateList.clear();
    if (m_templates->isOpen() && !topic().isEmpty())
        m_templateList = m_templates->templates(clusterKey(), topic());
    const QSignalBlocker blocker(m_recent);
    m_recent->clear();
    m_recent->addItem(m_templateList.isEmpty() ? tr("No recent messages for this topic") : tr("Choose a recent message…"));
    for (const ProduceTemplate& entry : std::as_const(m_templateList))
        m_recent->addItem(entry.name, entry.id);
    m_recent->setEnabled(!m_templateList.isEmpty());
}

void ProduceDialog::applyTemplate(int index)
{
    if (index <= 0 || index > m_templateList.size())
        return;
    const QJsonObject message = QJsonDocument::fromJson(m_templateList.at(index - 1).messageJson).object();
    m_key->setText(message.value(QLatin1String("key")).toString());
    const int format = m_format->findData(message.value(QLatin1String("valueFormat")).toInt());
    m_format->setCurrentIndex(std::max(0, format));
    m_value->setPlainText(message.value(QLatin1String("value")).toString());
    QList<QPair<QString, QByteArray>> headers;
    for (const QJsonValue& header : message.value(QLatin1String("headers")).toArray()) {
        const QJsonObject pair = header.toObject();
        headers.append({ pair.value(QLatin1String("name")).toString(), pair.value(QLatin1String("value")).toString().toUtf8() });
    }
    m_headers->setHeaders(headers);
    const int partition = m_partition->findData(message.value(QLatin1String("partition")).toInt(-1));
    m_partition->setCurrentIndex(std::max(0, partition));
    const QString subject = message.value(QLatin1String("subject")).toString();
    if (valueFormat() == ValueFormat::Avro && !subject.isEmpty())
        m_schema->setSubject(subject, message.value(QLatin1String("version")).toString(QStringLiteral("latest")));
    validateValue();
}

void ProduceDialog::rememberTemplate()
{
    if (!m_templates->isOpen())
        return;
    QJsonObject message;
    message.insert(QStringLiteral("key"), m_key->text());
    message.insert(QStringLiteral("valueFormat"), int(valueFormat()));
    message.insert(QStringLiteral("value"), m_value->toPlainText());
    message.insert(QStringLiteral("partition"), m_partition->currentData().toInt());
    QJsonArray headers;
    for (const auto& [name, value] : m_headers->headers())
        headers.append(QJsonObject { { QStringLiteral("name"), name }, { QStringLiteral("value"), QString::fromUtf8(value) } });
    message.insert(QStringLiteral("headers"), headers);
    if (valueFormat() == ValueFormat::Avro) {
        message.insert(QStringLiteral("subject"), m_schema->schema().subject);
        message.insert(QStringLiteral("version"), QString::number(m_schema->schema().version));
    }
    QString name = m_value->toPlainText().simplified();
    if (name.size() > 60)
        name = name.left(59) + QChar(0x2026);
    if (!m_key->text().isEmpty())
        name = tr("key %1: %2").arg(m_key->text().left(20), name);
    m_templates->add(clusterKey(), topic(), name, QJsonDocument(message).toJson(QJsonDocument::Compact));
    loadTemplates();
}

void ProduceDialog::closeEvent(QCloseEvent* event)
{
    if (m_producer)
        m_producer->cancel();
    ++m_fileJob;
    QDialog::closeEvent(event);
}

void ProduceDialog::reject()
{
    if (m_producer)
        m_producer->cancel();
    ++m_fileJob;
    QDialog::reject();
}

} // namespace Samsa
