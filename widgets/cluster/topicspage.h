#pragma once

// All topics of a cluster: a filter (Ctrl+F), a switch for internal topics, a sortable table and an
// "N of M topics" count. Double-click or Enter on a row emits topicActivated, a single click
// topicSelected; the context menu (and Ctrl+M) asks for the topic's messages. "Create Topic…" and
// "Delete…" above the table, and the context menu's administration entries, open the topic dialogs;
// several rows can be selected for a delete.

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace Samsa {

class ClusterSession;
class DataTableView;
class MessageBar;
class TopicsFilterModel;
class TopicsModel;
class TopicAdminLauncher;

class TopicsPage : public QWidget {
    Q_OBJECT
public:
    explicit TopicsPage(ClusterSession* session, QWidget* parent = nullptr);

Q_SIGNALS:
    void topicActivated(const QString& name);
    void topicSelected(const QString& name);
    void messagesRequested(const QString& name);
    void produceRequested(const QString& name); // context menu "Produce…"

private:
    void updateCount();
    void showContextMenu(const QPoint& position);
    QString currentTopic() const;
    QStringList selectedTopics() const; // the selected rows, else the current one

    QPointer<ClusterSession> m_session;
    TopicsModel* m_model;
    TopicsFilterModel* m_proxy;
    MessageBar* m_message;
    QLineEdit* m_filter;
    QCheckBox* m_showInternal;
    DataTableView* m_view;
    QLabel* m_count;
    TopicAdminLauncher* m_admin;
};

} // namespace Samsa
