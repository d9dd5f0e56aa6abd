#include "topicratepanel.h"

#include "charts/timeserieschart.h"
#include "metrics/metricsengine.h"

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>
#include <cmath>

namespace Samsa {

namespace {

constexpr int VisiblePartitions = 12;

} // namespace

TopicRatePanel::TopicRatePanel(MetricsEngine* engine, const QString& topic, QWidget* parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_topic(topic)
    , m_readers(new QLabel(this))
    , m_chart(new TimeSeriesChart(this))
{
    setObjectName(QStringLiteral("topicRatePanel"));
    m_readers->setObjectName(QStringLiteral("topicReaders"));
    m_chart->setObjectName(QStringLiteral("produceRateChart"));
    m_readers->setWordWrap(true);
    m_readers->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_readers->setText(m_engine ? tr("Produce rate: waiting for the first sampling round…")
                                : tr("Produce rates need a connection to the cluster."));
    m_chart->setValueLabel(tr("messages/s"));
    m_chart->addSeries(tr("total"), QColor(0x4e79a7));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_readers);
    layout->addWidget(m_chart, 1);
    if (!m_engine)
        return;
    connect(m_engine, &MetricsEngine::snapshotReady, this, &TopicRatePanel::addSnapshot);
    // The last minutes in total (summaries have no partitions), then the latest round in full.
    const QList<MetricsSnapshot>& recent = m_engine->recent();
    for (qsizetype i = 0; i + 1 < recent.size(); ++i)
        addSnapshot(recent.at(i));
    if (m_engine->latest().rounds > 0)
        addSnapshot(m_engine->latest());
}

void TopicRatePanel::addSnapshot(const MetricsSnapshot& snapshot)
{
    const TopicMetrics* topic = snapshot.topic(m_topic);
    if (!topic)
        return;
    m_chart->append(0, snapshot.timeMs, topic->messagesPerSecond.value_or(std::nan("")));
    for (const PartitionMetrics& partition : snapshot.partitions) {
        if (partition.topic != m_topic)
            continue;
        auto series = m_partitionSeries.constFind(partition.partition);
        if (series == m_partitionSeries.constEnd()) {
            const int index = m_chart->addSeries(tr("partition %1").arg(partition.partition));
            m_chart->setSeriesVisible(index, partition.partition < VisiblePartitions);
            series = m_partitionSeries.insert(partition.partition, index);
        }
        m_chart->append(series.value(), snapshot.timeMs, partition.messagesPerSecond.value_or(std::nan("")));
    }
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
    m_readers->setText(tr("Produced %1 messages/s · read by %2")
                           .arg(topic->messagesPerSecond ? locale.toString(*topic->messagesPerSecond, 'f', 1) : tr("–"),
                               readers.isEmpty() ? tr("no consumer group") : readers.join(QStringLiteral(", "))));
}

} // namespace Samsa
