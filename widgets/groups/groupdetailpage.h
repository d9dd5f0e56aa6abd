#pragma once

// One consumer group: state, assignor and members, and per partition the committed offset, the
// end offset and the lag, refreshed every few seconds while shown.

#include "kafka/clustersession.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace Samsa {

class DataTableView;
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
    void showDetail(const GroupDetail& detail);

    QPointer<ClusterSession> m_session;
    QString m_groupId;
    MessageBar* m_message;
    QLabel* m_summary;
    QTableWidget* m_members;
    GroupOffsetsModel* m_offsets;
    DataTableView* m_offsetsView;
    QTimer m_timer;
};

} // namespace Samsa
