// The metrics derivation, driven by rounds with made-up clocks: produce and consume rates, lag, time
// lag by interpolation and from record timestamps, Burrow's health states (and the false alarms
// Samsa avoids), and the time to clear the lag.

#include "metrics/metricscalculator.h"
#include "testmain.h"

using namespace Samsa;

namespace {

const QString topic = QStringLiteral("orders");
const QString group = QStringLiteral("billing");

// One partition, one group: the round at `timeMs` with the log at `end` and the group at `committed`.
SampleRound round(qint64 timeMs, qint64 end, qint64 committed, const QString& state = QStringLiteral("Stable"),
    qint64 start = 0)
{
    SampleRound round;
    round.timeMs = timeMs;
    round.partitions.append({ topic, 0, start, end, -1 });
    if (committed != -2)
        round.commits.append({ group, topic, 0, committed });
    round.groupStates.insert(group, state);
    return round;
}

// A copy: callers pass calculator.snapshot(), a temporary.
GroupMetrics groupOf(const MetricsSnapshot& snapshot)
{
    const GroupMetrics* metrics = snapshot.group(group);
    if (!metrics)
        qFatal("group missing from the snapshot");
    return *metrics;
}

} // namespace

class TestMetricsCalculator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void produceRateFollowsTheEndOffset()
    {
        MetricsCalculator calculator;
        calculator.addRound(round(0, 1000, 1000));
        QVERIFY(!calculator.snapshot().partitions.first().messagesPerSecond); // one sample: no rate yet
        for (int i = 1; i <= 20; ++i)
            calculator.addRound(round(i * 5000, 1000 + i * 500, 1000 + i * 500)); // 100 messages/s
        const MetricsSnapshot snapshot = calculator.snapshot();
        QCOMPARE(*snapshot.partitions.first().messagesPerSecond, 100.0);
        QCOMPARE(*snapshot.topic(topic)->messagesPerSecond, 100.0);
        QCOMPARE(snapshot.topic(topic)->groups, QStringList { group });
        QCOMPARE(*groupOf(snapshot).consumeRate, 100.0);
        QCOMPARE(*snapshot.messagesInPerSecond, 100.0);
        QCOMPARE(groupOf(snapshot).clear.kind, ClearEstimate::Kind::CaughtUp);
    }

    void timeLagIsHowLongAgoTheNextRecordWasWritten()
    {
        MetricsCalculator calculator;
        // The log grows by 10 messages per second; the group stops at offset 250 after 25 s.
        for (int s = 0; s <= 60; s += 5)
            calculator.addRound(round(s * 1000, s * 10, std::min(s * 10, 250)));
        const GroupMetrics& metrics = groupOf(calculator.snapshot());
        QCOMPARE(metrics.lag, 600 - 250);
        // Offset 250 was written between 25 s (end 250) and 30 s (end 300): at 25.1 s.
        QVERIFY(metrics.timeLag.ms);
        QCOMPARE(*metrics.timeLag.ms, 60000 - 25100);
        QCOMPARE(metrics.partitions.first().timeLag.ms, metrics.timeLag.ms);
    }

    void oneSampleHasNoTimeLagYet()
    {
        MetricsCalculator calculator;
        calculator.addRound(round(0, 500, 100));
        const GroupMetrics& metrics = groupOf(calculator.snapshot());
        QCOMPARE(metrics.lag, 400);
        QVERIFY(!metrics.timeLag.ms);
        QCOMPARE(metrics.timeLag.note, QStringLiteral("one sample so far"));
        QCOMPARE(metrics.clear.kind, ClearEstimate::Kind::Unknown);
    }

    // Burrow and kafka-lag-exporter call an idle caught-up partition stopped, and its time lag grows
    // with the idle time. Here it stays OK with a time lag of zero.
    void idleCaughtUpGroupStaysOk()
    {
        MetricsCalculator calculator;
        for (int i = 0; i < 200; ++i)
            calculator.addRound(round(i * 5000, 42, 42, QStringLiteral("Empty")));
        const GroupMetrics& metrics = groupOf(calculator.snapshot());
        QCOMPARE(metrics.health, Health::Ok);
        QCOMPARE(*metrics.timeLag.ms, 0);
        QCOMPARE(metrics.clear.kind, ClearEstimate::Kind::CaughtUp);
    }

    void growingLagWarns()
    {
        MetricsCalculator calculator;
        // Consuming 50/s while 100/s arrive.
        for (int i = 0; i < 9; ++i)
            calculator.addRound(round(i * 5000, 1000 + i * 500, 900 + i * 250));
        QCOMPARE(groupOf(calculator.snapshot()).health, Health::Ok); // window not full yet
        calculator.addRound(round(9 * 5000, 1000 + 9 * 500, 900 + 9 * 250));
        const GroupMetrics& metrics = groupOf(calculator.snapshot());
        QCOMPARE(metrics.health, Health::Warn);
        QCOMPARE(metrics.clear.kind, ClearEstimate::Kind::NotCatchingUp);
        QVERIFY2(metrics.healthReason.contains(QStringLiteral("lag never went down")), qPrintable(metrics.healthReason));
    }

    // Batches: the lag rises in steps and stays level in between. Still growing; a lag that went
    // down once in the window is not.
    void lagRisingInStepsWarnsButFallingOnceDoesNot()
    {
        MetricsCalculator steps;
        MetricsCalculator dips;
        const QList<qint64> stepLags { 20, 50, 50, 100, 100, 150, 150, 200, 200, 250 };
        const QList<qint64> dipLags { 20, 50, 100, 50, 100, 150, 150, 200, 200, 250 };
        for (int i = 0; i < 10; ++i) {
            const qint64 end = 1000 + i * 100;
            steps.addRound(round(i * 5000, end, end - stepLags.at(i)));
            dips.addRound(round(i * 5000, end, end - dipLags.at(i)));
        }
        QCOMPARE(groupOf(steps.snapshot()).health, Health::Warn);
        QCOMPARE(groupOf(dips.snapshot()).health, Health::Ok);
    }

    // Burrow's first rule: a lag of zero anywhere in the window means all is well, however the
    // lag moved since.
    void caughtUpWithinTheWindowIsOk()
    {
        MetricsCalculator calculator;
        for (int i = 0; i < 10; ++i)
            calculator.addRound(round(i * 5000, 1000 + i * 100, i == 0 ? 1000 : 1000 + i * 50));
        QCOMPARE(groupOf(calculator.snapshot()).health, Health::Ok);
        calculator.addRound(round(10 * 5000, 2000, 1500)); // the zero left the window
        QCOMPARE(groupOf(calculator.snapshot()).health, Health::Warn);
    }

    void stuckOffsetWithMembersStalls()
    {
        MetricsCalculator calculator;
        for (int i = 0; i < 10; ++i)
            calculator.addRound(round(i * 5000, 1000 + i * 10, 900));
        QCOMPARE(groupOf(calculator.snapshot()).health, Health::Stall);
    }

    void noMembersAndNoCommitsStops()
    {
        MetricsCalculator calculator;
        for (int i = 0; i < 10; ++i)
            calculator.addRound(round(i * 5000, 1000 + i * 10, 900, QStringLiteral("Empty")));
        const GroupMetrics& metrics = groupOf(calculator.snapshot());
        QCOMPARE(metrics.health, Health::Stop);
        QVERIFY2(metrics.healthReason.contains(QStringLiteral("90 messages arrived")), qPrintable(metrics.healthReason));
    }

    void offsetGoingBackRewinds()
    {
        MetricsCalculator calculator;
        calculator.addRound(round(0, 1000, 800));
        calculator.addRound(round(5000, 1000, 300));
        QCOMPARE(groupOf(calculator.snapshot()).health, Health::Rewind);
    }

    void offsetOutsideTheLogIsAnError()
    {
        MetricsCalculator calculator;
        calculator.addRound(round(0, 1000, 100, QStringLiteral("Stable"), 500)); // records before 500 deleted
        QCOMPARE(groupOf(calculator.snapshot()).health, Health::Err);
        calculator.addRound(round(5000, 1000, 1200));
        QCOMPARE(groupOf(calculator.snapshot()).health, Health::Err);
    }

    // A group reset to the beginning commits an offset written long before sampling started: its
    // time lag comes from that record's timestamp, never from extrapolating the sampled rate.
    void reprocessingGroupTakesTheRecordTimestamp()
    {
        MetricsCalculator calculator;
        calculator.addRound(round(1'000'000, 5000, 5000));
        calculator.addRound(round(1'005'000, 5100, 10));
        GroupMetrics metrics = groupOf(calculator.snapshot());
        QVERIFY(!metrics.timeLag.ms);
        QCOMPARE(metrics.timeLag.note, QStringLiteral("older than the sampled history"));
        const QList<RecordToTime> wanted = calculator.recordsToTime();
        QCOMPARE(wanted.size(), 1);
        QCOMPARE(wanted.first().offset, 10);
        calculator.recordTime(topic, 0, 10, 400'000);
        metrics = groupOf(calculator.snapshot());
        QCOMPARE(*metrics.timeLag.ms, 1'005'000 - 400'000);
        QCOMPARE(metrics.timeLag.note, QStringLiteral("from the record's timestamp"));
        QVERIFY(calculator.recordsToTime().isEmpty());
        // Once the group moves on, the old timestamp is no longer kept.
        calculator.addRound(round(1'010'000, 5200, 20));
        QCOMPARE(calculator.recordsToTime().size(), 1);
    }

    void timeToClearFromNetRate()
    {
        MetricsCalculator calculator;
        // 100/s arrive, 300/s consumed: the lag shrinks by 200/s.
        for (int i = 0; i < 5; ++i)
            calculator.addRound(round(i * 5000, 10000 + i * 500, 1000 + i * 1500));
        const GroupMetrics& metrics = groupOf(calculator.snapshot());
        QCOMPARE(metrics.lag, 12000 - 7000);
        QCOMPARE(metrics.clear.kind, ClearEstimate::Kind::Clearing);
        QCOMPARE(metrics.clear.ms, 25000);
        QCOMPARE(clearEstimateText(metrics.clear), QStringLiteral("about 25 s"));
    }

    void deletedGroupDisappears()
    {
        MetricsCalculator calculator;
        calculator.addRound(round(0, 10, 10));
        QVERIFY(calculator.snapshot().group(group));
        SampleRound next = round(5000, 10, -2);
        next.groupStates.clear();
        calculator.addRound(next);
        QVERIFY(!calculator.snapshot().group(group));
    }
};

SAMSA_TEST_MAIN(TestMetricsCalculator, QCoreApplication)
#include "tst_metricscalculator.moc"
