#include "offsetresetdialog.h"

#include "common/messagebar.h"
#include "groups/groupactions.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Samsa {

namespace {

enum Column { TopicColumn, PartitionColumn, CurrentColumn, NewColumn, NoteColumn, ResultColumn, ColumnCount };

QTableWidgetItem* cellItem(const QString& text, bool number)
{
    auto* item = new QTableWidgetItem(text);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

OffsetResetDialog::OffsetResetDialog(GroupActions* actions, const QString& groupId, const QStringList& topics, QWidget* parent)
    : QDialog(parent)
    , m_actions(actions)
    , m_groupId(groupId)
    , m_message(new MessageBar(this))
    , m_topic(new QComboBox(this))
    , m_partitions(new QLineEdit(this))
    , m_target(new QComboBox(this))
    , m_targetValue(new QStackedWidget(this))
    , m_time(new QDateTimeEdit(QDateTime::currentDateTime().addSecs(-3600), this))
    , m_offset(new QLineEdit(this))
    , m_shift(new QLineEdit(this))
    , m_preview(new QTableWidget(0, ColumnCount, this))
    , m_previewButton(new QPushButton(tr("Preview"), this))
    , m_applyButton(new QPushButton(tr("Reset Offsets…"), this))
{
    setWindowTitle(tr("Reset offsets of %1").arg(groupId));
    m_message->setObjectName(QStringLiteral("resetMessage"));
    m_topic->setObjectName(QStringLiteral("resetTopic"));
    m_partitions->setObjectName(QStringLiteral("resetPartitions"));
    m_target->setObjectName(QStringLiteral("resetTarget"));
    m_time->setObjectName(QStringLiteral("resetTime"));
    m_offset->setObjectName(QStringLiteral("resetOffset"));
    m_shift->setObjectName(QStringLiteral("resetShift"));
    m_preview->setObjectName(QStringLiteral("resetPreview"));
    m_previewButton->setObjectName(QStringLiteral("resetPreviewButton"));
    m_applyButton->setObjectName(QStringLiteral("resetApplyButton"));

    m_topic->addItem(tr("Every topic the group has offsets for"));
    m_topic->addItems(topics);
    m_partitions->setPlaceholderText(tr("all, or e.g. 0, 2, 5"));
    m_partitions->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9 ,]*")), this));
    m_partitions->setEnabled(false);
    connect(m_topic, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_partitions->setEnabled(index > 0);
        m_previewShown = false;
        m_applyButton->setEnabled(false);
    });
    m_target->addItems({ tr("Earliest (start of the log)"), tr("Latest (end of the log)"), tr("Date and time"),
        tr("Offset"), tr("Shift by") });
    m_time->setCalendarPopup(true);
    m_time->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_offset->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,18}")), this));
    m_offset->setPlaceholderText(tr("offset"));
    m_shift->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[+-]?[0-9]{1,18}")), this));
    m_shift->setPlaceholderText(tr("e.g. -1000 or +50"));
    m_targetValue->addWidget(new QWidget(this)); // earliest, latest: nothing to enter
    m_targetValue->addWidget(m_time);
    m_targetValue->addWidget(m_offset);
    m_targetValue->addWidget(m_shift);
    connect(m_target, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_targetValue->setCurrentIndex(index <= 1 ? 0 : index - 1);
        m_applyButton->setEnabled(false);
    });
    for (QLineEdit* edit : { m_partitions, m_offset, m_shift })
        connect(edit, &QLineEdit::textEdited, this, [this] { m_applyButton->setEnabled(false); });

    m_preview->setHorizontalHeaderLabels({ tr("Topic"), tr("Partition"), tr("Current"), tr("New"), tr("Note"), tr("Result") });
    m_preview->verticalHeader()->hide();
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_preview->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_preview->horizontalHeader()->setSectionResizeMode(NoteColumn, QHeaderView::Stretch);
    m_preview->setColumnHidden(ResultColumn, true);

    m_applyButton->setEnabled(false);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_previewButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_applyButton, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_previewButton, &QPushButton::clicked, this, &OffsetResetDialog::askPreview);
    connect(m_applyButton, &QPushButton::clicked, this, &OffsetResetDialog::askApply);
    connect(m_actions, &GroupActions::previewReady, this, [this](const OffsetResetPlan& plan) { showPlan(plan, false); });
    connect(m_actions, &GroupActions::applied, this, [this](const OffsetResetPlan& plan, const QString& error) {
        showPlan(plan, true);
        if (!error.isEmpty()) {
            m_message->showError(tr("Not every offset was reset: %1").arg(error));
            return;
        }
        m_message->showMessage(tr("Offsets of %1 partition(s) reset.").arg(plan.rows.size()), MessageBar::Kind::Information);
        Q_EMIT offsetsReset();
    });

    auto* form = new QFormLayout;
    form->addRow(tr("Topic"), m_topic);
    form->addRow(tr("Partitions"), m_partitions);
    form->addRow(tr("Reset to"), m_target);
    form->addRow(QString(), m_targetValue);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Preview: each partition's committed offset and where it would move"), this));
    layout->addWidget(m_preview, 1);
    layout->addWidget(buttons);
    resize(720, 480);
}

