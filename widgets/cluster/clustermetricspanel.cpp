#include "clustermetricspanel.h"

#include "charts/sparklinedelegate.h"
#include "charts/timeserieschart.h"
#include "metrics/metricsengine.h"
#include "metrics/metricshistory.h"
#include "metrics/rankingmodel.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>
#include <cmath>

namespace Samsa {

namespace {

enum Series { InSeries, OutSeries };

constexpr qint64 HistoryMs = 7LL * 24 * 3600 * 1000;

QString rateText(double value)
{
    return std::isnan(value) ? QStringLiteral("–") : QLocale().toString(value, 'f', 1);
}

} // namespace

ClusterMetricsPanel::ClusterMetricsPanel(MetricsEngine* engine, QWidget* parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_status(new QLabel(this))
    , m_chart(new TimeSeriesChart(this))
    , m_groups(new RankingModel(RankingModel::Kind::LaggingGroups, 10, this))
    , m_topics(new RankingModel(RankingModel::Kind::BusiestTopics, 10, this))
{
    setObjectName(QStringLiteral("clusterMetricsPanel"));
    m_status->setObjectName(QStringLiteral("clusterMetricsStatus"));
    m_chart->setObjectName(QStringLiteral("throughputChart"));
    m_chart->setValueLabel(tr("messages/s"));
    m_chart->addSeries(tr("in (produced)"), QColor(0x4e79a7));
    m_chart->addSeries(tr("out (committed by groups)"), QColor(0xf28e2b));
    m_status->setText(m_engine ? tr("Lag and throughput: waiting for the first sampling round…")
                               : tr("Lag and throughput need a connection to the cluster."));

    QTableView* groups = makeTable(m_groups, "laggingGroupsView");
    QTableView* topics = makeTable(m_topics, "busiestTopicsView");
    const int readBy = RankingModel::ReadByColumn; // can be long
    topics->horizontalHeader()->setSectionResizeMode(readBy, QHeaderView::Interactive);
    topics->horizontalHeader()->resizeSection(readBy, 150);
    connect(groups, &QTableView::activated, this,
        [this](const QModelIndex& index) { Q_EMIT groupActivated(index.data(RankingModel::KeyRole).toString()); });
    connect(topics, &QTableView::activated, this,
        [this](const QModelIndex& index) { Q_EMIT topicActivated(index.data(RankingModel::KeyRole).toString()); });

    auto* tables = new QHBoxLayout;
    for (const auto& [title, table] : { std::pair { tr("Groups lagging most"), groups }, std::pair { tr("Busiest topics"), topics } }) {
        auto* column = new QVBoxLayout;
        column->addWidget(new QLabel(title, this));
        column->addWidget(table, 1);
        tables->addLayout(column, 1);
    }
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addWidget(m_chart, 1);
    layout->addLayout(tables, 1);
    if (!m_engine)
        return;
    if (MetricsHistory* history = m_engine->history()) {
        const QString cluster = m_engine->historyCluster();
        connect(history, &MetricsHistory::throughputLoaded, this,
            [this, cluster](const QString& loadedCluster, const QList<ThroughputPoint>& points) {
                if (loadedCluster == cluster)
                    addHistory(points);
            });
        history->loadThroughput(cluster, QDateTime::currentMSecsSinceEpoch() - HistoryMs);
    }
    connect(m_engine, &MetricsEngine::snapshotReady, this, &ClusterMetricsPanel::addSnapshot);
    for (const MetricsSnapshot& snapshot : m_engine->recent())
        addSnapshot(snapshot); // the last minutes: neither the chart nor the sparklines start empty
}

QTableView* ClusterMetricsPanel::makeTable(RankingModel* model, const char* name)
{
    auto* table = new QTableView(this);
    table->setObjectName(QString::fromLatin1(name));
    table->setModel(model);
    table->setItemDelegateForColumn(model->trendColumn(), new SparklineDelegate(RankingModel::SparklineRole, table));
    table->verticalHeader()->hide();
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setWordWrap(false);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(model->trendColumn(), QHeaderView::Stretch);
    table->verticalHeader()->setDefaultSectionSize(24);
    return table;
}

void ClusterMetricsPanel::addSnapshot(const MetricsSnapshot& snapshot)
{
    const double in = snapshot.messagesInPerSecond.value_or(std::nan(""));
    const double out = snapshot.messagesOutPerSecond.value_or(std::nan(""));
    m_chart->append(InSeries, snapshot.timeMs, in);
    m_chart->append(OutSeries, snapshot.timeMs, out);
    m_groups->addSnapshot(snapshot);
    m_topics->addSnapshot(snapshot);
    const QLocale locale;
    if (snapshot.unreachable) {
        // Not even the metadata came back: say so first, the rates below are not news.
        const double every = m_engine ? m_engine->intervalMs() / 1000.0 : 5.0;
        m_status->setText(tr("Cluster unreachable — retrying every %1 s: %2").arg(locale.toString(every), snapshot.error));
        m_status->setToolTip(snapshot.error);
        return;
    }
    QString text = tr("In %1 messages/s").arg(rateText(in));
    if (snapshot.bytesInPerSecond)
        text += tr(" (%1/s)").arg(locale.formattedDataSize(qint64(*snapshot.bytesInPerSecond)));
    text += tr(" · out %1 messages/s").arg(rateText(out));
    if (snapshot.logBytes >= 0)
        text += tr(" · %1 on disk").arg(locale.formattedDataSize(snapshot.logBytes));
    text += tr(" · %1 groups · round %2 ms").arg(snapshot.groups.size()).arg(snapshot.roundMs);
    if (!snapshot.error.isEmpty())
        text += tr(" · sampling error: %1").arg(snapshot.error);
    m_status->setText(text);
    m_status->setToolTip(snapshot.logSizeError);
}

void ClusterMetricsPanel::addHistory(const QList<ThroughputPoint>& history)
{
    QList<QPair<qint64, double>> in;
    QList<QPair<qint64, double>> out;
    for (const ThroughputPoint& point : history) {
        in.append({ point.timeMs, point.messagesIn.value_or(std::nan("")) });
        out.append({ point.timeMs, point.messagesOut.value_or(std::nan("")) });
    }
    m_chart->prependPast(InSeries, in); // only what is older than the first live round goes in
    m_chart->prependPast(OutSeries, out);
}

} // namespace Samsa
