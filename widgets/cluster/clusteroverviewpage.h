#pragma once

// The first page of a connected cluster: its id, controller, counts of brokers, topics and partitions,
// the partitions that need attention, and the brokers table.

#include <QPointer>
#include <QWidget>

class QLabel;

namespace Samsa {

class BrokersTable;
class ClusterSession;
class MessageBar;
struct ClusterMetadata;

class ClusterOverviewPage : public QWidget {
    Q_OBJECT
public:
    explicit ClusterOverviewPage(ClusterSession* session, QWidget* parent = nullptr);

Q_SIGNALS:
    void brokerActivated(int id);

private:
    void showMetadata(const ClusterMetadata& metadata);
    void showState();

    QPointer<ClusterSession> m_session;
    MessageBar* m_message;
    QLabel* m_clusterId;
    QLabel* m_controllerId;
    QLabel* m_brokerCount;
    QLabel* m_topicCount;
    QLabel* m_partitionCount;
    QLabel* m_underReplicated;
    QLabel* m_offline;
    BrokersTable* m_brokers;
};

} // namespace Samsa
