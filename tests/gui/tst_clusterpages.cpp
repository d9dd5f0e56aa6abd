// The cluster browser pages driven by keyboard and mouse against librdkafka's mock cluster through a
// real KafkaClusterSession: overview numbers, broker activation, topic filtering and the internal
// switch, topic activation, a topic's partitions with its configuration error shown inline, refresh.

#include "cluster/brokerconfigpage.h"
#include "cluster/brokerspage.h"
#include "cluster/clustermetricspanel.h"
#include "cluster/clusteroverviewpage.h"
#include "cluster/topicratepanel.h"
#include "charts/timeserieschart.h"
#include "cluster/topicdetailpage.h"
#include "cluster/topicspage.h"
#include "common/messagebar.h"
#include "kafka/kafkaclustersession.h"
#include "metrics/metricsengine.h"
#include "metrics/metricshistory.h"
#include "mockcluster.h"
#include "partitionsmodel.h"
#include "testmain.h"
#include "topicsmodel.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QTemporaryDir>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <memory>

using namespace Samsa;

namespace {
constexpr int timeoutMs = 15000;

template <typename T> T* child(const QWidget& page, const char* name)
{
    return page.findChild<T*>(QString::fromLatin1(name));
}

QStringList columnTexts(const QTableView* view, int column)
{
    QStringList texts;
    for (int row = 0; row < view->model()->rowCount(); ++row)
        texts.append(view->model()->index(row, column).data().toString());
    return texts;
}

// What a real double-click delivers: press, release, double-click, release. QTest's widget variant
// sends only the double-click event, which item views treat as a fresh press.
void doubleClick(QTableView* view, const QModelIndex& index)
{
    const QPoint centre = view->visualRect(index).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, centre);
}

int rowOf(const QTableView* view, int column, const QString& text)
{
    return int(columnTexts(view, column).indexOf(text));
}

