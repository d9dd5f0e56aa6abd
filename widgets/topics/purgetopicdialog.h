#pragma once

// Purge a topic's messages (DeleteRecords): every partition to its end, or per partition up to a
// chosen offset (the messages before it are deleted; empty leaves the partition alone). Confirmed
// by a question naming the topic; each partition's new start offset or error is shown.

#include <QDialog>
#include <QList>

class QPushButton;
class QRadioButton;
class QTableWidget;

namespace Samsa {

class MessageBar;
class TopicActions;

class PurgeTopicDialog : public QDialog {
    Q_OBJECT
public:
    // `partitions`: the topic's partition ids with their current start and end offsets (-1: unknown).
    struct Partition {
        int id = -1;
        qint64 start = -1;
        qint64 end = -1;
    };
    PurgeTopicDialog(
        TopicActions* actions, const QString& topic, const QList<Partition>& partitions, QWidget* parent = nullptr);

Q_SIGNALS:
    void purged(const QString& topic);

private:
    void purge();

    TopicActions* m_actions;
    QString m_topic;
    QList<Partition> m_partitions;
    MessageBar* m_message;
    QRadioButton* m_toEnd;
    QRadioButton* m_toOffsets;
    QTableWidget* m_table;
    QPushButton* m_purgeButton;
    int m_job = 0;
};

} // namespace Samsa
