#include "clonetopicdialog.h"

#include "common/messagebar.h"
#include "topics/topicactions.h"
#include "topics/topicclone.h"
#include "topics/topicname.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Samsa {

CloneTopicDialog::CloneTopicDialog(
    TopicActions* actions, const QList<QPair<QString, QString>>& properties, const QString& source, QWidget* parent)
    : QDialog(parent)
    , m_actions(actions)
    , m_clone(new TopicClone(actions, properties, this))
    , m_source(source)
    , m_message(new MessageBar(this))
    , m_name(new QLineEdit(source + QStringLiteral("-copy"), this))
    , m_nameHint(new QLabel(this))
    , m_partitions(new QSpinBox(this))
    , m_replication(new QSpinBox(this))
    , m_overrides(new QTableWidget(0, 2, this))
    , m_copy(new QComboBox(this))
    , m_count(new QSpinBox(this))
    , m_progress(new QProgressBar(this))
    , m_stage(new QLabel(this))
    , m_cloneButton(new QPushButton(tr("Clone"), this))
{
    setWindowTitle(tr("Clone topic %1").arg(source));
    setMinimumWidth(600);
    m_message->setObjectName(QStringLiteral("cloneTopicMessage"));
    m_name->setObjectName(QStringLiteral("cloneTopicName"));
    m_nameHint->setObjectName(QStringLiteral("cloneTopicNameHint"));
    m_partitions->setObjectName(QStringLiteral("cloneTopicPartitions"));
    m_replication->setObjectName(QStringLiteral("cloneTopicReplication"));
    m_overrides->setObjectName(QStringLiteral("cloneTopicOverrides"));
    m_copy->setObjectName(QStringLiteral("cloneTopicCopy"));
    m_count->setObjectName(QStringLiteral("cloneTopicCount"));
    m_progress->setObjectName(QStringLiteral("cloneTopicProgress"));
    m_stage->setObjectName(QStringLiteral("cloneTopicStage"));
    m_cloneButton->setObjectName(QStringLiteral("cloneTopicSubmit"));

    m_nameHint->setWordWrap(true);
    m_partitions->setRange(1, 100000);
    m_replication->setRange(1, 32767);
    m_overrides->setHorizontalHeaderLabels({ tr("Config"), tr("Value") });
    m_overrides->verticalHeader()->hide();
    m_overrides->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    auto* removeOverride = new QPushButton(tr("Remove"), this);
    removeOverride->setObjectName(QStringLiteral("cloneTopicRemoveOverride"));
    removeOverride->setAutoDefault(false);
    connect(removeOverride, &QPushButton::clicked, this, [this] {
        if (m_overrides->currentRow() >= 0)
            m_overrides->removeRow(m_overrides->currentRow());
    });
    m_copy->addItem(tr("No messages"), int(CloneCopy::None));
    m_copy->addItem(tr("The first N of each partition"), int(CloneCopy::First));
    m_copy->addItem(tr("The last N of each partition"), int(CloneCopy::Last));
    m_count->setRange(1, 10000000);
    m_count->setValue(100);
    m_count->setEnabled(false);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("New name:"), m_name);
    form->addRow(QString(), m_nameHint);
    form->addRow(tr("Partitions:"), m_partitions);
    form->addRow(tr("Replication factor:"), m_replication);
    auto* copyRow = new QHBoxLayout;
    copyRow->addWidget(m_copy, 1);
    copyRow->addWidget(new QLabel(tr("N:"), this));
    copyRow->addWidget(m_count);
    form->addRow(tr("Copy messages:"), copyRow);
    auto* note = new QLabel(tr("Copied messages keep their partition number, key, value, headers and timestamp; "
                               "their offsets start again at 0."),
        this);
    note->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_cloneButton, QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &CloneTopicDialog::reject);
    connect(m_cloneButton, &QPushButton::clicked, this, &CloneTopicDialog::startClone);

    auto* overridesRow = new QHBoxLayout;
    overridesRow->addWidget(new QLabel(tr("Overrides of %1, kept for the new topic:").arg(source), this), 1);
    overridesRow->addWidget(removeOverride);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addLayout(overridesRow);
    layout->addWidget(m_overrides, 1);
    layout->addWidget(note);
    layout->addWidget(m_stage);
    layout->addWidget(m_progress);
    layout->addWidget(buttons);

    connect(m_name, &QLineEdit::textChanged, this, &CloneTopicDialog::validate);
    connect(m_partitions, &QSpinBox::valueChanged, this, &CloneTopicDialog::validate);
    connect(m_count, &QSpinBox::valueChanged, this, &CloneTopicDialog::validate);
    connect(m_copy, &QComboBox::currentIndexChanged, this, [this] {
        m_count->setEnabled(m_copy->currentData().toInt() != int(CloneCopy::None));
        validate();
    });
    connect(m_actions, &TopicActions::topicInspected, this, [this](int job, const TopicCloneSource& inspected) {
        if (job == m_inspectJob)
            showSource(inspected);
    });
    connect(m_clone, &TopicClone::progress, this, &CloneTopicDialog::showProgress);
    connect(m_clone, &TopicClone::finished, this, &CloneTopicDialog::showResult);
    m_stage->setText(tr("Reading %1…").arg(source));
    m_inspectJob = m_actions->inspectTopic(source);
    validate();
}

