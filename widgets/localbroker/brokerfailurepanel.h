#pragma once

// Why the local broker is not running, where the user looks first: the reason, the broker's last
// lines, and for a busy port a one-click way to a free one.

#include <QFrame>

class QLabel;
class QPushButton;

namespace Samsa {

class LocalBroker;

class BrokerFailurePanel : public QFrame {
    Q_OBJECT
public:
    explicit BrokerFailurePanel(QWidget* parent = nullptr);

    void showFailure(const LocalBroker& broker); // hides itself when the broker has not failed

Q_SIGNALS:
    void useFreePortRequested(quint16 port);

private:
    QLabel* m_reason;
    QLabel* m_lastLines;
    QPushButton* m_useFreePort;
    quint16 m_freePort = 0;
};

} // namespace Samsa
