#pragma once

// A consumer group's lag over time, fed by the cluster's metrics engine: total and per partition
// (toggled in the legend), in messages, in time (how long ago the next record to read was written)
// or as the consume rate; with the group's health, time lag and time to clear above the chart.

#include "metrics/metricshistory.h"
#include "metrics/metricssnapshot.h"

#include <QPointer>
#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;

namespace Samsa {

class MetricsEngine;
class TimeSeriesChart;

class GroupLagPanel : public QWidget {
    Q_OBJECT
public:
    enum class Metric { Lag, TimeLag, ConsumeRate };

    GroupLagPanel(MetricsEngine* engine, const QString& groupId, QWidget* parent = nullptr);

    // Shows the engine's latest round and follows the next ones (after connecting metricsUpdated).
    void start();

    void setMetric(Metric metric);
    void setPerPartition(bool on);
    TimeSeriesChart* chart() const { return m_chart; }

Q_SIGNALS:
    // The group's metrics of the latest round (the page shows them in its table).
    void metricsUpdated(const Samsa::GroupMetrics& metrics);

private:
    struct Point {
        qint64 timeMs = 0;
        double lag = 0;
        double timeLagSeconds = 0; // NaN: unknown
        double rate = 0; // NaN: unknown
        QList<double> partitionLag; // by m_partitions
        QList<double> partitionTimeLagSeconds;
        QList<double> partitionRate;
    };
    Point pointFrom(qint64 timeMs, const GroupMetrics& group);
    void addSnapshot(const MetricsSnapshot& snapshot);
    void addHistory(const QList<GroupHistoryPoint>& history);
    void rebuild();
    void plot(const Point& point);
    static double value(const Point& point, Metric metric, int partition); // partition -1: total

    QPointer<MetricsEngine> m_engine;
    QString m_groupId;
    QComboBox* m_metricBox;
    QCheckBox* m_perPartition;
    QLabel* m_status;
    TimeSeriesChart* m_chart;
    QStringList m_partitions; // "topic-partition", in the order first seen
    QList<Point> m_points; // oldest first, bounded
    QList<int> m_partitionSeries; // chart series of each partition, -1 while not plotted
};

} // namespace Samsa
