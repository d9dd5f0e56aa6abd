// history.db: rounds stored and loaded exactly, one-minute rollups, pruning by age, a restart that
// continues the same series, group and topic queries, damaged rows, and the size a large cluster
// adds per day.

#include "historysimulation.h"
#include "historytestsupport.h"
#include "metrics/metricshistorystore.h"
#include "testmain.h"

#include <QElapsedTimer>

using namespace Samsa;
using namespace Samsa::Test;

namespace {

const QString cluster = QStringLiteral("cluster-a");
constexpr qint64 HourMs = 60 * 60 * 1000;
// 2023-11-14 22:00 UTC, an hour boundary.
constexpr qint64 T0 = 1'699'999'200'000;

HistoryQuery everything(const QString& name = cluster)
{
    HistoryQuery query;
    query.cluster = name;
    return query;
}

HistoryQuery between(qint64 fromMs, qint64 toMs)
{
    HistoryQuery query = everything();
    query.fromMs = fromMs;
    query.toMs = toMs;
    return query;
}

HistoryQuery ofGroup(const QString& group, const QString& name = cluster)
{
    HistoryQuery query = everything(name);
    query.group = group;
    return query;
}

HistoryQuery ofTopic(const QString& topic)
{
    HistoryQuery query = everything();
    query.topic = topic;
    return query;
}

PartitionOffsets partition(const QString& topic, int number, qint64 start, qint64 end, qint64 bytes)
{
    return { topic, number, start, end, bytes };
}

// A small cluster whose round n changes in every way a round can.
SampleRound smallRound(int n, qint64 timeMs)
{
    SampleRound round;
    round.timeMs = timeMs;
    round.durationMs = 40 + n;
    const QString orders = QStringLiteral("orders");
    const QString audit = QStringLiteral("audit");
    round.partitions = { partition(orders, 0, 0, 100 + 10 * n, 5000 + 300 * n), partition(orders, 1, n / 4, 200, -1),
        partition(audit, 0, -1, -1, -1) };
    if (n >= 3) // a partition added mid-way
        round.partitions.append(partition(orders, 2, 0, n * n, 7 * n));
    round.commits
        = { { QStringLiteral("billing"), orders, 0, 90 + 10 * n }, { QStringLiteral("billing"), orders, 1, -1 } };
    if (n % 5 != 4) // a group that comes and goes
        round.commits.append({ QStringLiteral("audit-reader"), audit, 0, n % 2 ? -1 : 0 });
    round.groupStates
        = { { QStringLiteral("billing"), n % 3 ? QStringLiteral("Stable") : QStringLiteral("PreparingRebalance") } };
    if (n % 5 != 4)
        round.groupStates.insert(QStringLiteral("audit-reader"), QStringLiteral("Empty"));
    if (n == 6)
        round.error = QStringLiteral("Broker 2 did not answer.");
    return round;
}

} // namespace

class TestMetricsHistory : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString freshPath() { return m_dir.filePath(QStringLiteral("history-%1.db").arg(++m_counter)); }

    static QList<SampleRound> appendSmallRounds(MetricsHistoryStore* store, int from, int to, qint64 stepMs)
    {
        QList<SampleRound> rounds;
        for (int n = from; n < to; ++n) {
            rounds.append(smallRound(n, T0 + n * stepMs));
            if (!store->appendRound(cluster, rounds.last()))
                qWarning("append %d: %s", n, qPrintable(store->errorText()));
        }
        return rounds;
    }

