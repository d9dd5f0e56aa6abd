// The consumer-group pages against the real samsa-broker: the list shows a group with its state,
// members and lag; filtering narrows it; Enter opens it; the detail shows members and per-partition
// lag that follows the consumer.

#include "brokerprocess.h"
#include "charts/timeserieschart.h"
#include "cluster/clusteroverviewpage.h"
#include "cluster/topicdetailpage.h"
#include "groups/groupdetailpage.h"
#include "groups/offsetresetdialog.h"
#include "groups/groupspage.h"
#include "groupoffsetsmodel.h"
#include "groupsmodel.h"
#include "metrics/rankingmodel.h"
#include "groupconsumer.h"
#include "kafka/kafkaclustersession.h"
#include "metrics/alertmonitor.h"
#include "metrics/metricsengine.h"
#include "metrics/metricshistory.h"
#include "metrics/sessionmetrics.h"
#include "rdkafkaadmin.h"
#include "rdkafkaclient.h"
#include "testmain.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTimer>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <memory>

using namespace Samsa;
using namespace Samsa::Test;

namespace {

template <typename T>
T* child(QWidget& parent, const char* name)
{
    T* found = parent.findChild<T*>(QString::fromLatin1(name));
    if (!found)
        qWarning("no child %s", name);
    return found;
}

QString cell(QAbstractItemView* view, int row, int column)
{
    return view->model()->index(row, column).data().toString();
}

bool produce(const QString& bootstrap, const QByteArray& topic, int count)
{
    RdKafkaProducer producer(bootstrap);
    for (int i = 0; i < count; ++i)
        producer.produce(topic, i % 2, "k", "v" + QByteArray::number(i));
    return producer.flush(20000) && producer.deliveryErrors().isEmpty();
}

} // namespace

class GroupsPagesTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_broker.start(), qPrintable(m_broker.error()));
        const QString bootstrap = m_broker.bootstrapServers();
        {
            RdKafkaAdmin admin(bootstrap);
            QVERIFY(admin.createTopic({ "payments", 2, {} }).ok());
        }
        QVERIFY(produce(bootstrap, "payments", 10));
        m_billing = std::make_unique<GroupConsumer>(bootstrap, "billing", "payments");
        QVERIFY(m_billing->consumeAndCommit(10));
        // A second group that read nothing yet and left: Empty, no offsets.
        GroupConsumer audit(bootstrap, "audit", "payments");
        QVERIFY(audit.consumeAndCommit(10));
        audit.close();

        ConnectionProfile profile;
        profile.name = QStringLiteral("local");
        profile.bootstrapServers = bootstrap;
        m_session = std::make_unique<KafkaClusterSession>(profile, ProfileSecrets {});
        QSignalSpy connected(m_session.get(), &KafkaClusterSession::watermarksFinished);
        m_session->connectToCluster();
        QVERIFY(connected.wait(15000));
    }

    void cleanupTestCase()
    {
        m_session.reset();
        m_history.reset();
        m_billing.reset();
        QVERIFY(KafkaClusterSession::waitForWorkers(30000));
    }

    void listFilterAndOpen()
    {
        GroupsPage page(m_session.get());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QApplication::setActiveWindow(&page);
        auto* view = child<QTableView>(page, "groupsView");
        auto* filter = child<QLineEdit>(page, "groupsFilter");
        auto* count = child<QLabel>(page, "groupsCountLabel");
        QVERIFY(view && filter && count);
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 2, 15000);
        // Sorted by name: audit, billing. Members and lag arrive with each group's description.
        QCOMPARE(cell(view, 0, GroupsModel::GroupColumn), QStringLiteral("audit"));
        QTRY_COMPARE_WITH_TIMEOUT(cell(view, 1, GroupsModel::MembersColumn), QStringLiteral("1"), 15000);
        QCOMPARE(cell(view, 1, GroupsModel::StateColumn), QStringLiteral("Stable"));
        QCOMPARE(cell(view, 1, GroupsModel::LagColumn), QStringLiteral("0"));
        QTRY_COMPARE_WITH_TIMEOUT(cell(view, 0, GroupsModel::StateColumn), QStringLiteral("Empty"), 15000);
        QCOMPARE(count->text(), QStringLiteral("2 of 2 groups"));

        QTest::keyClicks(filter, QStringLiteral("BILL"));
        QCOMPARE(view->model()->rowCount(), 1);
        QCOMPARE(count->text(), QStringLiteral("1 of 2 groups"));

        QSignalSpy activated(&page, &GroupsPage::groupActivated);
        view->setFocus();
        view->setCurrentIndex(view->model()->index(0, 0));
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().first().toString(), QStringLiteral("billing"));
    }

    void detailFollowsTheConsumer()
    {
        GroupDetailPage page(m_session.get(), QStringLiteral("billing"));
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto* members = child<QTableWidget>(page, "membersView");
        auto* offsets = child<QTableView>(page, "groupOffsetsView");
        auto* summary = child<QLabel>(page, "groupSummary");
        QVERIFY(members && offsets && summary);
        QTRY_COMPARE_WITH_TIMEOUT(members->rowCount(), 1, 15000);
        QCOMPARE(members->item(0, 1)->text(), QStringLiteral("lag-test"));
        QCOMPARE(offsets->model()->rowCount(), 2);
        QVERIFY2(summary->text().contains(QStringLiteral("total lag 0")), qPrintable(summary->text()));

        // New messages: F5 (a metadata refresh) brings the lag up to date; the consumer catches up.
        QVERIFY(produce(m_broker.bootstrapServers(), "payments", 6));
        m_session->refresh();
        QTRY_VERIFY2_WITH_TIMEOUT(summary->text().contains(QStringLiteral("total lag 6")), qPrintable(summary->text()), 15000);
        QVERIFY(m_billing->consumeAndCommit(6));
        m_session->refresh();
        QTRY_VERIFY2_WITH_TIMEOUT(summary->text().contains(QStringLiteral("total lag 0")), qPrintable(summary->text()), 15000);
    }

    // The lag chart of a group's page holds one point per sampling round and takes the next
    // round's point as it comes; per partition adds a series for each; the table shows the health.
    void lagChartFollowsSamplingRounds()
    {
        m_history = std::make_unique<MetricsHistory>();
        MetricsEngine* engine = attachMetrics(m_session.get(), 3600 * 1000, m_history.get()); // rounds only when asked
        QTRY_VERIFY_WITH_TIMEOUT(engine && engine->isRunning(), 15000); // once the (empty) history is replayed
        if (engine->latest().rounds == 0)
            QVERIFY(QSignalSpy(engine, &MetricsEngine::snapshotReady).wait(15000));

        GroupDetailPage page(m_session.get(), QStringLiteral("billing"));
        page.resize(900, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto* chart = child<TimeSeriesChart>(page, "lagChart");
        auto* status = child<QLabel>(page, "lagStatus");
        auto* offsets = child<QTableView>(page, "groupOffsetsView");
        QVERIFY(chart && status && offsets);
        QCOMPARE(chart->seriesCount(), 1);
        QCOMPARE(chart->pointCount(0), 1); // the round sampled before the page opened
        QCOMPARE(chart->lastValue(0), 0.0);
        QVERIFY2(status->text().contains(QStringLiteral("OK")), qPrintable(status->text()));
        QTRY_COMPARE_WITH_TIMEOUT(cell(offsets, 0, GroupOffsetsModel::HealthColumn), QStringLiteral("OK"), 15000);
        QCOMPARE(cell(offsets, 0, GroupOffsetsModel::TimeLagColumn), QStringLiteral("0 s"));

        QVERIFY(produce(m_broker.bootstrapServers(), "payments", 8));
        QSignalSpy round(engine, &MetricsEngine::snapshotReady);
        engine->sampleNow();
        QVERIFY(round.wait(15000));
        QCOMPARE(chart->pointCount(0), 2);
        QCOMPARE(chart->lastValue(0), 8.0);
        QVERIFY2(status->text().contains(QStringLiteral("lag 8")), qPrintable(status->text()));

        auto* perPartition = child<QCheckBox>(page, "lagPerPartition");
        QTest::mouseClick(perPartition, Qt::LeftButton, {}, QPoint(4, perPartition->height() / 2));
        QCOMPARE(chart->seriesCount(), 3); // total, payments-0, payments-1
        QCOMPARE(chart->seriesName(1), QStringLiteral("payments-0"));
        QCOMPARE(chart->pointCount(1), 2);
        QCOMPARE(chart->lastValue(1) + chart->lastValue(2), 8.0);

        auto* metric = child<QComboBox>(page, "lagMetric");
        metric->setFocus();
        QTest::keyClick(metric, Qt::Key_Down); // Time lag
        QCOMPARE(metric->currentIndex(), 1);
        QCOMPARE(chart->pointCount(0), 2);
        QVERIFY(chart->lastValue(0) >= 0);

        QTemporaryDir dir;
        QString error;
        QVERIFY2(chart->exportCsv(dir.filePath(QStringLiteral("lag.csv")), &error), qPrintable(error));
        // (Below: the CSV is read back before a point far in the future shows the gap rule.)
        QFile csv(dir.filePath(QStringLiteral("lag.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 3); // header and one row per round
        QCOMPARE(lines.first(), QByteArray("time,\"total\",\"payments-0\",\"payments-1\""));
        QVERIFY2(chart->exportPng(dir.filePath(QStringLiteral("lag.png")), &error), qPrintable(error));
        QVERIFY(QFile(dir.filePath(QStringLiteral("lag.png"))).size() > 1000);

        // A point ten minutes after the last (the app was closed meanwhile) starts a new line: a
        // no-value point goes in between, so the line does not cross the time nothing was sampled.
        const int points = chart->pointCount(0);
        chart->append(0, engine->latest().timeMs + 600'000, 3.0);
        QCOMPARE(chart->pointCount(0), points + 2);
        QCOMPARE(chart->lastValue(0), 3.0);

        QVERIFY(m_billing->consumeAndCommit(8)); // leave the group caught up for the next test
    }

    // The cluster dashboard ranks the groups by lag and payments among the busiest
    // topics, and its throughput chart takes each round; the topic page charts payments' produce
    // rate per partition and names the groups reading it.
    void dashboardAndTopicRateFollowRounds()
    {
        MetricsEngine* engine = m_session->metrics();
        QVERIFY(engine); // attached by lagChartFollowsSamplingRounds
        ClusterOverviewPage overview(m_session.get());
        TopicDetailPage topicPage(m_session.get(), QStringLiteral("payments"));
        overview.show();
        topicPage.show();
        QVERIFY(QTest::qWaitForWindowExposed(&overview));
        auto* throughput = child<TimeSeriesChart>(overview, "throughputChart");
        auto* groups = child<QTableView>(overview, "laggingGroupsView");
        auto* topics = child<QTableView>(overview, "busiestTopicsView");
        auto* rate = child<TimeSeriesChart>(topicPage, "produceRateChart");
        auto* readers = child<QLabel>(topicPage, "topicReaders");
        QVERIFY(throughput && groups && topics && rate && readers);
        const int before = throughput->pointCount(0);
        QVERIFY(before >= 1); // the engine's latest round, shown at once

        QVERIFY(produce(m_broker.bootstrapServers(), "payments", 4));
        QSignalSpy round(engine, &MetricsEngine::snapshotReady);
        engine->sampleNow();
        QVERIFY(round.wait(15000));
        QCOMPARE(throughput->pointCount(0), before + 1);
        QCOMPARE(throughput->seriesCount(), 2);
        // audit read the first 10 messages and left: everything since is its lag, more than billing's 4.
        QCOMPARE(groups->model()->rowCount(), 2);
        QCOMPARE(cell(groups, 0, 0), QStringLiteral("audit"));
        QCOMPARE(cell(groups, 0, 2), QStringLiteral("18"));
        QCOMPARE(cell(groups, 1, 0), QStringLiteral("billing"));
        QCOMPARE(cell(groups, 1, 2), QStringLiteral("4"));
        QCOMPARE(cell(topics, 0, 0), QStringLiteral("payments"));
        QCOMPARE(cell(topics, 0, RankingModel::ReadByColumn), QStringLiteral("audit, billing"));
        QVERIFY(groups->model()->index(0, 4).data(RankingModel::SparklineRole).value<QList<double>>().size() >= 1);
        QCOMPARE(rate->seriesCount(), 3); // total and the two partitions
        QVERIFY(rate->pointCount(0) >= 1);
        QVERIFY2(readers->text().contains(QStringLiteral("billing (lag 4")), qPrintable(readers->text()));
        QVERIFY(m_billing->consumeAndCommit(4));
    }

    // samsactl lag reads the app's history and samples once: its lag per partition and in total is
    // the group page's, and its time lag is the page's moved on by the time between the two rounds.
    void samsactlLagAgreesWithThePage()
    {
        MetricsEngine* engine = m_session->metrics();
        QVERIFY(engine && m_history);
        QVERIFY(produce(m_broker.bootstrapServers(), "payments", 6)); // billing is 3 behind on each partition
        {
            QSignalSpy round(engine, &MetricsEngine::snapshotReady);
            engine->sampleNow();
            QVERIFY(round.wait(15000));
        }
        GroupDetailPage page(m_session.get(), QStringLiteral("billing"));
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto* offsets = child<QTableView>(page, "groupOffsetsView");
        QVERIFY(offsets);
        QTRY_COMPARE_WITH_TIMEOUT(cell(offsets, 0, GroupOffsetsModel::LagColumn), QStringLiteral("3"), 15000);
        const GroupMetrics shown = *engine->latest().group(QStringLiteral("billing"));
        // The round is in history.db once a later request on the history's thread is answered.
        QSignalSpy stored(m_history.get(), &MetricsHistory::recentLoaded);
        m_history->loadRecent(engine->historyCluster(), 0);
        QVERIFY(stored.wait(15000));

        QProcess ctl;
        ctl.start(QStringLiteral(SAMSACTL_PATH),
            { QStringLiteral("lag"), QStringLiteral("billing"), QStringLiteral("--json"), QStringLiteral("-b"),
                m_broker.bootstrapServers() });
        QVERIFY(ctl.waitForFinished(30000));
        QVERIFY2(ctl.exitCode() == 0, ctl.readAllStandardError().constData());
        const QJsonObject lag = QJsonDocument::fromJson(ctl.readAllStandardOutput()).object();
        QCOMPARE(lag.value(QStringLiteral("rounds")).toInteger(), engine->latest().rounds + 1); // replayed and its own
        QCOMPARE(lag.value(QStringLiteral("totalLag")).toInteger(), 6);
        const QJsonArray partitions = lag.value(QStringLiteral("partitions")).toArray();
        QCOMPARE(partitions.size(), offsets->model()->rowCount());
        for (int row = 0; row < partitions.size(); ++row) {
            const QJsonObject partition = partitions.at(row).toObject();
            QCOMPARE(partition.value(QStringLiteral("topic")).toString(), cell(offsets, row, GroupOffsetsModel::TopicColumn));
            QCOMPARE(QString::number(partition.value(QStringLiteral("partition")).toInteger()),
                cell(offsets, row, GroupOffsetsModel::PartitionColumn));
            QCOMPARE(QString::number(partition.value(QStringLiteral("committed")).toInteger()),
                cell(offsets, row, GroupOffsetsModel::CommittedColumn));
            QCOMPARE(QString::number(partition.value(QStringLiteral("end")).toInteger()),
                cell(offsets, row, GroupOffsetsModel::EndColumn));
            QCOMPARE(QString::number(partition.value(QStringLiteral("lag")).toInteger()),
                cell(offsets, row, GroupOffsetsModel::LagColumn));
        }
        QVERIFY(shown.timeLag.ms);
        const qint64 timeLag = lag.value(QStringLiteral("timeLagMs")).toInteger(-1);
        const qint64 between = QDateTime::fromString(lag.value(QStringLiteral("sampledAt")).toString(), Qt::ISODateWithMs)
                                   .toMSecsSinceEpoch()
            - engine->latest().timeMs;
        QVERIFY2(timeLag >= *shown.timeLag.ms && timeLag <= *shown.timeLag.ms + between + 1,
            qPrintable(QStringLiteral("samsactl %1 ms, page %2 ms, %3 ms apart").arg(timeLag).arg(*shown.timeLag.ms).arg(between)));
        QVERIFY(m_billing->consumeAndCommit(6));
    }

    // Alerts: a lag threshold set in the group page's dialog opens an incident once billing crosses
    // it: the page says so, and the groups list shows billing in red with the reason.
    void alertThresholdRaisesAnIncident()
    {
        MetricsEngine* engine = m_session->metrics();
        QVERIFY(engine && engine->alerts());
        GroupDetailPage page(m_session.get(), QStringLiteral("billing"));
        GroupsPage list(m_session.get());
        page.show();
        list.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto* listView = child<QTableView>(list, "groupsView");
        QTRY_COMPARE_WITH_TIMEOUT(listView->model()->rowCount(), 2, 15000);

        // A round first: the new thresholds are checked against the latest round when saved, and
        // that must be billing caught up (the previous test committed after its last round).
        {
            QSignalSpy round(engine, &MetricsEngine::snapshotReady);
            engine->sampleNow();
            QVERIFY(round.wait(15000));
            QCOMPARE(engine->latest().group(QStringLiteral("billing"))->lag, 0);
        }
        QTest::mouseClick(child<QPushButton>(page, "alertsButton"), Qt::LeftButton);
        auto* dialog = page.findChild<QDialog*>(QStringLiteral("alertThresholdsDialog"));
        QVERIFY(dialog && dialog->isVisible());
        auto* lag = dialog->findChild<QLineEdit*>(QStringLiteral("alertLag"));
        QVERIFY(lag);
        lag->setFocus();
        QTest::keyClicks(lag, QStringLiteral("2x")); // the letter is refused by the field
        QCOMPARE(lag->text(), QStringLiteral("2"));
        QTest::keyClick(lag, Qt::Key_Return); // OK
        QVERIFY(!dialog->isVisible());
        QCOMPARE(engine->alerts()->thresholds(QStringLiteral("billing")).maxLag, 2);

        QSignalSpy opened(engine->alerts(), &AlertMonitor::incidentOpened);
        QVERIFY(produce(m_broker.bootstrapServers(), "payments", 5));
        engine->sampleNow();
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 15000);
        QCOMPARE(opened.first().first().value<Incident>().reason, QStringLiteral("lag 5 > 2"));
        auto* message = child<QLabel>(page, "messageText");
        QVERIFY(message);
        QVERIFY2(message->text().contains(QStringLiteral("lag 5 > 2")), qPrintable(message->text()));
        int billingRow = -1;
        for (int row = 0; row < listView->model()->rowCount(); ++row) {
            if (cell(listView, row, 0) == QLatin1String("billing"))
                billingRow = row;
        }
        QVERIFY(billingRow >= 0);
        QCOMPARE(listView->model()->index(billingRow, 0).data(Qt::ForegroundRole).value<QColor>(), QColor(0xc0392b));
        QVERIFY(listView->model()->index(billingRow, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("lag 5 > 2")));

        QVERIFY(m_billing->consumeAndCommit(5)); // back under the threshold: the incident closes
        QSignalSpy closed(engine->alerts(), &AlertMonitor::incidentClosed);
        engine->sampleNow();
        QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, 15000);
        QVERIFY(!listView->model()->index(billingRow, 0).data(Qt::ForegroundRole).isValid());
        engine->alerts()->setThresholds(QStringLiteral("billing"), {});
    }

    // Reset offsets from the group's page: refused with the reason while billing has a member, then,
    // with the member gone, the preview shows every partition's committed offset and the start of
    // its log, and applying (after the confirmation) moves the committed offsets there.
    void resetOffsetsPreviewRefuseApply()
    {
        GroupDetailPage page(m_session.get(), QStringLiteral("billing"));
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto* offsets = child<QTableView>(page, "groupOffsetsView");
        QTRY_COMPARE_WITH_TIMEOUT(offsets->model()->rowCount(), 2, 15000);
        qint64 committed = 0;
        for (int row = 0; row < 2; ++row)
            committed += offsets->model()->index(row, GroupOffsetsModel::CommittedColumn).data().toLongLong();

        QTest::mouseClick(child<QPushButton>(page, "resetOffsetsButton"), Qt::LeftButton);
        auto* dialog = page.findChild<OffsetResetDialog*>(QStringLiteral("offsetResetDialog"));
        QVERIFY(dialog && dialog->isVisible());
        auto* preview = dialog->findChild<QTableWidget*>(QStringLiteral("resetPreview"));
        auto* previewButton = dialog->findChild<QPushButton*>(QStringLiteral("resetPreviewButton"));
        auto* applyButton = dialog->findChild<QPushButton*>(QStringLiteral("resetApplyButton"));
        auto* message = dialog->findChild<QLabel*>();
        QVERIFY(preview && previewButton && applyButton && message);

        QTest::mouseClick(previewButton, Qt::LeftButton); // Earliest, every topic of the group
        QTRY_COMPARE_WITH_TIMEOUT(preview->rowCount(), 2, 15000);
        QVERIFY(!applyButton->isEnabled());
        QVERIFY2(dialog->plan().refusal.contains(QStringLiteral("Stable with 1 member")), qPrintable(dialog->plan().refusal));
        qint64 shown = 0;
        for (int row = 0; row < 2; ++row) {
            QCOMPARE(preview->item(row, 0)->text(), QStringLiteral("payments"));
            QCOMPARE(preview->item(row, 1)->text(), QString::number(row));
            QCOMPARE(preview->item(row, 3)->text(), QStringLiteral("0"));
            shown += preview->item(row, 2)->text().toLongLong();
        }
        QCOMPARE(shown, committed);

        m_billing->close(); // the member leaves (LeaveGroup is answered before close returns): Empty
        QSignalSpy resetDone(dialog, &OffsetResetDialog::offsetsReset);
        QTest::mouseClick(previewButton, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(applyButton->isEnabled(), 15000);
        QVERIFY(dialog->plan().refusal.isEmpty());
        // The confirmation is a modal question: answer Yes once it is up.
        QTimer::singleShot(0, this, [] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget()))
                box->button(QMessageBox::Yes)->click();
        });
        QTest::mouseClick(applyButton, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(resetDone.size(), 1, 15000);
        QCOMPARE(preview->item(0, 5)->text(), QStringLiteral("done"));
        QTRY_COMPARE_WITH_TIMEOUT(offsets->model()->index(0, GroupOffsetsModel::CommittedColumn).data().toLongLong(), 0, 15000);
        QCOMPARE(offsets->model()->index(1, GroupOffsetsModel::CommittedColumn).data().toLongLong(), 0);
        dialog->close();
    }

    void unknownGroupIsShownAsDead()
    {
        GroupDetailPage page(m_session.get(), QStringLiteral("nobody"));
        page.show();
        auto* summary = child<QLabel>(page, "groupSummary");
        QTRY_VERIFY_WITH_TIMEOUT(summary->text().contains(QStringLiteral("Dead")), 15000);
        QCOMPARE(child<QTableWidget>(page, "membersView")->rowCount(), 0);
    }

private:
    BrokerProcess m_broker;
    std::unique_ptr<GroupConsumer> m_billing;
    std::unique_ptr<KafkaClusterSession> m_session;
    std::unique_ptr<MetricsHistory> m_history; // history.db at the default path, in the test's own XDG home
};

SAMSA_TEST_MAIN(GroupsPagesTest, QApplication)
#include "tst_groupspages.moc"
