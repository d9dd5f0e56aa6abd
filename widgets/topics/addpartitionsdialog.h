#pragma once

// Grow a topic to more partitions. Kafka cannot remove partitions, and a key's partition is its
// hash modulo the count, so the dialog warns that new messages with an existing key may go to
// another partition than the older ones (per-key order breaks across the change).

#include <QDialog>

class QPushButton;
class QSpinBox;

namespace Samsa {

class MessageBar;
class TopicActions;

class AddPartitionsDialog : public QDialog {
    Q_OBJECT
public:
    AddPartitionsDialog(TopicActions* actions, const QString& topic, int currentCount, QWidget* parent = nullptr);

Q_SIGNALS:
    void partitionsAdded(const QString& topic, int newTotal);

private:
    TopicActions* m_actions;
    QString m_topic;
    MessageBar* m_message;
    QSpinBox* m_total;
    QPushButton* m_applyButton;
    int m_job = 0;
};

} // namespace Samsa
