#include "messageexportdialog.h"

#include "messages/messageexporter.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

namespace Samsa {

namespace {
    QString extension(MessageExportOptions::Format format)
    {
        return format == MessageExportOptions::Format::Csv ? QStringLiteral(".csv") : QStringLiteral(".jsonl");
    }
}

MessageExportDialog::MessageExportDialog(const QString& topic, std::shared_ptr<const RecordStore::Snapshot> snapshot,
    std::shared_ptr<PayloadDecoder> decoder, const DecodeOptions& keyOptions, const DecodeOptions& valueOptions,
    const QList<qint64>& indices, bool subset, QWidget* parent)
    : QDialog(parent)
    , m_topic(topic)
    , m_snapshot(std::move(snapshot))
    , m_decoder(std::move(decoder))
    , m_keyOptions(keyOptions)
    , m_valueOptions(valueOptions)
    , m_indices(indices)
    , m_total(subset ? indices.size() : m_snapshot->count())
    , m_exporter(new MessageExporter(this))
    , m_format(new QComboBox(this))
    , m_path(new QLineEdit(this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_export(new QPushButton(tr("&Export"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setWindowTitle(tr("Export Messages — %1").arg(topic));
    m_format->setObjectName(QStringLiteral("exportFormatCombo"));
    m_format->addItem(tr("JSON Lines"), int(MessageExportOptions::Format::JsonLines));
    m_format->addItem(tr("CSV"), int(MessageExportOptions::Format::Csv));
    m_path->setObjectName(QStringLiteral("exportPathEdit"));
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    m_path->setText(QDir(folder.isEmpty() ? QDir::homePath() : folder).filePath(topic + extension(MessageExportOptions::Format::JsonLines)));
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->hide();
    m_status->setObjectName(QStringLiteral("exportStatusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_export->setDefault(true);
    m_cancel->setObjectName(QStringLiteral("exportCancelButton"));

    auto* browseButton = new QToolButton(this);
    browseButton->setText(tr("…"));
    browseButton->setToolTip(tr("Choose the file"));
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browseButton);

    const QString what = subset ? tr("%n message(s): the selection or the filter's matches", nullptr, int(m_total))
                                : tr("%n message(s): everything loaded", nullptr, int(m_total));
    auto* form = new QFormLayout;
    form->addRow(tr("Export:"), new QLabel(what, this));
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("File:"), pathRow);
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_export, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());

    connect(browseButton, &QToolButton::clicked, this, &MessageExportDialog::browse);
    connect(m_format, &QComboBox::currentIndexChanged, this, &MessageExportDialog::formatChanged);
    connect(m_export, &QPushButton::clicked, this, &MessageExportDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, &MessageExportDialog::reject);
    connect(m_exporter, &MessageExporter::progress, this, [this](qint64 done, qint64 total) {
        m_progress->setValue(total > 0 ? int(done * 1000 / total) : 0);
        m_status->setText(tr("%L1 of %L2 written…").arg(done).arg(total));
    });
    connect(m_exporter, &MessageExporter::finished, this, &MessageExportDialog::finish);
}

MessageExportDialog::~MessageExportDialog() = default;

bool MessageExportDialog::isExporting() const { return m_exporter->isRunning(); }

void MessageExportDialog::formatChanged()
{
    const auto format = MessageExportOptions::Format(m_format->currentData().toInt());
    const QFileInfo info(m_path->text());
    if (info.suffix() == QLatin1String("jsonl") || info.suffix() == QLatin1String("csv"))
        m_path->setText(info.dir().filePath(info.completeBaseName() + extension(format)));
}

void MessageExportDialog::browse()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Messages"), m_path->text(),
        m_format->currentIndex() == 0 ? tr("JSON Lines (*.jsonl *.json)") : tr("CSV (*.csv)"));
    if (!path.isEmpty())
        m_path->setText(path);
}

void MessageExportDialog::start()
{
    const QString path = m_path->text().trimmed();
    if (path.isEmpty()) {
        m_status->setText(tr("Choose the file to write."));
        return;
    }
    MessageExportOptions options;
    options.format = MessageExportOptions::Format(m_format->currentData().toInt());
    options.path = path;
    options.topic = m_topic;
    options.keyOptions = m_keyOptions;
    options.valueOptions = m_valueOptions;
    m_export->setEnabled(false);
    m_format->setEnabled(false);
    m_path->setEnabled(false);
    m_progress->setValue(0);
    m_progress->show();
    m_status->setText(tr("Writing…"));
    m_exporter->start(options, m_snapshot, m_indices, m_decoder);
}

void MessageExportDialog::finish(const MessageExportResult& result)
{
    m_progress->hide();
    m_export->setEnabled(true);
    m_format->setEnabled(true);
    m_path->setEnabled(true);
    if (result.ok) {
        m_status->setText(tr("%n message(s) written to %1.", nullptr, int(result.written)).arg(m_path->text()));
        m_cancel->setText(tr("Close"));
    } else if (result.cancelled) {
        m_status->setText(tr("Cancelled; no file was written."));
    } else {
        m_status->setText(tr("Export failed: %1").arg(result.error));
    }
    Q_EMIT exportFinished(result.ok);
}

void MessageExportDialog::reject()
{
    // Cancel while writing stops the export (finish() reports it) and keeps the dialog open.
    if (m_exporter->isRunning()) {
        m_exporter->cancel();
        return;
    }
    QDialog::reject();
}

} // namespace Samsa