// Half an hour of rounds, 30 s apart and two hours ago: "orders" (two partitions) grows by 10
// messages and 1,000 bytes a second per partition, and group "audit" commits 5 a second on each.
void recordPastRounds(MetricsHistory* history, const QString& cluster, qint64 startMs)
{
    for (int i = 0; i <= 60; ++i) {
        SampleRound round;
        round.timeMs = startMs + i * 30'000;
        for (int p = 0; p < 2; ++p) {
            round.partitions.append({ QStringLiteral("orders"), p, 0, qint64(i) * 300, qint64(i) * 30'000 });
            round.commits.append({ QStringLiteral("audit"), QStringLiteral("orders"), p, qint64(i) * 150 });
        }
        round.groupStates.insert(QStringLiteral("audit"), QStringLiteral("Stable"));
        history->record(cluster, round);
    }
}
} // namespace

class ClusterPagesTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The topic's rate chart and the cluster's throughput chart reload their past from history.db
    // when they open (no live round needed): the topic in messages and, switched by keyboard, in
    // bytes per second; the cluster's totals one point a minute from the rollups.
    void ratesReloadTheirPastFromHistory()
    {
        QTemporaryDir dir;
        MetricsHistory history(dir.filePath(QStringLiteral("history.db")));
        const QString cluster = QStringLiteral("bootstrap:past");
        const qint64 startMs = (QDateTime::currentMSecsSinceEpoch() - 2 * 3600'000) / 60'000 * 60'000;
        recordPastRounds(&history, cluster, startMs);
        MetricsEngine engine({ { QStringLiteral("bootstrap.servers"), QStringLiteral("127.0.0.1:1") } });
        engine.setHistory(&history, cluster); // never started: nothing live, only the past

        TopicRatePanel topic(&engine, QStringLiteral("orders"));
        topic.resize(800, 500);
        topic.show();
        QVERIFY(QTest::qWaitForWindowExposed(&topic));
        TimeSeriesChart* rate = topic.chart();
        QTRY_COMPARE_WITH_TIMEOUT(rate->pointCount(0), 61, timeoutMs); // every raw round
        QCOMPARE(rate->seriesCount(), 3); // total and both partitions
        QCOMPARE(rate->lastValue(0), 20.0);
        QCOMPARE(rate->lastValue(1), 10.0);
        auto* metric = child<QComboBox>(topic, "produceRateMetric");
        QVERIFY(metric);
        metric->setFocus();
        QTest::keyClick(metric, Qt::Key_Down); // Bytes/s
        QCOMPARE(rate->pointCount(0), 61);
        QCOMPARE(rate->lastValue(0), 2000.0);

        ClusterMetricsPanel overview(&engine);
        overview.resize(900, 600);
        overview.show();
        QVERIFY(QTest::qWaitForWindowExposed(&overview));
        TimeSeriesChart* throughput = overview.chart();
        // 31 minutes of rounds make 30 finished minutes (rollups); their first has no point before it.
        QTRY_COMPARE_WITH_TIMEOUT(throughput->pointCount(0), 29, timeoutMs);
        QCOMPARE(throughput->lastValue(0), 20.0); // messages in
        QCOMPARE(throughput->lastValue(1), 10.0); // committed by audit
    }

    void initTestCase()
    {
        m_cluster = std::make_unique<Test::MockCluster>(3);
        QVERIFY2(m_cluster->isValid(), qPrintable(m_cluster->error()));
        QVERIFY2(m_cluster->createTopic(QStringLiteral("orders"), 3, 3), qPrintable(m_cluster->error()));
        QVERIFY2(m_cluster->createTopic(QStringLiteral("payments"), 2, 2), qPrintable(m_cluster->error()));
        QVERIFY2(m_cluster->createTopic(QStringLiteral("audit.log"), 1, 1), qPrintable(m_cluster->error()));
        QVERIFY2(m_cluster->createTopic(QStringLiteral("__consumer_offsets"), 2, 1), qPrintable(m_cluster->error()));
        QVERIFY2(m_cluster->produce(QStringLiteral("orders"), 0, 5), qPrintable(m_cluster->error()));
        QVERIFY2(m_cluster->produce(QStringLiteral("orders"), 2, 3), qPrintable(m_cluster->error()));

        ConnectionProfile profile;
        profile.name = QStringLiteral("mock");
        profile.bootstrapServers = m_cluster->bootstrapServers();
        m_session = std::make_unique<KafkaClusterSession>(profile, ProfileSecrets {});
        // The mock cluster lets a topic's DescribeConfigs run into the request timeout; keep it short.
        m_session->setTimeoutMs(3000);
        m_session->connectToCluster();
        QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), ClusterSession::State::Connected, timeoutMs);
    }

    void cleanupTestCase()
    {
        m_session.reset();
        m_cluster.reset();
    }

    void overviewShowsTheCluster()
    {
        ClusterOverviewPage page(m_session.get());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        const ClusterMetadata& metadata = m_session->metadata();
        QCOMPARE(metadata.brokers.size(), 3);
        QCOMPARE(child<QLabel>(page, "clusterIdLabel")->text(),
            metadata.clusterId.isEmpty() ? QStringLiteral("(not reported)") : metadata.clusterId);
        QCOMPARE(child<QLabel>(page, "controllerIdLabel")->text(),
            metadata.controllerId < 0 ? QStringLiteral("(unknown)") : QString::number(metadata.controllerId));
        QCOMPARE(child<QLabel>(page, "brokerCountLabel")->text(), QStringLiteral("3"));
        QCOMPARE(child<QLabel>(page, "topicCountLabel")->text(), QStringLiteral("4"));
        QCOMPARE(child<QLabel>(page, "partitionCountLabel")->text(), QStringLiteral("8"));
        QCOMPARE(child<QLabel>(page, "offlinePartitionsLabel")->text(), QStringLiteral("0"));

        auto* brokers = child<QTableView>(page, "brokersView");
        QVERIFY(brokers);
        QCOMPARE(brokers->model()->rowCount(), 3);
        QSignalSpy activated(&page, &ClusterOverviewPage::brokerActivated);
        const QModelIndex second = brokers->model()->index(1, 0);
        doubleClick(brokers, second);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().first().toInt(), second.data().toInt());
        QCOMPARE(child<MessageBar>(page, "overviewMessage")->isVisible(), false);
    }

    void brokersPageActivatesWithEnter()
    {
        BrokersPage page(m_session.get());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto* brokers = child<QTableView>(page, "brokersView");
        QCOMPARE(brokers->model()->rowCount(), 3);
        QSignalSpy activated(&page, &BrokersPage::brokerActivated);
        brokers->setFocus();
        brokers->setCurrentIndex(brokers->model()->index(2, 0));
        QTest::keyClick(brokers, Qt::Key_Return);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().first().toInt(), brokers->model()->index(2, 0).data().toInt());
        // Column 0 sorted ascending: ids are in order.
        QVERIFY(brokers->model()->index(0, 0).data().toInt() < brokers->model()->index(2, 0).data().toInt());
    }

    void topicsFilterInternalAndActivate()
    {
        TopicsPage page(m_session.get());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QApplication::setActiveWindow(&page);
        auto* view = child<QTableView>(page, "topicsView");
        auto* filter = child<QLineEdit>(page, "topicsFilter");
        auto* internal = child<QCheckBox>(page, "showInternalTopics");
        auto* count = child<QLabel>(page, "topicsCountLabel");
        QVERIFY(view && filter && internal && count);
        QCOMPARE(filter->placeholderText(), QStringLiteral("Filter topics"));
        QVERIFY(!internal->isChecked());

        // Internal topics are hidden at first.
        QCOMPARE(columnTexts(view, TopicsModel::NameColumn),
            (QStringList { QStringLiteral("audit.log"), QStringLiteral("orders"), QStringLiteral("payments") }));
        QCOMPARE(count->text(), QStringLiteral("3 of 4 topics"));
        // Message counts come with the watermarks after connecting: 5 + 3 in "orders".
        const int ordersRow = rowOf(view, TopicsModel::NameColumn, QStringLiteral("orders"));
        QTRY_COMPARE_WITH_TIMEOUT(view->model()
                                      ->index(ordersRow, TopicsModel::MessagesColumn)
                                      .data(TopicsModel::MessageCountRole)
                                      .toLongLong(),
            8, timeoutMs);

        // Ctrl+F goes to the filter; typing narrows the rows.
        view->setFocus();
        QTest::keyClick(&page, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(filter->hasFocus());
        QTest::keyClicks(filter, QStringLiteral("PAY"));
        QCOMPARE(columnTexts(view, TopicsModel::NameColumn), QStringList { QStringLiteral("payments") });
        QCOMPARE(count->text(), QStringLiteral("1 of 4 topics"));
        QTest::keyClicks(filter, QStringLiteral("x"));
        QCOMPARE(view->model()->rowCount(), 0);
        QCOMPARE(count->text(), QStringLiteral("0 of 4 topics"));

        // Clearing the filter and switching internal topics on shows all four.
        filter->selectAll();
        QTest::keyClick(filter, Qt::Key_Backspace);
        QCOMPARE(view->model()->rowCount(), 3);
        QTest::mouseClick(internal, Qt::LeftButton);
        QVERIFY(internal->isChecked());
        QCOMPARE(view->model()->rowCount(), 4);
        QCOMPARE(count->text(), QStringLiteral("4 of 4 topics"));
        QVERIFY(columnTexts(view, TopicsModel::NameColumn).contains(QStringLiteral("__consumer_offsets")));
        QTest::mouseClick(internal, Qt::LeftButton);
        QCOMPARE(view->model()->rowCount(), 3);

        // Sorting by message count puts "orders" (8) last in ascending order.
        view->sortByColumn(TopicsModel::MessagesColumn, Qt::AscendingOrder);
        QCOMPARE(view->model()->index(2, TopicsModel::NameColumn).data().toString(), QStringLiteral("orders"));
        view->sortByColumn(TopicsModel::NameColumn, Qt::AscendingOrder);

        // Double-click and Enter both open a topic.
        QSignalSpy activated(&page, &TopicsPage::topicActivated);
        const QModelIndex orders
            = view->model()->index(rowOf(view, TopicsModel::NameColumn, QStringLiteral("orders")), 0);
        doubleClick(view, orders);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("orders"));
        view->setFocus();
        view->setCurrentIndex(view->model()->index(0, 0));
        QTest::keyClick(view, Qt::Key_Enter);
        QCOMPARE(activated.size(), 2);
        QCOMPARE(activated.at(1).at(0).toString(), QStringLiteral("audit.log"));
    }

    void topicDetailShowsPartitionsAndConfigError()
    {
        TopicDetailPage page(m_session.get(), QStringLiteral("orders"));
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QCOMPARE(child<QLabel>(page, "topicNameLabel")->text(), QStringLiteral("orders"));
        auto* partitions = child<QTableView>(page, "partitionsView");
        QVERIFY(partitions);
        QCOMPARE(partitions->model()->rowCount(), 3);
        QCOMPARE(columnTexts(partitions, 0),
            (QStringList { QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2") }));
        // Replication factor 3 on a 3-broker cluster: three replicas listed per partition.
        QCOMPARE(
            partitions->model()->index(0, PartitionsModel::ReplicasColumn).data().toString().count(QLatin1Char(',')),
            2);
        // Watermarks requested on show: partition 0 holds 5 messages, partition 2 holds 3.
        QTRY_COMPARE_WITH_TIMEOUT(
            partitions->model()->index(0, PartitionsModel::MessagesColumn).data(PartitionsModel::SortRole).toLongLong(),
            5, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(
            partitions->model()->index(2, PartitionsModel::MessagesColumn).data(PartitionsModel::SortRole).toLongLong(),
            3, timeoutMs);

        // The mock cluster has no DescribeConfigs: the error shows in the configuration area only.
        auto* configsMessage = child<MessageBar>(page, "configsMessage");
        QVERIFY(configsMessage);
        QTRY_VERIFY_WITH_TIMEOUT(configsMessage->isVisible(), timeoutMs);
        QVERIFY(configsMessage->text().startsWith(QStringLiteral("Could not load the configuration: ")));
        QVERIFY(configsMessage->text().size() > QStringLiteral("Could not load the configuration: ").size());
        QCOMPARE(child<QTableView>(page, "configsView")->model()->rowCount(), 0);
        QVERIFY(!child<MessageBar>(page, "partitionsMessage")->isVisible());
        QCOMPARE(partitions->model()->rowCount(), 3);

        // The close button dismisses the strip.
        QTest::mouseClick(configsMessage->findChild<QWidget*>(QStringLiteral("messageClose")), Qt::LeftButton);
        QVERIFY(!configsMessage->isVisible());
    }

    void brokerConfigErrorIsInline()
    {
        const int brokerId = m_session->metadata().brokers.first().id;
        BrokerConfigPage page(m_session.get(), brokerId);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto* configsMessage = child<MessageBar>(page, "configsMessage");
        QTRY_VERIFY_WITH_TIMEOUT(configsMessage->isVisible(), timeoutMs);
        QVERIFY(!configsMessage->text().isEmpty());
        QVERIFY(child<QLabel>(page, "brokerAddressLabel")->text().contains(QLatin1Char(':')));
    }

    void refreshUpdatesPagesInPlace()
    {
        TopicsPage topics(m_session.get());
        TopicDetailPage detail(m_session.get(), QStringLiteral("payments"));
        topics.show();
        detail.show();
        QVERIFY(QTest::qWaitForWindowExposed(&topics));
        auto* view = child<QTableView>(topics, "topicsView");
        auto* count = child<QLabel>(topics, "topicsCountLabel");
        QCOMPARE(count->text(), QStringLiteral("3 of 4 topics"));
        const QPersistentModelIndex orders
            = view->model()->index(rowOf(view, TopicsModel::NameColumn, QStringLiteral("orders")), 0);
        QSignalSpy resets(view->model(), &QAbstractItemModel::modelReset);

        QVERIFY2(m_cluster->createTopic(QStringLiteral("late-arrival"), 2, 1), qPrintable(m_cluster->error()));
        QVERIFY2(m_cluster->produce(QStringLiteral("payments"), 1, 4), qPrintable(m_cluster->error()));
        m_session->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(count->text(), QStringLiteral("4 of 5 topics"), timeoutMs);
        QVERIFY(columnTexts(view, TopicsModel::NameColumn).contains(QStringLiteral("late-arrival")));
        QCOMPARE(resets.size(), 0);
        QVERIFY(orders.isValid());
        QCOMPARE(orders.data().toString(), QStringLiteral("orders"));

        // The detail page asked for its watermarks again with the refresh.
        auto* partitions = child<QTableView>(detail, "partitionsView");
        QTRY_COMPARE_WITH_TIMEOUT(
            partitions->model()->index(1, PartitionsModel::MessagesColumn).data(PartitionsModel::SortRole).toLongLong(),
            4, timeoutMs);
        const int paymentsRow = rowOf(view, TopicsModel::NameColumn, QStringLiteral("payments"));
        QTRY_COMPARE_WITH_TIMEOUT(view->model()
                                      ->index(paymentsRow, TopicsModel::MessagesColumn)
                                      .data(TopicsModel::MessageCountRole)
                                      .toLongLong(),
            4, timeoutMs);
    }

private:
    std::unique_ptr<Test::MockCluster> m_cluster;
    std::unique_ptr<KafkaClusterSession> m_session;
};

SAMSA_TEST_MAIN(ClusterPagesTest, QApplication)
#include "tst_clusterpages.moc"
