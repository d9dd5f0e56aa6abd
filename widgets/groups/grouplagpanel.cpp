#include "grouplagpanel.h"

#include "charts/chartpoints.h"
#include "charts/timeserieschart.h"
#include "text/durationtext.h"
#include "metrics/metricsengine.h"
#include "metrics/metricshistory.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>
#include <cmath>
#include <limits>

namespace Samsa {

namespace {

// A day at the default 5 s interval; older points scroll out (the history keeps them).
constexpr qsizetype MaxPoints = 17280;
// As far back as the chart's longest range; older points come from one-minute rollups.
constexpr qint64 HistoryMs = 7LL * 24 * 3600 * 1000;

double orNaN(const std::optional<double>& value)
{
    return value ? *value : std::nan("");
}

double secondsOrNaN(const TimeLag& lag)
{
    return lag.ms ? double(*lag.ms) / 1000.0 : std::nan("");
}

} // namespace

GroupLagPanel::GroupLagPanel(MetricsEngine* engine, const QString& groupId, QWidget* parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_groupId(groupId)
    , m_metricBox(new QComboBox(this))
    , m_perPartition(new QCheckBox(tr("Per partition"), this))
    , m_status(new QLabel(this))
    , m_chart(new TimeSeriesChart(this))
{
    setObjectName(QStringLiteral("groupLagPanel"));
    m_metricBox->setObjectName(QStringLiteral("lagMetric"));
    m_perPartition->setObjectName(QStringLiteral("lagPerPartition"));
    m_status->setObjectName(QStringLiteral("lagStatus"));
    m_chart->setObjectName(QStringLiteral("lagChart"));
    m_metricBox->addItems({ tr("Lag (messages)"), tr("Time lag"), tr("Consume rate") });
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setText(m_engine ? tr("Waiting for the first sampling round…")
                               : tr("Lag charts need a connection to the cluster."));
    connect(m_metricBox, &QComboBox::currentIndexChanged, this, &GroupLagPanel::rebuild);
    connect(m_perPartition, &QCheckBox::toggled, this, &GroupLagPanel::rebuild);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    bar->addWidget(m_metricBox);
    bar->addWidget(m_perPartition);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_chart, 1);
    rebuild();
}

void GroupLagPanel::start()
{
    if (!m_engine)
        return;
    if (MetricsHistory* history = m_engine->history()) {
        const QString cluster = m_engine->historyCluster();
        connect(history, &MetricsHistory::groupHistoryLoaded, this,
            [this, cluster](const QString& loadedCluster, const QString& group, const QList<GroupHistoryPoint>& points) {
                if (loadedCluster == cluster && group == m_groupId)
                    addHistory(points);
            });
        history->loadGroup(cluster, m_groupId, QDateTime::currentMSecsSinceEpoch() - HistoryMs);
    }
    connect(m_engine, &MetricsEngine::snapshotReady, this, &GroupLagPanel::addSnapshot, Qt::UniqueConnection);
    if (m_engine->latest().rounds > 0)
        addSnapshot(m_engine->latest());
}

void GroupLagPanel::setMetric(Metric metric)
{
    m_metricBox->setCurrentIndex(int(metric));
}

void GroupLagPanel::setPerPartition(bool on)
{
    m_perPartition->setChecked(on);
}

double GroupLagPanel::value(const Point& point, Metric metric, int partition)
{
    switch (metric) {
    case Metric::Lag:
        return partition < 0 ? point.lag : point.partitionLag.value(partition, std::nan(""));
    case Metric::TimeLag:
        return partition < 0 ? point.timeLagSeconds : point.partitionTimeLagSeconds.value(partition, std::nan(""));
    case Metric::ConsumeRate:
        return partition < 0 ? point.rate : point.partitionRate.value(partition, std::nan(""));
    }
    return std::nan("");
}

void GroupLagPanel::addSnapshot(const MetricsSnapshot& snapshot)
{
    const GroupMetrics* group = snapshot.group(m_groupId);
    if (!group) {
        m_status->setText(snapshot.error.isEmpty() ? tr("The group has no committed offsets in the last sampling round.")
                                                   : tr("Sampling failed: %1").arg(snapshot.error));
        return;
    }
    const Point point = pointFrom(snapshot.timeMs, *group);
    m_points.append(point);
    if (m_points.size() > MaxPoints)
        m_points.removeFirst();
    plot(point);

    const QLocale locale;
    const QString timeLag = group->timeLag.ms ? durationText(*group->timeLag.ms)
                                              : (group->timeLag.note.isEmpty() ? tr("–") : group->timeLag.note);
    m_status->setText(tr("<b>%1</b> · lag %2 · time lag %3 · consuming %4/s · %5")
                          .arg(healthName(group->health), locale.toString(group->lag), timeLag.toHtmlEscaped(),
                              group->consumeRate ? locale.toString(*group->consumeRate, 'f', 1) : tr("–"),
                              clearEstimateText(group->clear)));
    m_status->setToolTip(group->healthReason);
    Q_EMIT metricsUpdated(*group);
}

GroupLagPanel::Point GroupLagPanel::pointFrom(qint64 timeMs, const GroupMetrics& group)
{
    Point point;
    point.timeMs = timeMs;
    point.lag = double(group.lag);
    point.timeLagSeconds = secondsOrNaN(group.timeLag);
    point.rate = orNaN(group.consumeRate);
    for (const GroupPartitionMetrics& partition : group.partitions) {
        const QString key = QStringLiteral("%1-%2").arg(partition.topic).arg(partition.partition);
        qsizetype index = m_partitions.indexOf(key);
        if (index < 0) {
            m_partitions.append(key);
            m_partitionSeries.append(-1);
            index = m_partitions.size() - 1;
        }
        for (QList<double>* values : { &point.partitionLag, &point.partitionTimeLagSeconds, &point.partitionRate })
            values->resize(m_partitions.size(), std::nan(""));
        point.partitionLag[index] = double(partition.lag);
        point.partitionTimeLagSeconds[index] = secondsOrNaN(partition.timeLag);
        point.partitionRate[index] = orNaN(partition.consumeRate);
    }
    return point;
}

void GroupLagPanel::addHistory(const QList<GroupHistoryPoint>& history)
{
    const auto convert = [this](const GroupHistoryPoint& entry) { return pointFrom(entry.timeMs, entry.metrics); };
    if (prependHistory(&m_points, history, MaxPoints, convert))
        rebuild();
}

void GroupLagPanel::rebuild()
{
    // Only when the user switches what is shown; live rounds only append (plot()).
    m_chart->removeAllSeries();
    const Metric metric = Metric(m_metricBox->currentIndex());
    m_chart->setValueLabel(metric == Metric::Lag ? tr("messages") : metric == Metric::TimeLag ? tr("seconds") : tr("messages/s"));
    m_chart->setValueFormat([metric](double v) {
        if (metric == Metric::TimeLag)
            return durationText(qint64(v * 1000));
        return QLocale().toString(v, 'f', metric == Metric::Lag ? 0 : 1);
    });
    m_chart->addSeries(tr("total"), QColor(0x4e79a7));
    m_partitionSeries.fill(-1);
    for (const Point& point : std::as_const(m_points))
        plot(point);
}

void GroupLagPanel::plot(const Point& point)
{
    const Metric metric = Metric(m_metricBox->currentIndex());
    m_chart->append(0, point.timeMs, value(point, metric, -1));
    if (!m_perPartition->isChecked())
        return;
    for (int partition = 0; partition < m_partitions.size(); ++partition) {
        if (m_partitionSeries.at(partition) < 0)
            m_partitionSeries[partition] = m_chart->addSeries(m_partitions.at(partition));
        m_chart->append(m_partitionSeries.at(partition), point.timeMs, value(point, metric, partition));
    }
}

} // namespace Samsa