private Q_SLOTS:
    void roundTripAcrossKeyframes()
    {
        MetricsHistoryStore store;
        QVERIFY2(store.open(freshPath()), qPrintable(store.errorText()));
        // Every 7 minutes over three hours: keyframes at each hour, deltas between.
        const QList<SampleRound> rounds = appendSmallRounds(&store, 0, 26, 7 * 60 * 1000);
        QVERIFY(sameRounds(store.load(everything()), rounds));
        QVERIFY(store.errorText().isEmpty());
        // A range in the middle of an hour decodes from that hour's keyframe.
        QVERIFY(sameRounds(store.load(between(rounds.at(12).timeMs, rounds.at(14).timeMs)), rounds.mid(12, 3)));
        QVERIFY(store.load(everything(QStringLiteral("other"))).isEmpty());

        QVERIFY(!store.appendRound(cluster, smallRound(30, rounds.last().timeMs)));
        QVERIFY(store.errorText().contains(QLatin1String("not later")));
    }

    // The sampler may list partitions in any order, and a partition twice (the last listing wins).
    void listingOrderAndRepeats()
    {
        MetricsHistoryStore store;
        QVERIFY(store.open(freshPath()));
        const SampleRound first = smallRound(5, T0);
        SampleRound second = smallRound(6, T0 + 5000);
        std::reverse(second.partitions.begin(), second.partitions.end());
        std::reverse(second.commits.begin(), second.commits.end());
        // Stale listings first; the round's own come later.
        second.partitions.prepend(partition(QStringLiteral("orders"), 0, 0, 1, 1));
        second.commits.prepend({ QStringLiteral("billing"), QStringLiteral("orders"), 0, 1 });
        QVERIFY(store.appendRound(cluster, first));
        QVERIFY(store.appendRound(cluster, second));
        QVERIFY(sameRounds(store.load(everything()), { first, smallRound(6, T0 + 5000) }));
    }

    void rollupKeepsTheMinutesLastValues()
    {
        MetricsHistoryStore store;
        QVERIFY(store.open(freshPath()));
        // Twelve rounds a minute for five minutes, then one more to close the fifth minute.
        const QList<SampleRound> rounds = appendSmallRounds(&store, 0, 61, 5000);
        // Raw rounds go (the cutoff is the hour after T0), rollups stay.
        QCOMPARE(store.prune(cluster, T0 + HourMs + 24 * HourMs, {}), 61);
        const QList<SampleRound> rollups = store.load(everything());
        QCOMPARE(rollups.size(), 5);
        for (int minute = 0; minute < 5; ++minute)
            QVERIFY(same(rollups.at(minute), rollupOf(rounds.mid(minute * 12, 12))));
        // The fifth minute's last round (n = 59) lacks audit-reader: its rollup keeps the group's
        // commit from n = 58, but not its state, which is the last round's.
        const SampleRound& fifth = rollups.at(4);
        QCOMPARE(fifth.timeMs, rounds.at(59).timeMs);
        QCOMPARE(fifth.durationMs, rounds.at(59).durationMs);
        QCOMPARE(fifth.commits.size(), 3);
        QCOMPARE(fifth.commits.last().group, QStringLiteral("audit-reader"));
        QCOMPARE(fifth.commits.last().committed, 0);
        QVERIFY(!fifth.groupStates.contains(QStringLiteral("audit-reader")));
    }

    void pruneByAge()
    {
        const QString path = freshPath();
        MetricsHistoryStore store;
        QVERIFY(store.open(path));
        // Every 30 s for two and a half hours.
        const QList<SampleRound> rounds = appendSmallRounds(&store, 0, 300, 30 * 1000);
        // Raw kept a day: at T0 + 25h the raw rounds of the first hour go; its rollups stay.
        QCOMPARE(store.prune(cluster, T0 + 25 * HourMs, {}), 120);
        QList<SampleRound> loaded = store.load(everything());
        QCOMPARE(loaded.size(), 60 + 180);
        for (int minute = 0; minute < 60; ++minute)
            QVERIFY(same(loaded.at(minute), rollupOf(rounds.mid(minute * 2, 2))));
        QVERIFY(sameRounds(loaded.mid(60), rounds.mid(120)));
        QVERIFY(store.errorText().isEmpty());

        // Rollups kept 30 days: 30 days after the second hour, the first two hours of rollups go.
        const qint64 monthLater = T0 + 2 * HourMs + 30LL * 24 * HourMs + 1;
        const HistoryRetention yearOfRaw { 365LL * 24 * HourMs, 30LL * 24 * HourMs };
        QCOMPARE(store.prune(cluster, monthLater, yearOfRaw), 120);
        QCOMPARE(sql(path, QStringLiteral("SELECT count(*) FROM rounds WHERE resolution = 60")).toInt(), 29);
        QCOMPARE(store.load(everything()).size(), 180);
        QCOMPARE(store.prune(cluster, monthLater, yearOfRaw), 0);
    }

    // Alert incidents: stored when opened, updated when closed, read newest first, and pruned with
    // the rollups once closed (an incident still open is never pruned).
    void incidentsAreKeptAndPruned()
    {
        const QString path = freshPath();
        MetricsHistoryStore store;
        QVERIFY(store.open(path));
        Incident old { cluster, QStringLiteral("billing"), T0, -1, QStringLiteral("lag 5,000 > 1,000") };
        QVERIFY2(store.recordIncident(old), qPrintable(store.errorText()));
        old.closedMs = T0 + 60000;
        QVERIFY(store.recordIncident(old));
        const Incident open { cluster, QStringLiteral("audit"), T0 + HourMs, -1, QStringLiteral("health STOP") };
        QVERIFY(store.recordIncident(open));
        QVERIFY(store.recordIncident({ QStringLiteral("other"), QStringLiteral("x"), T0, -1, QStringLiteral("elsewhere") }));

        QList<Incident> incidents = store.incidents(cluster, 0);
        QCOMPARE(incidents.size(), 2);
        QCOMPARE(incidents.at(0).group, QStringLiteral("audit"));
        QCOMPARE(incidents.at(0).closedMs, -1);
        QCOMPARE(incidents.at(1).group, QStringLiteral("billing"));
        QCOMPARE(incidents.at(1).closedMs, T0 + 60000);
        QCOMPARE(incidents.at(1).reason, QStringLiteral("lag 5,000 > 1,000"));
        store.close();
        QVERIFY(store.open(path)); // kept across a restart
        QCOMPARE(store.incidents(cluster, T0 + 1).size(), 1);

        const qint64 monthLater = T0 + 32LL * 24 * HourMs;
        QVERIFY(store.prune(cluster, monthLater, {}) >= 0);
        incidents = store.incidents(cluster, 0);
        QCOMPARE(incidents.size(), 1); // the closed one went, the open one stays
        QCOMPARE(incidents.first().group, QStringLiteral("audit"));
    }

    void reopenContinuesTheSameSeries()
    {
        const QString path = freshPath();
        QList<SampleRound> rounds;
        {
            MetricsHistoryStore store;
            QVERIFY(store.open(path));
            rounds = appendSmallRounds(&store, 0, 8, 5000); // stops in the middle of T0's first minute
        }
        const int seriesBefore = sql(path, QStringLiteral("SELECT count(*) FROM series")).toInt();
        MetricsHistoryStore store;
        QVERIFY(store.open(path));
        QVERIFY(!store.appendRound(cluster, smallRound(8, rounds.last().timeMs)));
        rounds += appendSmallRounds(&store, 8, 30, 5000);
        QVERIFY(sameRounds(store.load(everything()), rounds));
        // The series of the first session kept their ids: only the partition added later is new.
        QCOMPARE(sql(path, QStringLiteral("SELECT count(*) FROM series")).toInt(), seriesBefore);
        QCOMPARE(sql(path, QStringLiteral("SELECT max(id) + 1 FROM series")).toInt(), seriesBefore);

        // The first minute's rollup spans both sessions.
        QCOMPARE(store.prune(cluster, T0 + 25 * HourMs, {}), 30);
        const QList<SampleRound> rollups = store.load(everything());
        QCOMPARE(rollups.size(), 2);
        QVERIFY(same(rollups.at(0), rollupOf(rounds.mid(0, 12))));
        QVERIFY(same(rollups.at(1), rollupOf(rounds.mid(12, 12))));
    }

    void groupAndTopicQueries()
    {
        MetricsHistoryStore store;
        QVERIFY(store.open(freshPath()));
        const QList<SampleRound> rounds = appendSmallRounds(&store, 0, 10, 5000);
        const QString orders = QStringLiteral("orders");
        const QString billing = QStringLiteral("billing");

        // A group: its commits, the ends and starts of the partitions it commits, its state.
        const QList<SampleRound> byGroup = store.load(ofGroup(billing));
        QCOMPARE(byGroup.size(), rounds.size());
        for (qsizetype i = 0; i < rounds.size(); ++i) {
            SampleRound expected = rounds.at(i);
            expected.partitions
                = { partition(orders, 0, expected.partitions.at(0).start, expected.partitions.at(0).end, -1),
                      partition(orders, 1, expected.partitions.at(1).start, expected.partitions.at(1).end, -1) };
            expected.commits = expected.commits.mid(0, 2);
            expected.groupStates = { { billing, expected.groupStates.value(billing) } };
            QVERIFY(same(byGroup.at(i), expected));
        }

        // A topic: its partitions, and the commits and states of the groups on it.
        const QList<SampleRound> byTopic = store.load(ofTopic(QStringLiteral("audit")));
        for (qsizetype i = 0; i < rounds.size(); ++i) {
            SampleRound expected = rounds.at(i);
            expected.partitions = expected.partitions.mid(2, 1);
            expected.commits = expected.commits.mid(2);
            expected.groupStates.remove(billing);
            QVERIFY(same(byTopic.at(i), expected));
        }
        QVERIFY(store.load(ofGroup(QStringLiteral("nobody"))).at(0).partitions.isEmpty());
    }

    void damagedRowsAreSkippedUntilTheNextKeyframe()
    {
        const QString path = freshPath();
        MetricsHistoryStore store;
        QVERIFY(store.open(path));
        // Every 10 minutes for two hours: keyframes at n = 0, 6 and 12.
        const QList<SampleRound> rounds = appendSmallRounds(&store, 0, 13, 10 * 60 * 1000);
        sql(path,
            QStringLiteral("UPDATE rounds SET data = x'01ffffffffffffffffffffff' WHERE resolution = 0 AND ts = %1")
                .arg(rounds.at(3).timeMs));
        QVERIFY(sameRounds(store.load(everything()), rounds.mid(0, 3) + rounds.mid(6)));
        QVERIFY2(store.errorText().startsWith(QLatin1String("3 stored rounds")), qPrintable(store.errorText()));
    }

    void refusesOtherFiles()
    {
        const QString newer = freshPath();
        sql(newer, QStringLiteral("PRAGMA user_version = 99"));
        MetricsHistoryStore store;
        QVERIFY(!store.open(newer));
        QVERIFY(store.errorText().contains(QLatin1String("newer")));
        const QString notSqlite = freshPath();
        QFile file(notSqlite);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        QVERIFY(!store.open(notSqlite));
        QVERIFY(!store.appendRound(cluster, smallRound(0, T0)));
    }

    // 10,000 partitions and 200 groups sampled every 5 s for an hour: the rollups must add at most
    // 50 MB a day to the file.
    void sizeOfALargeCluster()
    {
        const QString path = freshPath();
        MetricsHistoryStore store;
        QVERIFY(store.open(path));
        HistorySimulation cluster(42);
        constexpr int rounds = 720;
        qint64 appendNs = 0;
        QElapsedTimer timer;
        for (int n = 0; n < rounds; ++n) {
            const SampleRound round = cluster.next(T0 + n * 5000 + 300);
            timer.start();
            QVERIFY2(store.appendRound(QStringLiteral("large"), round), qPrintable(store.errorText()));
            appendNs += timer.nsecsElapsed();
        }
        const qint64 loadStart = timer.elapsed();
        const QList<SampleRound> oneGroup = store.load(ofGroup(QStringLiteral("group-7"), QStringLiteral("large")));
        const qint64 loadMs = timer.elapsed() - loadStart;
        QCOMPARE(oneGroup.size(), rounds);
        QCOMPARE(oneGroup.last().commits.size(), 50);
        store.close();

        const auto bytes = [&path](int resolution) {
            return sql(path,
                QStringLiteral("SELECT sum(length(data) + length(states)) FROM rounds WHERE resolution = %1")
                    .arg(resolution))
                .toLongLong();
        };
        const qint64 rollups
            = sql(path, QStringLiteral("SELECT count(*) FROM rounds WHERE resolution = 60")).toLongLong();
        QCOMPARE(rollups, 59);
        const qint64 rawPerRound = bytes(0) / rounds;
        const qint64 rollupPerDay = bytes(60) * 1440 / rollups;
        // What the file itself grows by, pages and indexes included: with and without the rollups.
        sql(path, QStringLiteral("DELETE FROM rounds WHERE resolution = 0"));
        sql(path, QStringLiteral("VACUUM"));
        const qint64 withRollups = QFileInfo(path).size();
        sql(path, QStringLiteral("DELETE FROM rounds"));
        sql(path, QStringLiteral("VACUUM"));
        const qint64 filePerDay = (withRollups - QFileInfo(path).size()) * 1440 / rollups;
        qInfo("raw: %lld bytes a round (%.0f MB for a day of raw rounds); rollups: %.1f MB a day of blobs, %.1f MB a "
              "day of file; append %.2f ms a round; one group's hour loaded in %lld ms",
            static_cast<long long>(rawPerRound), rawPerRound * 17280 / 1e6, rollupPerDay / 1e6, filePerDay / 1e6,
            appendNs / 1e6 / rounds, static_cast<long long>(loadMs));
        QVERIFY(filePerDay <= 50'000'000);
    }
};

SAMSA_TEST_MAIN(TestMetricsHistory, QCoreApplication)
#include "tst_metricshistory.moc"
