#pragma once

// Clone a topic: a new name (checked as typed), partitions and replication factor prefilled from
// the source, the source's overrides listed and kept (a row can be removed or changed), and
// optionally the first or last N messages of each partition copied to the same partition number
// with keys, values, headers and timestamps (TopicClone). Progress shows while it runs; Cancel
// stops the copy. The dialog stays open on failure.

#include "topics/topicadmintypes.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace Samsa {

class MessageBar;
class TopicActions;
class TopicClone;
struct TopicCloneRequest;
struct TopicCloneResult;

class CloneTopicDialog : public QDialog {
    Q_OBJECT
public:
    CloneTopicDialog(TopicActions* actions, const QList<QPair<QString, QString>>& properties, const QString& source,
        QWidget* parent = nullptr);

    TopicCloneRequest request() const;

Q_SIGNALS:
    void topicCloned(const QString& name);

private:
    void showSource(const TopicCloneSource& source);
    void validate();
    void startClone();
    void showProgress(const QString& stage, qint64 done, qint64 total);
    void showResult(const TopicCloneResult& result);
    void reject() override;

    TopicActions* m_actions;
    TopicClone* m_clone;
    QString m_source;
    int m_sourcePartitions = 0;
    MessageBar* m_message;
    QLineEdit* m_name;
    QLabel* m_nameHint;
    QSpinBox* m_partitions;
    QSpinBox* m_replication;
    QTableWidget* m_overrides;
    QComboBox* m_copy;
    QSpinBox* m_count;
    QProgressBar* m_progress;
    QLabel* m_stage;
    QPushButton* m_cloneButton;
    int m_inspectJob = 0;
    bool m_inspected = false;
};

} // namespace Samsa
