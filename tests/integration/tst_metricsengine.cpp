// The metrics engine against the real samsa-broker, with a clock the test moves: one second per
// round while a producer writes 100 messages per round. A consumer group keeps up, then falls
// behind (WARN), then stops committing while still a member (STALL), then leaves (STOP); its lag
// and time lag follow. A group caught up on an idle topic stays OK with a time lag of zero.

#include "brokerprocess.h"
#include "groupconsumer.h"
#include "kafka/kafkaclustersession.h"
#include "metrics/metricsengine.h"
#include "metrics/metricshistory.h"
#include "metrics/sessionmetrics.h"
#include "rdkafkaadmin.h"
#include "rdkafkaclient.h"
#include "testmain.h"

#include <QDirIterator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <atomic>

using namespace Samsa;
using Samsa::Test::BrokerProcess;
using Samsa::Test::GroupConsumer;
using Samsa::Test::RdKafkaAdmin;
using Samsa::Test::RdKafkaProducer;

namespace {

constexpr qint64 StepMs = 1000;
constexpr int PerStep = 100;

class Scenario {
public:
    explicit Scenario(const QString& bootstrap, const QList<QPair<QString, QString>>& security = {},
        const Samsa::Test::KafkaConfig& producerConfig = {})
        : m_producer(bootstrap, producerConfig)
        , m_engine(QList<QPair<QString, QString>> { { QStringLiteral("bootstrap.servers"), bootstrap } } + security,
              MetricsSettings { 4, 3000 })
    {
        m_engine.setClock([this] { return m_now.load(); });
    }

    MetricsEngine& engine() { return m_engine; }
    qint64 now() const { return m_now.load(); }

    bool produce(const QByteArray& topic, int count, int partitions = 1, qint64 timestampMs = 0)
    {
        for (int i = 0; i < count; ++i) {
            if (!m_producer.produce(topic, i % partitions, "k", "value", {}, timestampMs))
                return false;
        }
        return m_producer.flush(20000) && m_producer.deliveryErrors().isEmpty();
    }

    // Moves the clock one step on and samples a round.
    MetricsSnapshot step()
    {
        m_now += StepMs;
        QSignalSpy ready(&m_engine, &MetricsEngine::snapshotReady);
        m_engine.sampleNow();
        if (!ready.wait(20000))
            qFatal("no sampling round within 20 s");
        return ready.first().at(0).value<MetricsSnapshot>();
    }

private:
    std::atomic<qint64> m_now { 1'700'000'000'000 };
    RdKafkaProducer m_producer;
    MetricsEngine m_engine;
};

// Starts the broker (with its extra arguments) and creates the topics; false when either fails.
bool startWithTopics(BrokerProcess& broker, const QList<Samsa::Test::TopicSpec>& topics,
    const Samsa::Test::KafkaConfig& config = {})
{
    if (!broker.start()) {
        qWarning("%s", qPrintable(broker.error()));
        return false;
    }
    RdKafkaAdmin admin(broker.bootstrapServers(), config);
    for (const Samsa::Test::TopicSpec& topic : topics) {
        if (!admin.createTopic(topic).ok())
            return false;
    }
    return true;
}

// What the partition's segment files hold on disk, read past the broker.
qint64 segmentBytesOnDisk(const QString& dataDir, const QString& partitionDir)
{
    qint64 total = 0;
    QDirIterator files(dataDir + QLatin1Char('/') + partitionDir, { QStringLiteral("*.log") }, QDir::Files);
    while (files.hasNext())
        total += QFileInfo(files.next()).size();
    return total;
}

const GroupMetrics& groupOf(const MetricsSnapshot& snapshot, const char* id)
{
    const GroupMetrics* group = snapshot.group(QString::fromLatin1(id));
    if (!group)
        qFatal("group %s not in the snapshot", id);
    return *group;
}

} // namespace

