#include "clustermetricspanel.h"

#include "charts/sparklinedelegate.h"
#include "charts/timeserieschart.h"
#include "metrics/metricsengine.h"
#include "metrics/rankingmodel.h"

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
    topics->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Interactive); // "Read by" can be long
    topics->horizontalHeader()->resizeSection(2, 150);
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
    const auto rate = [&locale](double value) { return std::isnan(value) ? QStringLiteral("–") : locale.toString(value, 'f', 1); };
    QString text = tr("In %1 messages/s · out %2 messages/s · %3 groups · round %4 ms")
                       .arg(rate(in), rate(out))
                       .arg(snapshot.groups.size())
                       .arg(snapshot.roundMs);
    if (!snapshot.error.isEmpty())
        text += tr(" · sampling error: %1").arg(snapshot.error);
    m_status->setText(text);
}

} // namespace Samsa