void CloneTopicDialog::showSource(const TopicCloneSource& source)
{
    m_inspectJob = 0;
    m_stage->clear();
    if (source.partitions < 1) {
        m_message->showError(tr("%1 cannot be cloned: %2").arg(m_source, source.error));
        return;
    }
    if (!source.error.isEmpty())
        m_message->showMessage(source.error, MessageBar::Kind::Warning);
    m_inspected = true;
    m_sourcePartitions = source.partitions;
    m_partitions->setValue(source.partitions);
    m_replication->setValue(std::max(1, source.replicationFactor));
    for (const auto& [name, value] : source.overrides) {
        const int row = m_overrides->rowCount();
        m_overrides->insertRow(row);
        m_overrides->setItem(row, 0, new QTableWidgetItem(name));
        m_overrides->setItem(row, 1, new QTableWidgetItem(value));
    }
    validate();
}

TopicCloneRequest CloneTopicDialog::request() const
{
    TopicCloneRequest request;
    request.source = m_source;
    request.sourcePartitions = m_sourcePartitions;
    request.target.name = m_name->text();
    request.target.partitions = m_partitions->value();
    request.target.replicationFactor = m_replication->value();
    for (int row = 0; row < m_overrides->rowCount(); ++row) {
        const QString key = m_overrides->item(row, 0) ? m_overrides->item(row, 0)->text().trimmed() : QString();
        if (!key.isEmpty())
            request.target.configs.append(
                { key, m_overrides->item(row, 1) ? m_overrides->item(row, 1)->text() : QString() });
    }
    request.copy = static_cast<CloneCopy>(m_copy->currentData().toInt());
    request.messagesPerPartition = request.copy == CloneCopy::None ? 0 : m_count->value();
    return request;
}

void CloneTopicDialog::validate()
{
    const QString problem = request().problem();
    const QString warning = problem.isEmpty() ? TopicName::collisionWarning(m_name->text()) : QString();
    m_nameHint->setText(problem.isEmpty() ? warning : problem);
    m_nameHint->setProperty("problem", !problem.isEmpty());
    m_cloneButton->setEnabled(problem.isEmpty() && m_inspected && !m_clone->isRunning());
}

void CloneTopicDialog::startClone()
{
    m_message->clearMessage();
    m_cloneButton->setEnabled(false);
    m_progress->show();
    m_clone->start(request());
}

void CloneTopicDialog::showProgress(const QString& stage, qint64 done, qint64 total)
{
    if (stage == QStringLiteral("creating"))
        m_stage->setText(tr("Creating %1…").arg(m_name->text()));
    else if (stage == QStringLiteral("reading"))
        m_stage->setText(tr("Reading %1: %n message(s)", "", int(done)).arg(m_source));
    else
        m_stage->setText(tr("Copying: %1 of %2 message(s)").arg(done).arg(total));
    if (total < 0) {
        m_progress->setRange(0, 0); // busy
    } else {
        m_progress->setRange(0, int(std::min<qint64>(total, INT_MAX)));
        m_progress->setValue(int(std::min<qint64>(done, INT_MAX)));
    }
}

void CloneTopicDialog::showResult(const TopicCloneResult& result)
{
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    validate();
    QString summary = result.created
        ? tr("%1 created; %n message(s) copied.", "", int(result.copied)).arg(m_name->text())
        : QString();
    if (result.cancelled)
        summary += QLatin1Char(' ') + tr("Cancelled.");
    m_stage->setText(summary);
    if (!result.error.isEmpty()) {
        m_message->showError(result.error);
        if (result.created)
            Q_EMIT topicCloned(m_name->text());
        return;
    }
    Q_EMIT topicCloned(m_name->text());
    if (!result.cancelled)
        accept();
}

void CloneTopicDialog::reject()
{
    // Cancel stops a running clone first; a second Cancel closes.
    if (m_clone->isRunning()) {
        m_clone->cancel();
        return;
    }
    QDialog::reject();
}

} // namespace Samsa