class TestMetricsEngine : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void lagTimeLagAndHealthFollowTheConsumer()
    {
        BrokerProcess broker;
        QVERIFY(startWithTopics(broker, { { "events", 1, {} }, { "quiet", 1, {} } })); // one partition: lag moves exactly
        const QString bootstrap = broker.bootstrapServers();
        Scenario scenario(bootstrap);
        QVERIFY(scenario.produce("quiet", 10));
        GroupConsumer audit(bootstrap, "audit", "quiet");
        QVERIFY(audit.consumeAndCommit(10));
        audit.close(); // caught up and gone: an idle, empty, caught-up group

        GroupConsumer billing(bootstrap, "billing", "events");
        QVERIFY(billing.isValid());
        // Keeping up: 100 written and 100 read per step.
        MetricsSnapshot snapshot;
        for (int i = 0; i < 5; ++i) {
            QVERIFY(scenario.produce("events", PerStep));
            QVERIFY(billing.consumeAndCommit(PerStep));
            snapshot = scenario.step();
        }
        QVERIFY2(snapshot.error.isEmpty(), qPrintable(snapshot.error));
        const TopicMetrics* events = snapshot.topic(QStringLiteral("events"));
        QVERIFY(events && events->messagesPerSecond);
        QVERIFY2(qAbs(*events->messagesPerSecond - 100.0) <= 10.0, qPrintable(QString::number(*events->messagesPerSecond)));
        QCOMPARE(events->groups, QStringList { QStringLiteral("billing") });
        QCOMPARE(groupOf(snapshot, "billing").lag, 0);
        QCOMPARE(groupOf(snapshot, "billing").health, Health::Ok);
        QCOMPARE(*groupOf(snapshot, "billing").timeLag.ms, 0);

        // Falling behind: 100 written, 50 read per step. WARN once the window (4 rounds) no longer
        // holds a round where the group was caught up.
        QList<Health> states;
        for (int i = 0; i < 4; ++i) {
            QVERIFY(scenario.produce("events", PerStep));
            QVERIFY(billing.consumeAndCommit(PerStep / 2));
            snapshot = scenario.step();
            states.append(groupOf(snapshot, "billing").health);
        }
        QCOMPARE(states, (QList<Health> { Health::Ok, Health::Ok, Health::Ok, Health::Warn }));
        QCOMPARE(groupOf(snapshot, "billing").lag, 4 * PerStep / 2);
        QCOMPARE(groupOf(snapshot, "billing").clear.kind, ClearEstimate::Kind::NotCatchingUp);

        // Still a member, no more commits: STALL once the whole window saw the same offset.
        const qint64 stalledAt = scenario.now();
        states.clear();
        for (int i = 0; i < 4; ++i) {
            QVERIFY(scenario.produce("events", PerStep));
            snapshot = scenario.step();
            states.append(groupOf(snapshot, "billing").health);
        }
        QCOMPARE(states.last(), Health::Stall);
        QCOMPARE(groupOf(snapshot, "billing").lag, 4 * PerStep / 2 + 4 * PerStep);
        // The next record billing reads was written 200 messages before the end at stalledAt, i.e.
        // just after the round two steps before it: its time lag is 4 + 2 steps (less 1/100 step).
        const std::optional<qint64> timeLag = groupOf(snapshot, "billing").timeLag.ms;
        QVERIFY(timeLag);
        QCOMPARE(*timeLag, scenario.now() - stalledAt + 2 * StepMs - StepMs / PerStep);

        // The member leaves: the group is empty and the log moves on: STOP.
        billing.close();
        for (int i = 0; i < 4; ++i) {
            QVERIFY(scenario.produce("events", PerStep));
            snapshot = scenario.step();
        }
        QCOMPARE(groupOf(snapshot, "billing").state, QStringLiteral("Empty"));
        QCOMPARE(groupOf(snapshot, "billing").health, Health::Stop);
        QVERIFY(*groupOf(snapshot, "billing").timeLag.ms > *timeLag); // still growing

        // The idle, caught-up group was never anything but OK, with no time lag.
        QCOMPARE(groupOf(snapshot, "audit").health, Health::Ok);
        QCOMPARE(*groupOf(snapshot, "audit").timeLag.ms, 0);
        QCOMPARE(groupOf(snapshot, "audit").lag, 0);
        QVERIFY(snapshot.rounds >= 17);
    }

    // Log sizes come from DescribeLogDirs on Samsa's own connection: they match the segment files
    // on disk, and their growth gives bytes per second.
    void logSizesGiveBytesPerSecond()
    {
        BrokerProcess broker;
        QVERIFY(startWithTopics(broker, { { "sized", 2, {} } }));
        const QString bootstrap = broker.bootstrapServers();
        Scenario scenario(bootstrap);
        QList<qint64> sizes;
        MetricsSnapshot snapshot;
        for (int i = 0; i < 3; ++i) {
            QVERIFY(scenario.produce("sized", PerStep, 2));
            snapshot = scenario.step();
            QVERIFY2(snapshot.logSizeError.isEmpty(), qPrintable(snapshot.logSizeError));
            const TopicMetrics* topic = snapshot.topic(QStringLiteral("sized"));
            QVERIFY(topic);
            sizes.append(topic->logBytes);
        }
        QVERIFY(sizes[0] > 0);
        QVERIFY(sizes[1] > sizes[0] && sizes[2] > sizes[1]);
        for (const PartitionMetrics& partition : snapshot.partitions) {
            if (partition.topic == QLatin1String("sized")) {
                QCOMPARE(partition.logBytes,
                    segmentBytesOnDisk(broker.dataDir(), QStringLiteral("sized-%1").arg(partition.partition)));
            }
        }
        const TopicMetrics* topic = snapshot.topic(QStringLiteral("sized"));
        QVERIFY(topic->bytesPerSecond);
        // Over the last three seconds' span: the growth of the last two steps over two seconds.
        QCOMPARE(*topic->bytesPerSecond, double(sizes[2] - sizes[0]) / 2.0);
        QCOMPARE(snapshot.logBytes >= topic->logBytes, true);
        QVERIFY(snapshot.bytesInPerSecond && *snapshot.bytesInPerSecond >= *topic->bytesPerSecond);
    }

    // The same over SASL PLAIN, authenticating with the profile's credentials.
    void logSizesOverSaslPlain()
    {
        BrokerProcess broker;
        broker.setExtraArguments({ QStringLiteral("--set"), QStringLiteral("sasl.enabled.mechanisms=PLAIN"),
            QStringLiteral("--set"), QStringLiteral("sasl.plain.users=alice:alice-secret") });
        const Samsa::Test::KafkaConfig sasl { { "security.protocol", "SASL_PLAINTEXT" }, { "sasl.mechanisms", "PLAIN" },
            { "sasl.username", "alice" }, { "sasl.password", "alice-secret" } };
        QVERIFY(startWithTopics(broker, { { "secured", 1, {} } }, sasl));
        const QString bootstrap = broker.bootstrapServers();
        const QList<QPair<QString, QString>> security { { QStringLiteral("security.protocol"), QStringLiteral("SASL_PLAINTEXT") },
            { QStringLiteral("sasl.mechanisms"), QStringLiteral("PLAIN") }, { QStringLiteral("sasl.username"), QStringLiteral("alice") },
            { QStringLiteral("sasl.password"), QStringLiteral("alice-secret") } };
        Scenario scenario(bootstrap, security, sasl);
        QVERIFY(scenario.produce("secured", 10));
        MetricsSnapshot snapshot = scenario.step();
        QVERIFY2(snapshot.logSizeError.isEmpty(), qPrintable(snapshot.logSizeError));
        QVERIFY(snapshot.topic(QStringLiteral("secured"))->logBytes > 0);
    }

    // A group reset to the start commits an offset written long before the first sample: its time
    // lag is read from that record's timestamp, not extrapolated from the sampled rate.
    void reprocessingGroupGetsTheRecordsTimestamp()
    {
        BrokerProcess broker;
        QVERIFY(startWithTopics(broker, { { "archive", 1, {} } }));
        const QString bootstrap = broker.bootstrapServers();
        Scenario scenario(bootstrap);
        const qint64 writtenAt = scenario.now() - 3'600'000; // an hour before the first sample
        QVERIFY(scenario.produce("archive", 100, 1, writtenAt));
        GroupConsumer replay(bootstrap, "replay", "archive");
        QVERIFY(replay.consumeAndCommit(10));
        replay.close();
        const MetricsSnapshot snapshot = scenario.step();
        const GroupMetrics& group = groupOf(snapshot, "replay");
        QCOMPARE(group.lag, 90);
        QVERIFY2(group.timeLag.ms, qPrintable(group.timeLag.note));
        QCOMPARE(*group.timeLag.ms, scenario.now() - writtenAt);
        QCOMPARE(group.timeLag.note, QStringLiteral("from the record's timestamp"));
    }

    // Rounds go to history.db; after a restart (new history, new session) the engine replays them
    // first, so the round count goes on, and a group's chart gets its past back.
    void historyContinuesAfterRestart()
    {
        BrokerProcess broker;
        QVERIFY(startWithTopics(broker, { { "ledger", 1, {} } }));
        const QString bootstrap = broker.bootstrapServers();
        RdKafkaProducer producer(bootstrap);
        GroupConsumer reader(bootstrap, "ledger-reader", "ledger");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.db"));
        ConnectionProfile profile;
        profile.name = QStringLiteral("local");
        profile.bootstrapServers = bootstrap;
        const auto connect = [&](KafkaClusterSession& session) {
            QSignalSpy connected(&session, &KafkaClusterSession::watermarksFinished);
            session.connectToCluster();
            return connected.wait(15000);
        };
        {
            MetricsHistory history(path);
            KafkaClusterSession session(profile, {});
            MetricsEngine* engine = attachMetrics(&session, 3600 * 1000, &history);
            QSignalSpy rounds(engine, &MetricsEngine::snapshotReady);
            QVERIFY(connect(session));
            QVERIFY(rounds.wait(15000)); // the first round follows the (empty) replay
            for (int i = 1; i <= 3; ++i) {
                for (int m = 0; m < 10; ++m)
                    QVERIFY(producer.produce("ledger", 0, "k", "v"));
                QVERIFY(producer.flush(10000));
                if (i == 1)
                    QVERIFY(reader.consumeAndCommit(10));
                engine->sampleNow();
                QVERIFY(rounds.wait(15000));
            }
            QCOMPARE(engine->latest().rounds, 4);
            QCOMPARE(engine->latest().group(QStringLiteral("ledger-reader"))->lag, 20);
        }
        KafkaClusterSession::waitForWorkers(15000);

        MetricsHistory history(path);
        QSignalSpy past(&history, &MetricsHistory::groupHistoryLoaded);
        history.loadGroup(QStringLiteral("bootstrap:") + bootstrap, QStringLiteral("ledger-reader"), 0);
        QVERIFY(past.wait(15000));
        const auto points = past.first().at(2).value<QList<GroupHistoryPoint>>();
        QCOMPARE(points.size(), 3); // the group had committed from the second round on
        QCOMPARE(points.last().metrics.lag, 20);
        QCOMPARE(points.first().metrics.lag, 0);

        KafkaClusterSession session(profile, {});
        MetricsEngine* engine = attachMetrics(&session, 3600 * 1000, &history);
        QSignalSpy rounds(engine, &MetricsEngine::snapshotReady);
        QVERIFY(connect(session));
        QVERIFY(rounds.wait(15000));
        QCOMPARE(engine->latest().rounds, 5); // four replayed, one new
        QVERIFY(engine->latest().group(QStringLiteral("ledger-reader"))->consumeRate); // from the replayed rounds
        reader.close();
    }
};

SAMSA_TEST_MAIN(TestMetricsEngine, QCoreApplication)
#include "tst_metricsengine.moc"
