#include "addpartitionsdialog.h"

#include "common/messagebar.h"
#include "topics/topicactions.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Samsa {

AddPartitionsDialog::AddPartitionsDialog(TopicActions* actions, const QString& topic, int currentCount, QWidget* parent)
    : QDialog(parent)
    , m_actions(actions)
    , m_topic(topic)
    , m_message(new MessageBar(this))
    , m_total(new QSpinBox(this))
    , m_applyButton(new QPushButton(tr("Add Partitions"), this))
{
    setWindowTitle(tr("Add partitions to %1").arg(topic));
    m_message->setObjectName(QStringLiteral("addPartitionsMessage"));
    m_total->setObjectName(QStringLiteral("addPartitionsTotal"));
    m_applyButton->setObjectName(QStringLiteral("addPartitionsButton"));
    m_total->setRange(currentCount + 1, 100000);
    m_total->setValue(currentCount + 1);

    auto* warning = new QLabel(tr("Partitions can be added but never removed. A key's partition is its hash modulo the "
                                  "number of partitions: after the change, new messages with an existing key may go to "
                                  "another partition than that key's older messages, so consumers no longer see each "
                                  "key's messages in one order."),
        this);
    warning->setObjectName(QStringLiteral("addPartitionsWarning"));
    warning->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Partitions now:"), new QLabel(QString::number(currentCount), this));
    form->addRow(tr("New total:"), m_total);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_applyButton, QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_applyButton, &QPushButton::clicked, this, [this] {
        m_message->clearMessage();
        m_applyButton->setEnabled(false);
        m_job = m_actions->createPartitions(m_topic, m_total->value());
    });
    connect(m_actions, &TopicActions::finished, this, [this](int job, const TopicActionResult& result) {
        if (job != m_job)
            return;
        m_job = 0;
        m_applyButton->setEnabled(true);
        if (!result.ok()) {
            m_message->showError(tr("No partitions were added: %1").arg(result.failures().join(QLatin1Char('\n'))));
            return;
        }
        Q_EMIT partitionsAdded(m_topic, m_total->value());
        accept();
    });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(warning);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

} // namespace Samsa
