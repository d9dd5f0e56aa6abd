#include "readbar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>
#include <QWidgetAction>

namespace Samsa {

namespace {
    enum StartRow { BeginningRow, LastRow, OffsetRow, TimeRow, GroupRow };

    QComboBox* formatCombo(QWidget* parent, const QString& name)
    {
        auto* combo = new QComboBox(parent);
        combo->setObjectName(name);
        for (MessageFormat format : allMessageFormats())
            combo->addItem(messageFormatTitle(format), int(format));
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        return combo;
    }
}

ReadBar::ReadBar(QWidget* parent)
    : QWidget(parent)
    , m_partitionsButton(new QToolButton(this))
    , m_partitions(new QListWidget(this))
    , m_start(new QComboBox(this))
    , m_startInput(new QStackedWidget(this))
    , m_lastCount(new QSpinBox(this))
    , m_offset(new QLineEdit(this))
    , m_dateTime(new QDateTimeEdit(QDateTime::currentDateTime().addSecs(-3600), this))
    , m_group(new QComboBox(this))
    , m_maxMessages(new QSpinBox(this))
    , m_liveTail(new QCheckBox(tr("Live tail"), this))
    , m_keyFormat(formatCombo(this, QStringLiteral("keyFormatCombo")))
    , m_valueFormat(formatCombo(this, QStringLiteral("valueFormatCombo")))
    , m_read(new QPushButton(tr("&Read"), this))
    , m_stop(new QPushButton(tr("&Stop"), this))
{
    m_partitionsButton->setObjectName(QStringLiteral("partitionsButton"));
    m_partitionsButton->setPopupMode(QToolButton::InstantPopup);
    m_partitionsButton->setToolTip(tr("Partitions to read"));
    m_partitions->setObjectName(QStringLiteral("partitionsList"));
    m_partitions->setUniformItemSizes(true);
    m_partitions->setMinimumSize(160, 200);
    // A list in the menu, so that ticking several partitions does not close it after each.
    auto* menu = new QMenu(m_partitionsButton);
    auto* all = menu->addAction(tr("All Partitions"));
    auto* none = menu->addAction(tr("None"));
    menu->addSeparator();
    auto* listAction = new QWidgetAction(menu);
    listAction->setDefaultWidget(m_partitions);
    menu->addAction(listAction);
    m_partitionsButton->setMenu(menu);
    const auto checkAll = [this](Qt::CheckState state) {
        for (int row = 0; row < m_partitions->count(); ++row)
            m_partitions->item(row)->setCheckState(state);
    };
    connect(all, &QAction::triggered, this, [checkAll] { checkAll(Qt::Checked); });
    connect(none, &QAction::triggered, this, [checkAll] { checkAll(Qt::Unchecked); });
    connect(m_partitions, &QListWidget::itemChanged, this, &ReadBar::updatePartitionsButton);

    m_start->setObjectName(QStringLiteral("startCombo"));
    m_start->addItem(tr("Beginning"));
    m_start->addItem(tr("Last N per partition"));
    m_start->addItem(tr("Offset"));
    m_start->addItem(tr("Date and time"));
    m_start->addItem(tr("Consumer group"));
    m_lastCount->setObjectName(QStringLiteral("lastCountSpin"));
    m_lastCount->setRange(1, 100'000'000);
    m_lastCount->setValue(100);
    m_lastCount->setGroupSeparatorShown(true);
    m_offset->setObjectName(QStringLiteral("offsetEdit"));
    m_offset->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{1,19}")), m_offset));
    m_offset->setText(QStringLiteral("0"));
    m_offset->setPlaceholderText(tr("offset"));
    m_dateTime->setObjectName(QStringLiteral("startDateTime"));
    m_dateTime->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_dateTime->setCalendarPopup(true);
    m_group->setObjectName(QStringLiteral("groupCombo"));
    m_group->setEditable(true);
    m_group->setMinimumContentsLength(16);
    m_group->setInsertPolicy(QComboBox::NoInsert);
    m_startInput->addWidget(new QWidget(m_startInput));
    m_startInput->addWidget(m_lastCount);
    m_startInput->addWidget(m_offset);
    m_startInput->addWidget(m_dateTime);
    m_startInput->addWidget(m_group);
    m_startInput->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);