OffsetResetRequest OffsetResetDialog::request(QString* error) const
{
    OffsetResetRequest request;
    request.group = m_groupId;
    if (m_topic->currentIndex() > 0) {
        request.topic = m_topic->currentText();
        for (const QString& part : m_partitions->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            bool ok = false;
            const int partition = part.trimmed().toInt(&ok);
            if (!ok) {
                *error = tr("Partitions: \"%1\" is not a partition number.").arg(part.trimmed());
                return request;
            }
            if (!request.partitions.contains(partition))
                request.partitions.append(partition);
        }
    }
    using Kind = OffsetResetTarget::Kind;
    switch (m_target->currentIndex()) {
    case 0:
        request.target = { Kind::Earliest, 0 };
        break;
    case 1:
        request.target = { Kind::Latest, 0 };
        break;
    case 2:
        request.target = { Kind::DateTime, m_time->dateTime().toMSecsSinceEpoch() };
        break;
    case 3:
    case 4: {
        QLineEdit* edit = m_target->currentIndex() == 3 ? m_offset : m_shift;
        bool ok = false;
        const qint64 value = edit->text().trimmed().toLongLong(&ok);
        if (!ok)
            *error = m_target->currentIndex() == 3 ? tr("Enter the offset to reset to.") : tr("Enter how far to shift (e.g. -1000).");
        request.target = { m_target->currentIndex() == 3 ? Kind::Offset : Kind::Shift, value };
        break;
    }
    }
    return request;
}

void OffsetResetDialog::setBusy(bool busy)
{
    m_previewButton->setEnabled(!busy);
    if (busy)
        m_applyButton->setEnabled(false);
}

void OffsetResetDialog::askPreview()
{
    QString error;
    const OffsetResetRequest wanted = request(&error);
    if (!error.isEmpty()) {
        m_message->showError(error);
        return;
    }
    m_message->clearMessage();
    setBusy(true);
    m_actions->preview(wanted);
}

void OffsetResetDialog::showPlan(const OffsetResetPlan& plan, bool applied)
{
    setBusy(false);
    m_plan = plan;
    if (!plan.error.isEmpty()) {
        m_preview->setRowCount(0);
        m_message->showError(plan.error);
        return;
    }
    m_preview->setColumnHidden(ResultColumn, !applied);
    m_preview->setRowCount(int(plan.rows.size()));
    for (int row = 0; row < plan.rows.size(); ++row) {
        const OffsetResetRow& entry = plan.rows.at(row);
        m_preview->setItem(row, TopicColumn, cellItem(entry.topic, false));
        m_preview->setItem(row, PartitionColumn, cellItem(QString::number(entry.partition), true));
        m_preview->setItem(row, CurrentColumn, cellItem(entry.current >= 0 ? QString::number(entry.current) : tr("–"), true));
        m_preview->setItem(row, NewColumn, cellItem(QString::number(entry.target), true));
        m_preview->setItem(row, NoteColumn, cellItem(entry.note, false));
        m_preview->setItem(row, ResultColumn, cellItem(entry.result.isEmpty() ? tr("done") : entry.result, false));
    }
    if (!applied && !plan.refusal.isEmpty())
        m_message->showMessage(plan.refusal, MessageBar::Kind::Warning);
    m_applyButton->setEnabled(!applied && plan.canApply());
}

void OffsetResetDialog::askApply()
{
    if (!m_plan.canApply())
        return;
    const auto answer = QMessageBox::question(this, tr("Reset offsets"),
        tr("Move the committed offsets of %n partition(s) of group \"%1\" to %2?", nullptr, int(m_plan.rows.size()))
            .arg(m_groupId, targetText(m_plan.request.target)),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    setBusy(true);
    m_actions->apply(m_plan);
}

} // namespace Samsa
