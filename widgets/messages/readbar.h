#pragma once

// What to read, in one row above the message table: partitions (all, or some from a checkable
// list), where to start (the beginning, the last N per partition, an offset, a date and time, or a
// consumer group's committed offsets), how many messages at most, live tail, the key and value
// formats, and Read / Stop. Fills a ReadRequest; reading itself is the page's business.

#include "decoding/messageformat.h"
#include "messages/readrequest.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QToolButton;

namespace Samsa {

class ReadBar : public QWidget {
    Q_OBJECT
public:
    static constexpr int DefaultMaxMessages = 10000;

    explicit ReadBar(QWidget* parent = nullptr);

    // The topic's partitions; the checked ones stay checked (new ones are checked when all were).
    void setPartitions(const QList<int>& partitions);
    // Consumer groups offered for "Consumer group".
    void setGroups(const QStringList& groups);
    // Running: Read is disabled, Stop enabled, and the inputs stay editable for the next read.
    void setRunning(bool running);

    // Everything but the topic and find-by-key.
    ReadRequest request() const;
    // The checked partitions; empty when all are checked.
    QList<int> selectedPartitions() const;

    MessageFormat keyFormat() const;
    MessageFormat valueFormat() const;
    void setFormats(MessageFormat key, MessageFormat value); // without formatsChanged

Q_SIGNALS:
    void readRequested();
    void stopRequested();
    void formatsChanged();
    // "Consumer group" was chosen: the page should load the cluster's groups.
    void groupsWanted();

private:
    void updatePartitionsButton();
    void updateStartInput();

    QToolButton* m_partitionsButton;
    QListWidget* m_partitions;
    QComboBox* m_start;
    QStackedWidget* m_startInput;
    QSpinBox* m_lastCount;
    QLineEdit* m_offset;
    QDateTimeEdit* m_dateTime;
    QComboBox* m_group;
    QSpinBox* m_maxMessages;
    QCheckBox* m_liveTail;
    QComboBox* m_keyFormat;
    QComboBox* m_valueFormat;
    QPushButton* m_read;
    QPushButton* m_stop;
};

} // namespace Samsa
