#pragma once

// The "Local broker" page: start, stop and restart samsa-broker, its state, port, data directory,
// uptime, topic and partition counts (from the "Local" connection), disk used, and its live log.

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTimer;

namespace Samsa {

class BrokerFailurePanel;
class BrokerLogView;
class ClusterSession;
class LocalBroker;

class LocalBrokerPage : public QWidget {
    Q_OBJECT
public:
    explicit LocalBrokerPage(LocalBroker* broker, QWidget* parent = nullptr);

    // The open "Local" connection, for the counts; null when it is not open.
    void setSession(ClusterSession* session);

Q_SIGNALS:
    void connectRequested(); // the user asked to open the "Local" connection
    void sampleDataRequested(); // Load Sample Data… on the local cluster

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void showState();
    void showUptime();
    void showDiskUsage();
    void showCounts();
    void showPortHint();

    LocalBroker* m_broker;
    QPointer<ClusterSession> m_session;
    QLabel* m_stateLamp;
    QLabel* m_state;
    QPushButton* m_start;
    QPushButton* m_stop;
    QPushButton* m_restart;
    QPushButton* m_sampleData;
    BrokerFailurePanel* m_failure;
    QSpinBox* m_port;
    QLabel* m_portHint;
    QLabel* m_dataDir;
    QLabel* m_uptime;
    QLabel* m_counts;
    QLabel* m_disk;
    QComboBox* m_level;
    BrokerLogView* m_log;
    QTimer* m_ticker;
    int m_ticks = 0;
};

} // namespace Samsa
