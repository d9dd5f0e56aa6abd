#pragma once

// The cluster dashboard on the overview page: messages in and out per second over time (the past
// week reloaded from the history a minute at a time, then every round), bytes in and the size on
// disk, the groups lagging most and the busiest topics, each with a sparkline of its last minutes;
// fed by the cluster's metrics engine. A double click opens the group or topic.

#include <QList>
#include <QPointer>
#include <QWidget>

class QLabel;
class QTableView;

namespace Samsa {

class MetricsEngine;
class RankingModel;
class TimeSeriesChart;
struct MetricsSnapshot;
struct ThroughputPoint;

class ClusterMetricsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ClusterMetricsPanel(MetricsEngine* engine, QWidget* parent = nullptr);

    TimeSeriesChart* chart() const { return m_chart; }

Q_SIGNALS:
    void groupActivated(const QString& group);
    void topicActivated(const QString& topic);

private:
    void addSnapshot(const MetricsSnapshot& snapshot);
    void addHistory(const QList<ThroughputPoint>& history);
    QTableView* makeTable(RankingModel* model, const char* name);

    QPointer<MetricsEngine> m_engine;
    QLabel* m_status;
    TimeSeriesChart* m_chart;
    RankingModel* m_groups;
    RankingModel* m_topics;
};

} // namespace Samsa
