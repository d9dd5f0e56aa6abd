#pragma once

// The first page of a connected cluster: its id, controller, counts of brokers, topics and partitions,
// the partitions that need attention, the brokers table, and the lag and throughput dashboard.

#include <QPointer>
#include <QWidget>

class QLabel;

namespace Samsa {

class BrokersTable;
class ClusterMetricsPanel;
class ClusterSession;
class MessageBar;
struct ClusterMetadata;

class ClusterOverviewPage : public QWidget {
    Q_OBJECT
public:
    explicit ClusterOverviewPage(ClusterSession* session, QWidget* parent = nullptr);

Q_SIGNALS:
    void brokerActivated(int id);
    void groupActivated(const QString& group);
    void topicActivated(const QString& topic);

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
    ClusterMetricsPanel* m_metrics = nullptr;
};

} // namespace Samsa
