#include "topicratepanel.h"

#include "charts/chartpoints.h"
#include "charts/timeserieschart.h"
#include "metrics/metricsengine.h"
#include "metrics/metricshistory.h"

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

constexpr int VisiblePartitions = 12;
constexpr qint64 HistoryMs = 7LL * 24 * 3600 * 1000;
constexpr qsizetype MaxPoints = 40000; // a week of rollups and a day of rounds at 5 s

double orNaN(const std::optional<double>& value)
{
    return value.value_or(std::nan(""));
}

QString bytesRateText(double bytesPerSecond)
{
    return QLocale().formattedDataSize(qint64(std::llround(bytesPerSecond))) + QStringLiteral("/s");
}

} // namespace

TopicRatePanel::TopicRatePanel(MetricsEngine* engine, const QString& topic, QWidget* parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_topic(topic)
    , m_readers(new QLabel(this))
    , m_metricBox(new QComboBox(this))
    , m_chart(new TimeSeriesChart(this))
{
    setObjectName(QStringLiteral("topicRatePanel"));
    m_readers->setObjectName(QStringLiteral("topicReaders"));
    m_chart->setObjectName(QStringLiteral("produceRateChart"));
    m_metricBox->setObjectName(QStringLiteral("produceRateMetric"));
    m_metricBox->addItems({ tr("Messages/s"), tr("Bytes/s") });
    m_readers->setWordWrap(true);
    m_readers->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_readers->setText(m_engine ? tr("Produce rate: waiting for the first sampling round…")
                                : tr("Produce rates need a connection to the cluster."));
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_readers, 1);
    bar->addWidget(m_metricBox, 0, Qt::AlignTop);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_chart, 1);
    connect(m_metricBox, &QComboBox::currentIndexChanged, this, &TopicRatePanel::rebuild);
    rebuild();
    if (!m_engine)
        return;
    if (MetricsHistory* history = m_engine->history()) {
        const QString cluster = m_engine->historyCluster();
        connect(history, &MetricsHistory::topicHistoryLoaded, this,
            [this, cluster](const QString& loadedCluster, const QString& loadedTopic, const QList<TopicHistoryPoint>& points) {
                if (loadedCluster == cluster && loadedTopic == m_topic)
                    addHistory(points);
            });
        history->loadTopic(cluster, m_topic, QDateTime::currentMSecsSinceEpoch() - HistoryMs);
    }
    connect(m_engine, &MetricsEngine::snapshotReady, this, &TopicRatePanel::addSnapshot);
    // Without a history, the last minutes in total (summaries have no partitions); with one, the
    // history brings them with their partitions. Then the latest round in full.
    const QList<MetricsSnapshot>& recent = m_engine->history() ? QList<MetricsSnapshot> {} : m_engine->recent();
    for (qsizetype i = 0; i + 1 < recent.size(); ++i)
        addSnapshot(recent.at(i));
    if (m_engine->latest().rounds > 0)
        addSnapshot(m_engine->latest());
}

void TopicRatePanel::setMetric(Metric metric)
{
    m_metricBox->setCurrentIndex(int(metric));
}

TopicRatePanel::Point TopicRatePanel::pointFrom(qint64 timeMs, const TopicMetrics& topic,
    const QList<PartitionMetrics>& partitions)
{
    Point point { timeMs, orNaN(topic.messagesPerSecond), orNaN(topic.bytesPerSecond), {}, {} };
    for (const PartitionMetrics& partition : partitions) {
        if (partition.topic != topic.topic || partition.partition < 0 || partition.partition > 100000)
            continue;
        if (partition.partition >= point.partitionMessages.size()) {
            point.partitionMessages.resize(partition.partition + 1, std::nan(""));
            point.partitionBytes.resize(partition.partition + 1, std::nan(""));
        }
        point.partitionMessages[partition.partition] = orNaN(partition.messagesPerSecond);
        point.partitionBytes[partition.partition] = orNaN(partition.bytesPerSecond);
    }
    return point;
}

void TopicRatePanel::addSnapshot(const MetricsSnapshot& snapshot)
{
    const TopicMetrics* topic = snapshot.topic(m_topic);
    if (!topic)
        return;
    const Point point = pointFrom(snapshot.timeMs, *topic, snapshot.partitions);
    m_points.append(point);
    if (m_points.size() > MaxPoints)
        m_points.removeFirst();
    plot(point);

    const QLocale locale;
    QStringList readers;
    for (const QString& group : topic->groups) {
        const GroupMetrics* metrics = snapshot.group(group);
        qint64 lag = 0;
        for (const GroupPartitionMetrics& partition : metrics ? metrics->partitions : QList<GroupPartitionMetrics> {}) {
            if (partition.topic == m_topic)
                lag += partition.lag;
        }
        readers.append(tr("%1 (lag %2%3)").arg(group, locale.toString(lag),
            metrics ? QStringLiteral(", ") + healthName(metrics->health) : QString()));
    }
    QString produced = tr("Produced %1 messages/s")
                           .arg(topic->messagesPerSecond ? locale.toString(*topic->messagesPerSecond, 'f', 1) : tr("–"));
    if (topic->bytesPerSecond)
        produced += tr(" (%1)").arg(bytesRateText(*topic->bytesPerSecond));
    if (topic->logBytes >= 0)
        produced += tr(" · %1 on disk").arg(locale.formattedDataSize(topic->logBytes));
    m_readers->setText(tr("%1 · read by %2")
                           .arg(produced, readers.isEmpty() ? tr("no consumer group") : readers.join(QStringLiteral(", "))));
    m_readers->setToolTip(snapshot.logSizeError);
}

void TopicRatePanel::addHistory(const QList<TopicHistoryPoint>& history)
{
    const auto convert = [](const TopicHistoryPoint& entry) { return pointFrom(entry.timeMs, entry.topic, entry.partitions); };
    if (prependHistory(&m_points, history, MaxPoints, convert))
        rebuild();
}

void TopicRatePanel::rebuild()
{
    // Only when the metric changes or the past arrives; live rounds only append (plot()).
    m_chart->removeAllSeries();
    const bool bytes = Metric(m_metricBox->currentIndex()) == Metric::Bytes;
    m_chart->setValueLabel(bytes ? tr("bytes/s") : tr("messages/s"));
    m_chart->setValueFormat([bytes](double v) { return bytes ? bytesRateText(v) : QLocale().toString(v, 'f', 1); });
    m_chart->addSeries(tr("total"), QColor(0x4e79a7));
    m_partitionSeries.fill(-1);
    for (const Point& point : std::as_const(m_points))
        plot(point);
}

void TopicRatePanel::plot(const Point& point)
{
    const bool bytes = Metric(m_metricBox->currentIndex()) == Metric::Bytes;
    m_chart->append(0, point.timeMs, bytes ? point.bytes : point.messages);
    const QList<double>& values = bytes ? point.partitionBytes : point.partitionMessages;
    for (int partition = 0; partition < values.size(); ++partition) {
        if (partition >= m_partitionSeries.size())
            m_partitionSeries.resize(partition + 1, -1);
        if (m_partitionSeries[partition] < 0) {
            m_partitionSeries[partition] = m_chart->addSeries(tr("partition %1").arg(partition));
            m_chart->setSeriesVisible(m_partitionSeries[partition], partition < VisiblePartitions);
        }
        m_chart->append(m_partitionSeries[partition], point.timeMs, values[partition]);
    }
}

} // namespace Samsa
