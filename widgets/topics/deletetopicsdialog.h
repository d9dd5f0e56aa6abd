#pragma once

// Delete one or more topics after a typed confirmation: one topic needs its name typed, several
// need their count typed ("3"), while every name is listed, so that the choice is read before it
// is made. Each topic's result is shown in the list; the dialog stays open when any failed.

#include "topics/topicadmintypes.h"

#include <QDialog>
#include <QStringList>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace Samsa {

class MessageBar;
class TopicActions;

class DeleteTopicsDialog : public QDialog {
    Q_OBJECT
public:
    DeleteTopicsDialog(TopicActions* actions, const QStringList& topics, QWidget* parent = nullptr);

    // What has to be typed to confirm: the name of a single topic, else the number of topics.
    QString confirmationWord() const;

Q_SIGNALS:
    void topicsDeleted(const QStringList& deleted);

private:
    void showResult(const TopicActionResult& result);

    TopicActions* m_actions;
    QStringList m_topics;
    MessageBar* m_message;
    QListWidget* m_list;
    QLineEdit* m_confirmation;
    QPushButton* m_deleteButton;
    int m_job = 0;
};

} // namespace Samsa
