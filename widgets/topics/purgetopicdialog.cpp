#include "purgetopicdialog.h"

#include "common/messagebar.h"
#include "topics/topicactions.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Samsa {

namespace {

enum Column { PartitionColumn, StartColumn, EndColumn, OffsetColumn, ResultColumn, ColumnCount };

QTableWidgetItem* fixedItem(const QString& text)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QString offsetText(qint64 offset)
{
    return offset >= 0 ? QString::number(offset) : QStringLiteral("?");
}

} // namespace

PurgeTopicDialog::PurgeTopicDialog(
    TopicActions* actions, const QString& topic, const QList<Partition>& partitions, QWidget* parent)
    : QDialog(parent)
    , m_actions(actions)
    , m_topic(topic)
    , m_partitions(partitions)
    , m_message(new MessageBar(this))
    , m_toEnd(new QRadioButton(tr("Every partition, to its end (delete all messages)"), this))
    , m_toOffsets(new QRadioButton(tr("Up to an offset per partition (the messages before it)"), this))
    , m_table(new QTableWidget(int(partitions.size()), ColumnCount, this))
    , m_purgeButton(new QPushButton(tr("Purge…"), this))
{
    setWindowTitle(tr("Purge messages of %1").arg(topic));
    m_message->setObjectName(QStringLiteral("purgeMessage"));
    m_toEnd->setObjectName(QStringLiteral("purgeToEnd"));
    m_toOffsets->setObjectName(QStringLiteral("purgeToOffsets"));
    m_table->setObjectName(QStringLiteral("purgePartitions"));
    m_purgeButton->setObjectName(QStringLiteral("purgeButton"));
    m_toEnd->setChecked(true);
    m_table->setHorizontalHeaderLabels({ tr("Partition"), tr("Start"), tr("End"), tr("Delete before"), tr("Result") });
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ResultColumn, QHeaderView::Stretch);
    for (int row = 0; row < partitions.size(); ++row) {
        const Partition& partition = partitions.at(row);
        m_table->setItem(row, PartitionColumn, fixedItem(QString::number(partition.id)));
        m_table->setItem(row, StartColumn, fixedItem(offsetText(partition.start)));
        m_table->setItem(row, EndColumn, fixedItem(offsetText(partition.end)));
        m_table->setItem(row, OffsetColumn, new QTableWidgetItem());
        m_table->setItem(row, ResultColumn, fixedItem(QString()));
    }
    m_table->setEnabled(false);
    connect(m_toOffsets, &QRadioButton::toggled, m_table, &QWidget::setEnabled);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_purgeButton, QDialogButtonBox::DestructiveRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_purgeButton, &QPushButton::clicked, this, &PurgeTopicDialog::purge);
    connect(m_actions, &TopicActions::finished, this, [this](int job, const TopicActionResult& result) {
        if (job != m_job)
            return;
        m_job = 0;
        m_purgeButton->setEnabled(true);
        for (const PartitionPurgeOutcome& outcome : result.partitions) {
            for (int row = 0; row < m_partitions.size(); ++row) {
                if (m_partitions.at(row).id == outcome.partition)
                    m_table->item(row, ResultColumn)
                        ->setText(outcome.error.isEmpty() ? tr("purged: starts at %1").arg(outcome.lowWatermark)
                                                          : outcome.error);
            }
        }
        if (!result.ok()) {
            m_message->showError(tr("Not everything was purged: %1").arg(result.failures().join(QLatin1Char('\n'))));
            return;
        }
        m_message->showMessage(
            tr("Purged %1 partition(s).").arg(result.partitions.size()), MessageBar::Kind::Information);
        Q_EMIT purged(m_topic);
    });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_toEnd);
    layout->addWidget(m_toOffsets);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
}

void PurgeTopicDialog::purge()
{
    PurgeRequest request { m_topic, {} };
    if (m_toOffsets->isChecked()) {
        for (int row = 0; row < m_partitions.size(); ++row) {
            const QString text = m_table->item(row, OffsetColumn)->text().trimmed();
            if (text.isEmpty())
                continue;
            bool isNumber = false;
            const qint64 offset = text.toLongLong(&isNumber);
            if (!isNumber || offset < 0) {
                m_message->showError(
                    tr("Partition %1: \"%2\" is not an offset.").arg(m_partitions.at(row).id).arg(text));
                return;
            }
            request.partitions.append({ m_partitions.at(row).id, offset });
        }
        if (request.partitions.isEmpty()) {
            m_message->showError(tr("Enter an offset for at least one partition."));
            return;
        }
    }
    {
        const QString question = m_toEnd->isChecked()
            ? tr("Delete every message of topic \"%1\"? This cannot be undone.").arg(m_topic)
            : tr("Delete the messages before the chosen offsets in %1 partition(s) of \"%2\"? This cannot be undone.")
                  .arg(request.partitions.size())
                  .arg(m_topic);
        if (QMessageBox::warning(
                this, tr("Purge messages"), question, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            != QMessageBox::Yes)
            return;
    }
    m_message->clearMessage();
    m_purgeButton->setEnabled(false);
    m_job = m_actions->purge({ request });
}

} // namespace Samsa
