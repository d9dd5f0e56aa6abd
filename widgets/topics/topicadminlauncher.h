#pragma once

// Opens the topic administration dialogs (create, delete, add partitions, purge, clone) for a page of a
// cluster, with one TopicActions worker made on first use from the session's profile and secrets.
// After a change the session is refreshed, so the pages show it. Shared by the topics page and the
// topic detail page.

#include <QObject>
#include <QPointer>
#include <QStringList>

class QWidget;

namespace Samsa {

class ClusterSession;
class TopicActions;

class TopicAdminLauncher : public QObject {
    Q_OBJECT
public:
    TopicAdminLauncher(ClusterSession* session, QWidget* parent);

    void createTopic();
    void deleteTopics(const QStringList& topics);
    void addPartitions(const QString& topic);
    void purge(const QString& topic);
    void cloneTopic(const QString& topic);

Q_SIGNALS:
    void topicsDeleted(const QStringList& topics);

private:
    TopicActions* actions();
    void refreshSession();

    QPointer<ClusterSession> m_session;
    QWidget* m_parent;
    TopicActions* m_actions = nullptr;
};

} // namespace Samsa
