#pragma once

// A topic's produce rate over time, in messages or bytes per second, in total and per partition
// (the legend toggles each; beyond 12 partitions they start hidden), its size on disk, and the
// groups reading it with their lag; fed by the cluster's metrics engine, with the past reloaded
// from the history.

#include <QList>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;

namespace Samsa {

class MetricsEngine;
class TimeSeriesChart;
struct MetricsSnapshot;
struct PartitionMetrics;
struct TopicHistoryPoint;
struct TopicMetrics;

class TopicRatePanel : public QWidget {
    Q_OBJECT
public:
    enum class Metric { Messages, Bytes };

    TopicRatePanel(MetricsEngine* engine, const QString& topic, QWidget* parent = nullptr);

    TimeSeriesChart* chart() const { return m_chart; }
    void setMetric(Metric metric);

private:
    struct Point {
        qint64 timeMs = 0;
        double messages = 0; // NaN: not known
        double bytes = 0;
        QList<double> partitionMessages; // by partition number
        QList<double> partitionBytes;
    };
    static Point pointFrom(qint64 timeMs, const TopicMetrics& topic, const QList<PartitionMetrics>& partitions);
    void addSnapshot(const MetricsSnapshot& snapshot);
    void addHistory(const QList<TopicHistoryPoint>& history);
    void rebuild();
    void plot(const Point& point);

    QPointer<MetricsEngine> m_engine;
    QString m_topic;
    QLabel* m_readers;
    QComboBox* m_metricBox;
    TimeSeriesChart* m_chart;
    QList<Point> m_points;
    QList<int> m_partitionSeries; // partition -> chart series, -1 not added yet
};

} // namespace Samsa
