#pragma once

// Reset a consumer group's offsets: choose the scope (every topic the group committed for, one
// topic, or some of its partitions) and the target (earliest, latest, a date-time, an offset, or a
// shift), see a preview of every partition's old and new offset, then apply after a confirmation and
// see each partition's result. The cluster refuses while the group has members; the dialog says so
// at the preview, before anything is tried.

#include "groups/offsetreset.h"

#include <QDialog>

class QComboBox;
class QDateTimeEdit;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableWidget;

namespace Samsa {

class GroupActions;
class MessageBar;

class OffsetResetDialog : public QDialog {
    Q_OBJECT
public:
    // `topics`: the topics to offer (those the group committed for, then the cluster's others).
    OffsetResetDialog(GroupActions* actions, const QString& groupId, const QStringList& topics, QWidget* parent = nullptr);

    const OffsetResetPlan& plan() const { return m_plan; }

Q_SIGNALS:
    void offsetsReset(); // after a successful apply

private:
    OffsetResetRequest request(QString* error) const;
    void askPreview();
    void showPlan(const OffsetResetPlan& plan, bool applied);
    void askApply();
    void setBusy(bool busy);

    GroupActions* m_actions;
    QString m_groupId;
    MessageBar* m_message;
    QComboBox* m_topic;
    QLineEdit* m_partitions;
    QComboBox* m_target;
    QStackedWidget* m_targetValue;
    QDateTimeEdit* m_time;
    QLineEdit* m_offset;
    QLineEdit* m_shift;
    QTableWidget* m_preview;
    QPushButton* m_previewButton;
    QPushButton* m_applyButton;
    OffsetResetPlan m_plan;
    bool m_previewShown = false;
};

} // namespace Samsa
