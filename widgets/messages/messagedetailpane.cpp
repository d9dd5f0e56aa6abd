#include "messagedetailpane.h"

#include "common/jsonhighlighter.h"
#include "messages/messagejson.h"
#include "payloadview.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace Samsa {

QString formatTimestamp(qint64 timestampMs)
{
    if (timestampMs < 0)
        return QStringLiteral("—");
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(timestampMs);
    return time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz ")) + time.timeZoneAbbreviation();
}

LoadedPayload loadPayload(const PayloadDecoder* decoder, const std::optional<QByteArray>& bytes, DecodeOptions options)
{
    LoadedPayload loaded;
    loaded.isNull = !bytes.has_value();
    loaded.raw = bytes.value_or(QByteArray());
    if (!decoder) {
        loaded.decoded.kind = loaded.isNull ? DecodedPayload::Kind::Null : DecodedPayload::Kind::Error;
        loaded.decoded.error = MessageDetailPane::tr("no decoder");
        return loaded;
    }
    options.prettyJson = true;
    loaded.decoded = decoder->decode(QByteArrayView(loaded.raw), loaded.isNull, options);
    switch (loaded.decoded.kind) {
    case DecodedPayload::Kind::Json:
        loaded.text = QString::fromUtf8(loaded.decoded.json);
        if (const QJsonDocument document = QJsonDocument::fromJson(loaded.decoded.json); document.isArray())
            loaded.tree = document.array();
        else if (document.isObject())
            loaded.tree = document.object();
        break;
    case DecodedPayload::Kind::Text:
        loaded.text = loaded.decoded.text;
        break;
    case DecodedPayload::Kind::Null:
    case DecodedPayload::Kind::Pending:
    case DecodedPayload::Kind::Error:
        break;
    }
    return loaded;
}