    m_maxMessages->setObjectName(QStringLiteral("maxMessagesSpin"));
    m_maxMessages->setRange(0, 100'000'000);
    m_maxMessages->setSingleStep(10000);
    m_maxMessages->setValue(DefaultMaxMessages);
    m_maxMessages->setGroupSeparatorShown(true);
    m_maxMessages->setSpecialValueText(tr("No limit"));
    m_maxMessages->setToolTip(tr("Stop after this many messages (0: no limit)"));
    m_liveTail->setObjectName(QStringLiteral("liveTailCheck"));
    m_liveTail->setToolTip(tr("Keep reading new messages as they arrive, until Stop"));
    m_read->setObjectName(QStringLiteral("readButton"));
    m_read->setDefault(true);
    m_stop->setObjectName(QStringLiteral("stopButton"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Partitions:"), this));
    layout->addWidget(m_partitionsButton);
    layout->addSpacing(8);
    layout->addWidget(new QLabel(tr("From:"), this));
    layout->addWidget(m_start);
    layout->addWidget(m_startInput);
    layout->addSpacing(8);
    layout->addWidget(new QLabel(tr("Max:"), this));
    layout->addWidget(m_maxMessages);
    layout->addWidget(m_liveTail);
    layout->addSpacing(8);
    layout->addWidget(new QLabel(tr("Key:"), this));
    layout->addWidget(m_keyFormat);
    layout->addWidget(new QLabel(tr("Value:"), this));
    layout->addWidget(m_valueFormat);
    layout->addStretch(1);
    layout->addWidget(m_read);
    layout->addWidget(m_stop);

    connect(m_start, &QComboBox::currentIndexChanged, this, &ReadBar::updateStartInput);
    connect(m_read, &QPushButton::clicked, this, &ReadBar::readRequested);
    connect(m_stop, &QPushButton::clicked, this, &ReadBar::stopRequested);
    connect(m_offset, &QLineEdit::returnPressed, this, &ReadBar::readRequested);
    connect(m_keyFormat, &QComboBox::currentIndexChanged, this, &ReadBar::formatsChanged);
    connect(m_valueFormat, &QComboBox::currentIndexChanged, this, &ReadBar::formatsChanged);
    updateStartInput();
    updatePartitionsButton();
    setRunning(false);
}

void ReadBar::setPartitions(const QList<int>& partitions)
{
    const QList<int> selected = selectedPartitions();
    const bool allChecked = selected.isEmpty();
    QList<int> current;
    for (int row = 0; row < m_partitions->count(); ++row)
        current.append(m_partitions->item(row)->data(Qt::UserRole).toInt());
    if (current == partitions)
        return;
    const QSignalBlocker blocker(m_partitions);
    m_partitions->clear();
    for (int partition : partitions) {
        auto* item = new QListWidgetItem(tr("Partition %1").arg(partition), m_partitions);
        item->setData(Qt::UserRole, partition);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(allChecked || selected.contains(partition) ? Qt::Checked : Qt::Unchecked);
    }
    updatePartitionsButton();
}

void ReadBar::setGroups(const QStringList& groups)
{
    const QString current = m_group->currentText();
    m_group->clear();
    m_group->addItems(groups);
    m_group->setCurrentText(current.isEmpty() && !groups.isEmpty() ? groups.first() : current);
}

void ReadBar::setRunning(bool running)
{
    m_read->setEnabled(!running);
    m_stop->setEnabled(running);
}

QList<int> ReadBar::selectedPartitions() const
{
    QList<int> selected;
    for (int row = 0; row < m_partitions->count(); ++row)
        if (m_partitions->item(row)->checkState() == Qt::Checked)
            selected.append(m_partitions->item(row)->data(Qt::UserRole).toInt());
    return selected.size() == m_partitions->count() ? QList<int>() : selected;
}

void ReadBar::updatePartitionsButton()
{
    const int total = m_partitions->count();
    const QList<int> selected = selectedPartitions();
    QString text;
    if (selected.isEmpty() && total > 0)
        text = tr("All (%1)").arg(total);
    else if (total == 0)
        text = tr("All");
    else if (selected.size() <= 4) {
        QStringList numbers;
        for (int partition : selected)
            numbers.append(QString::number(partition));
        text = numbers.isEmpty() ? tr("None") : numbers.join(QStringLiteral(", "));
    } else {
        text = tr("%1 of %2").arg(selected.size()).arg(total);
    }
    m_partitionsButton->setText(text);
    // None checked reads nothing: say so rather than reading everything.
    bool anyChecked = total == 0;
    for (int row = 0; row < total && !anyChecked; ++row)
        anyChecked = m_partitions->item(row)->checkState() == Qt::Checked;
    m_read->setToolTip(anyChecked ? QString() : tr("Choose at least one partition"));
    if (!m_stop->isEnabled())
        m_read->setEnabled(anyChecked);
}

void ReadBar::updateStartInput()
{
    m_startInput->setCurrentIndex(m_start->currentIndex());
    m_startInput->setVisible(m_start->currentIndex() != BeginningRow);
    if (m_start->currentIndex() == GroupRow)
        Q_EMIT groupsWanted();
}

ReadRequest ReadBar::request() const
{
    ReadRequest request;
    request.partitions = selectedPartitions();
    switch (m_start->currentIndex()) {
    case BeginningRow:
        request.start = ReadStart::Beginning;
        break;
    case LastRow:
        request.start = ReadStart::LastPerPartition;
        request.lastCount = m_lastCount->value();
        break;
    case OffsetRow:
        request.start = ReadStart::Offset;
        request.offset = m_offset->text().toLongLong();
        break;
    case TimeRow:
        request.start = ReadStart::Timestamp;
        request.timestampMs = m_dateTime->dateTime().toMSecsSinceEpoch();
        break;
    case GroupRow:
        request.start = ReadStart::GroupOffsets;
        request.groupId = m_group->currentText().trimmed();
        break;
    }
    request.maxMessages = m_maxMessages->value();
    request.liveTail = m_liveTail->isChecked();
    return request;
}

MessageFormat ReadBar::keyFormat() const { return MessageFormat(m_keyFormat->currentData().toInt()); }

MessageFormat ReadBar::valueFormat() const { return MessageFormat(m_valueFormat->currentData().toInt()); }

void ReadBar::setFormats(MessageFormat key, MessageFormat value)
{
    const QSignalBlocker blockKey(m_keyFormat);
    const QSignalBlocker blockValue(m_valueFormat);
    m_keyFormat->setCurrentIndex(std::max(0, m_keyFormat->findData(int(key))));
    m_valueFormat->setCurrentIndex(std::max(0, m_valueFormat->findData(int(value))));
}

} // namespace Samsa
