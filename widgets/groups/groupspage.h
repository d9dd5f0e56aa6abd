#pragma once

// The consumer groups of a cluster: state, members, partitions and total lag, refreshed every few
// seconds while the page is shown. Enter or double-click opens a group, a single click previews it.

#include "kafka/clustersession.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;

namespace Samsa {

class DataTableView;
class GroupsModel;
class MessageBar;

class GroupsPage : public QWidget {
    Q_OBJECT
public:
    // How often the lag is brought up to date while the page is visible.
    static constexpr int RefreshIntervalMs = 5000;

    explicit GroupsPage(ClusterSession* session, QWidget* parent = nullptr);

Q_SIGNALS:
    void groupActivated(const QString& groupId);
    // A single click on a row: the main window shows the group in its preview tab.
    void groupSelected(const QString& groupId);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void reload();
    void showGroups(const GroupListResult& result);
    void updateCount();

    QPointer<ClusterSession> m_session;
    GroupsModel* m_model;
    QSortFilterProxyModel* m_proxy;
    MessageBar* m_message;
    QLineEdit* m_filter;
    DataTableView* m_view;
    QLabel* m_count;
    QTimer m_timer;
    bool m_loading = false;
};

} // namespace Samsa
