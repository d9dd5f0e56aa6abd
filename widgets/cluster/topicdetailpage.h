#pragma once

// One topic: a header with its name and shape, the partitions with their watermarks, and the topic's
// configuration. Each area shows its own failure inline, so a cluster without DescribeConfigs still
// shows the partitions.

#include <QPointer>
#include <QWidget>

class QLabel;

namespace Samsa {

class ClusterSession;
class ConfigsPanel;
class DataTableView;
class MessageBar;
class PartitionsModel;
struct ClusterMetadata;

class TopicDetailPage : public QWidget {
    Q_OBJECT
public:
    TopicDetailPage(ClusterSession* session, const QString& topic, QWidget* parent = nullptr);

    QString topic() const { return m_topic; }

Q_SIGNALS:
    // The "Messages" button: open this topic's message browser.
    void messagesRequested(const QString& topic);
    // The "Produce…" button: write messages to this topic.
    void produceRequested(const QString& topic);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void showMetadata(const ClusterMetadata& metadata);
    void requestDetails();

    QPointer<ClusterSession> m_session;
    QString m_topic;
    QLabel* m_summary;
    MessageBar* m_partitionsMessage;
    PartitionsModel* m_partitions;
    DataTableView* m_partitionsView;
    ConfigsPanel* m_configs;
    bool m_stale = true; // details not requested since the last refresh
};

} // namespace Samsa