MessageDetailPane::MessageDetailPane(QWidget* parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_value(new PayloadView(QStringLiteral("value"), this))
    , m_key(new PayloadView(QStringLiteral("key"), this))
    , m_headers(new QTableWidget(0, 2, this))
    , m_schema(new QPlainTextEdit(this))
{
    m_summary->setObjectName(QStringLiteral("detailSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_tabs->setDocumentMode(true);
    m_headers->setObjectName(QStringLiteral("headersTable"));
    m_headers->setHorizontalHeaderLabels({ tr("Key"), tr("Value") });
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->verticalHeader()->hide();
    m_headers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_headers->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_schema->setObjectName(QStringLiteral("schemaText"));
    m_schema->setReadOnly(true);
    m_schema->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_schema->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new JsonHighlighter(m_schema->document());

    m_tabs->addTab(m_value, tr("Value"));
    m_tabs->addTab(m_key, tr("Key"));
    m_tabs->addTab(m_headers, tr("Headers"));
    m_tabs->addTab(m_schema, tr("Schema"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);
    clearRecord();
}

MessageDetailPane::~MessageDetailPane() = default;

void MessageDetailPane::setDecoder(std::shared_ptr<const PayloadDecoder> decoder) { m_decoder = std::move(decoder); }

void MessageDetailPane::setDecodeOptions(const DecodeOptions& key, const DecodeOptions& value)
{
    m_keyOptions = key;
    m_valueOptions = value;
}

void MessageDetailPane::clearRecord()
{
    ++m_generation;
    m_worker.cancel();
    m_hasRecord = false;
    m_loading = false;
    m_record = {};
    m_summary->setText(tr("Select a message to see it in full."));
    m_value->clear();
    m_key->clear();
    m_headers->setRowCount(0);
    m_tabs->setTabText(HeadersTab, tr("Headers"));
    m_schema->clear();
    m_tabs->setTabEnabled(SchemaTab, false);
}

void MessageDetailPane::showRecord(const KafkaRecord& record)
{
    m_record = record;
    m_hasRecord = true;
    reload();
}

void MessageDetailPane::reload()
{
    if (!m_hasRecord)
        return;
    const quint64 generation = ++m_generation;
    showSummary();
    showHeaders();
    const qint64 size = m_record.key.value_or(QByteArray()).size() + m_record.value.value_or(QByteArray()).size();
    if (size <= BackgroundBytes) {
        applyLoaded(generation, loadPayload(m_decoder.get(), m_record.key, m_keyOptions),
            loadPayload(m_decoder.get(), m_record.value, m_valueOptions));
        return;
    }
    m_loading = true;
    m_value->showLoading(m_record.value.value_or(QByteArray()));
    m_key->showLoading(m_record.key.value_or(QByteArray()));
    // The decoder outlives the task (shared); the results come back queued to this object, which
    // the worker (a member) cannot outlive.
    m_worker.start([this, generation, decoder = m_decoder, key = m_record.key, value = m_record.value,
                       keyOptions = m_keyOptions, valueOptions = m_valueOptions](const std::atomic<bool>& cancelled) {
        LoadedPayload loadedKey = loadPayload(decoder.get(), key, keyOptions);
        if (cancelled)
            return;
        LoadedPayload loadedValue = loadPayload(decoder.get(), value, valueOptions);
        if (cancelled)
            return;
        QMetaObject::invokeMethod(
            this,
            [this, generation, loadedKey = std::move(loadedKey), loadedValue = std::move(loadedValue)] {
                applyLoaded(generation, loadedKey, loadedValue);
            },
            Qt::QueuedConnection);
    });
}

void MessageDetailPane::applyLoaded(quint64 generation, const LoadedPayload& key, const LoadedPayload& value)
{
    if (generation != m_generation)
        return; // another message was selected meanwhile
    m_loading = false;
    m_value->showPayload(value);
    m_key->showPayload(key);
    showSchema(key, value);
    Q_EMIT loaded();
}

void MessageDetailPane::showSummary()
{
    const KafkaRecord& record = m_record;
    QStringList parts;
    parts << tr("Partition %1").arg(record.partition) << tr("Offset %L1").arg(record.offset)
          << tr("%1 (%2)").arg(formatTimestamp(record.timestampMs), timestampTypeName(record.timestampType));
    const auto sideSize = [](const std::optional<QByteArray>& bytes) {
        return bytes ? tr("%L1 B").arg(bytes->size()) : tr("null");
    };
    parts << tr("key %1").arg(sideSize(record.key)) << tr("value %1").arg(sideSize(record.value));
    m_summary->setText(parts.join(QStringLiteral("  ·  ")));
    if (record.timestampMs >= 0)
        m_summary->setToolTip(QDateTime::fromMSecsSinceEpoch(record.timestampMs, QTimeZone::utc())
                                  .toString(Qt::ISODateWithMs)
            + QStringLiteral("\n") + tr("%L1 ms since the epoch").arg(record.timestampMs));
}

void MessageDetailPane::showHeaders()
{
    const QList<RecordHeader>& headers = m_record.headers;
    m_headers->setRowCount(int(headers.size()));
    for (int row = 0; row < headers.size(); ++row) {
        const RecordHeader& header = headers.at(row);
        m_headers->setItem(row, 0, new QTableWidgetItem(QString::fromUtf8(header.key)));
        auto* value = new QTableWidgetItem;
        if (!header.value) {
            value->setText(tr("null"));
            QFont font = value->font();
            font.setItalic(true);
            value->setFont(font);
        } else {
            value->setText(QString::fromUtf8(*header.value));
            value->setToolTip(tr("%L1 bytes: %2").arg(header.value->size()).arg(QString::fromLatin1(header.value->left(256).toHex(' '))));
        }
        m_headers->setItem(row, 1, value);
    }
    m_tabs->setTabText(HeadersTab, headers.isEmpty() ? tr("Headers") : tr("Headers (%1)").arg(headers.size()));
}

void MessageDetailPane::showSchema(const LoadedPayload& key, const LoadedPayload& value)
{
    QString text;
    const auto describe = [&text](const QString& side, const DecodedPayload& decoded) {
        if (decoded.schemaId < 0 && decoded.writerSchema.isEmpty())
            return;
        text += tr("%1: %2").arg(side, decoded.formatName) + QLatin1Char('\n');
        if (decoded.schemaId >= 0)
            text += tr("  schema id: %1").arg(decoded.schemaId) + QLatin1Char('\n');
        text += tr("  subject:   %1").arg(decoded.subject.isEmpty() ? tr("(not known)") : decoded.subject)
            + QLatin1Char('\n');
        if (decoded.schemaVersion >= 0)
            text += tr("  version:   %1").arg(decoded.schemaVersion) + QLatin1Char('\n');
        if (!decoded.unionBranches.isEmpty()) {
            text += tr("  union branches:") + QLatin1Char('\n');
            for (const QString& branch : decoded.unionBranches)
                text += QStringLiteral("    ") + branch + QLatin1Char('\n');
        }
        if (!decoded.writerSchema.isEmpty())
            text += tr("  writer schema:") + QLatin1Char('\n') + QString::fromUtf8(indentJson(decoded.writerSchema))
                + QLatin1Char('\n');
        text += QLatin1Char('\n');
    };
    describe(tr("Value"), value.decoded);
    describe(tr("Key"), key.decoded);
    m_schema->setPlainText(text.trimmed());
    m_tabs->setTabEnabled(SchemaTab, !text.isEmpty());
}

} // namespace Samsa
