#include "deletetopicsdialog.h"

#include "common/messagebar.h"
#include "topics/topicactions.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace Samsa {

DeleteTopicsDialog::DeleteTopicsDialog(TopicActions* actions, const QStringList& topics, QWidget* parent)
    : QDialog(parent)
    , m_actions(actions)
    , m_topics(topics)
    , m_message(new MessageBar(this))
    , m_list(new QListWidget(this))
    , m_confirmation(new QLineEdit(this))
    , m_deleteButton(
          new QPushButton(topics.size() == 1 ? tr("Delete Topic") : tr("Delete %1 Topics").arg(topics.size()), this))
{
    setWindowTitle(
        topics.size() == 1 ? tr("Delete topic %1").arg(topics.first()) : tr("Delete %1 topics").arg(topics.size()));
    m_message->setObjectName(QStringLiteral("deleteTopicsMessage"));
    m_list->setObjectName(QStringLiteral("deleteTopicsList"));
    m_confirmation->setObjectName(QStringLiteral("deleteTopicsConfirmation"));
    m_deleteButton->setObjectName(QStringLiteral("deleteTopicsSubmit"));
    m_list->addItems(topics);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);

    auto* warning = new QLabel(topics.size() == 1
            ? tr("Topic \"%1\" and all its messages will be deleted. This cannot be undone.").arg(topics.first())
            : tr("These %1 topics and all their messages will be deleted. This cannot be undone.").arg(topics.size()),
        this);
    warning->setWordWrap(true);
    auto* prompt = new QLabel(topics.size() == 1 ? tr("Type the topic's name to confirm:")
                                                 : tr("Type the number of topics (%1) to confirm:").arg(topics.size()),
        this);
    m_confirmation->setPlaceholderText(confirmationWord());
    m_deleteButton->setEnabled(false);
    connect(m_confirmation, &QLineEdit::textChanged, this,
        [this](const QString& text) { m_deleteButton->setEnabled(m_job == 0 && text == confirmationWord()); });

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_deleteButton, QDialogButtonBox::DestructiveRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_deleteButton, &QPushButton::clicked, this, [this] {
        if (m_confirmation->text() != confirmationWord())
            return;
        m_message->clearMessage();
        m_deleteButton->setEnabled(false);
        m_job = m_actions->deleteTopics(m_topics);
    });
    connect(m_actions, &TopicActions::finished, this, [this](int job, const TopicActionResult& result) {
        if (job == m_job) {
            m_job = 0;
            showResult(result);
        }
    });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(warning);
    layout->addWidget(m_list, 1);
    layout->addWidget(prompt);
    layout->addWidget(m_confirmation);
    layout->addWidget(buttons);
}

QString DeleteTopicsDialog::confirmationWord() const
{
    return m_topics.size() == 1 ? m_topics.first() : QString::number(m_topics.size());
}

void DeleteTopicsDialog::showResult(const TopicActionResult& result)
{
    QStringList deleted;
    for (const TopicOutcome& outcome : result.topics) {
        const qsizetype row = m_topics.indexOf(outcome.topic);
        if (row < 0)
            continue;
        QListWidgetItem* item = m_list->item(int(row));
        item->setText(outcome.error.isEmpty() ? tr("%1 — deleted").arg(outcome.topic)
                                              : tr("%1 — not deleted: %2").arg(outcome.topic, outcome.error));
        item->setData(Qt::UserRole, outcome.error.isEmpty());
        if (outcome.error.isEmpty())
            deleted.append(outcome.topic);
    }
    if (!deleted.isEmpty())
        Q_EMIT topicsDeleted(deleted);
    if (result.ok()) {
        accept();
        return;
    }
    m_message->showError(result.error.isEmpty()
            ? tr("%1 of %2 topics could not be deleted; each reason is in the list.")
                  .arg(m_topics.size() - deleted.size())
                  .arg(m_topics.size())
            : tr("Nothing was deleted: %1").arg(result.error));
    // What is left to delete is what failed; the confirmation must be typed again for it.
    m_confirmation->clear();
}

} // namespace Samsa
