// Alerts: thresholds read back from their settings text (bad text ignored, never fatal), and an
// incident opened once when a group crosses a threshold and closed when it is back.

#include "metrics/alertmonitor.h"
#include "testmain.h"

#include <QSignalSpy>

using namespace Samsa;

namespace {

MetricsSnapshot snapshotWith(qint64 timeMs, qint64 lag, Health health = Health::Ok, std::optional<qint64> timeLagMs = 0)
{
    MetricsSnapshot snapshot;
    snapshot.timeMs = timeMs;
    GroupMetrics group;
    group.group = QStringLiteral("billing");
    group.lag = lag;
    group.health = health;
    group.healthReason = QStringLiteral("orders-0: because");
    group.timeLag.ms = timeLagMs;
    snapshot.groups.append(group);
    return snapshot;
}

} // namespace

class TestAlertMonitor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void thresholdsRoundTripThroughText()
    {
        const AlertThresholds all { 1000, 60000, Health::Stall };
        QCOMPARE(all.toText(), QStringLiteral("lag=1000;timeLagSeconds=60;health=STALL"));
        QCOMPARE(AlertThresholds::fromText(all.toText()), all);
        QVERIFY(AlertThresholds::fromText(QString()).isEmpty());
        // Hand-edited or damaged settings: what parses is kept, the rest ignored.
        const AlertThresholds damaged = AlertThresholds::fromText(
            QStringLiteral("lag=-5;timeLagSeconds=ten;health=PANIC;;=;lag;bogus=1;timeLagSeconds=99999999999999999999"));
        QVERIFY(damaged.isEmpty());
        QCOMPARE(AlertThresholds::fromText(QStringLiteral(" health = STOP ; lag=7")).maxLag, 7);
    }

    void incidentOpensOnceAndCloses()
    {
        AlertMonitor monitor(QStringLiteral("cluster-a"));
        monitor.setThresholds(QStringLiteral("billing"), { 100, -1, Health::Stop });
        QSignalSpy opened(&monitor, &AlertMonitor::incidentOpened);
        QSignalSpy closed(&monitor, &AlertMonitor::incidentClosed);
        monitor.evaluate(snapshotWith(1000, 50));
        QCOMPARE(opened.size(), 0);
        monitor.evaluate(snapshotWith(2000, 150));
        monitor.evaluate(snapshotWith(3000, 400)); // still over: no second announcement
        QCOMPARE(opened.size(), 1);
        const Incident incident = opened.first().first().value<Incident>();
        QCOMPARE(incident.group, QStringLiteral("billing"));
        QCOMPARE(incident.openedMs, 2000);
        QCOMPARE(incident.reason, QStringLiteral("lag 150 > 100"));
        QVERIFY(monitor.isAlerting(QStringLiteral("billing")));
        monitor.evaluate(snapshotWith(4000, 20));
        QCOMPARE(closed.size(), 1);
        QCOMPARE(closed.first().first().value<Incident>().closedMs, 4000);
        QVERIFY(!monitor.isAlerting(QStringLiteral("billing")));
        // A health threshold counts worse states too.
        monitor.evaluate(snapshotWith(5000, 20, Health::Err));
        QCOMPARE(opened.size(), 2);
        QVERIFY(opened.last().first().value<Incident>().reason.startsWith(QStringLiteral("health ERR")));
    }

    void thresholdsAreKeptInTheSettings()
    {
        {
            AlertMonitor monitor(QStringLiteral("cluster/b"));
            monitor.setThresholds(QStringLiteral("g/1"), { -1, 30000, Health::Unknown });
        }
        AlertMonitor again(QStringLiteral("cluster/b"));
        QCOMPARE(again.thresholds(QStringLiteral("g/1")).maxTimeLagMs, 30000);
        QVERIFY(AlertMonitor(QStringLiteral("cluster/c")).thresholds(QStringLiteral("g/1")).isEmpty());
        again.setThresholds(QStringLiteral("g/1"), {});
        QVERIFY(AlertMonitor(QStringLiteral("cluster/b")).thresholds(QStringLiteral("g/1")).isEmpty());
    }

    void deletedGroupClosesItsIncident()
    {
        AlertMonitor monitor(QStringLiteral("cluster-d"));
        monitor.setThresholds(QStringLiteral("billing"), { 0, -1, Health::Unknown });
        QSignalSpy closed(&monitor, &AlertMonitor::incidentClosed);
        monitor.evaluate(snapshotWith(1000, 5));
        MetricsSnapshot failed;
        failed.timeMs = 2000;
        failed.error = QStringLiteral("timed out");
        monitor.evaluate(failed); // a failed round says nothing about the group
        QCOMPARE(closed.size(), 0);
        MetricsSnapshot gone;
        gone.timeMs = 3000;
        monitor.evaluate(gone);
        QCOMPARE(closed.size(), 1);
    }
};

SAMSA_TEST_MAIN(TestAlertMonitor, QCoreApplication)
#include "tst_alertmonitor.moc"
