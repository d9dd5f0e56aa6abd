#pragma once

// The configuration of one broker, asked for when the page is first shown and again on each refresh
// while it is visible.

#include <QPointer>
#include <QWidget>

class QLabel;

namespace Samsa {

class ClusterSession;
class ConfigsPanel;
struct ClusterMetadata;

class BrokerConfigPage : public QWidget {
    Q_OBJECT
public:
    BrokerConfigPage(ClusterSession* session, int brokerId, QWidget* parent = nullptr);

    int brokerId() const { return m_brokerId; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    void showMetadata(const ClusterMetadata& metadata);
    void request();

    QPointer<ClusterSession> m_session;
    int m_brokerId;
    QLabel* m_address;
    ConfigsPanel* m_configs;
    bool m_stale = true;
};

} // namespace Samsa
