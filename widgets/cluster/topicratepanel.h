#pragma once

// A topic's produce rate over time, in total and per partition (the legend toggles each; beyond 12
// partitions they start hidden), and the groups reading it with their lag; fed by the cluster's
// metrics engine.

#include <QHash>
#include <QPointer>
#include <QWidget>

class QLabel;

namespace Samsa {

class MetricsEngine;
class TimeSeriesChart;
struct MetricsSnapshot;

class TopicRatePanel : public QWidget {
    Q_OBJECT
public:
    TopicRatePanel(MetricsEngine* engine, const QString& topic, QWidget* parent = nullptr);

    TimeSeriesChart* chart() const { return m_chart; }

private:
    void addSnapshot(const MetricsSnapshot& snapshot);

    QPointer<MetricsEngine> m_engine;
    QString m_topic;
    QLabel* m_readers;
    TimeSeriesChart* m_chart;
    QHash<int, int> m_partitionSeries; // partition -> chart series
};

} // namespace Samsa
