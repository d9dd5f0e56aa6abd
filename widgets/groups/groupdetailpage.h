#pragma once

// One consumer group: its lag over time (GroupLagPanel), state, assignor and members, and per
// partition the committed offset, the end offset, the lag, the time lag and the health, refreshed
// every few seconds while shown.

#include "kafka/clustersession.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace Samsa {

class DataTableView;
class GroupActions;
class GroupLagPanel;
class GroupOffsetsModel;
class MessageBar;

class GroupDetailPage : public QWidget {
    Q_OBJECT
public:
    GroupDetailPage(ClusterSession* session, const QString& groupId, QWidget* parent = nullptr);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void reload();
    GroupActions* actions();
    void resetOffsets();
    void deleteOffsets();
    void deleteGroup();
    void editAlerts();
    void showDetail(const GroupDetail& detail);

    QPointer<ClusterSession> m_session;
    QString m_groupId;
    MessageBar* m_message;
    QLabel* m_summary;
    QTableWidget* m_members;
    GroupOffsetsModel* m_offsets;
    DataTableView* m_offsetsView;
    GroupLagPanel* m_lagPanel = nullptr;
    GroupActions* m_actions = nullptr; // made on first use
    QStringList m_groupTopics; // from the last description
    QTimer m_timer;
};

} // namespace Samsa
