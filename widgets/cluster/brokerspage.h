#pragma once

// The brokers of a cluster on a page of their own.

#include <QPointer>
#include <QWidget>

namespace Samsa {

class BrokersTable;
class ClusterSession;
class MessageBar;

class BrokersPage : public QWidget {
    Q_OBJECT
public:
    explicit BrokersPage(ClusterSession* session, QWidget* parent = nullptr);

Q_SIGNALS:
    void brokerActivated(int id);

private:
    QPointer<ClusterSession> m_session;
    MessageBar* m_message;
    BrokersTable* m_brokers;
};

} // namespace Samsa
