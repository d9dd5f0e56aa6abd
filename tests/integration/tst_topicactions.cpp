// Topic administration through the app's core (TopicActions on its Kafka worker thread) against the
// real samsa-broker process: create, delete, add partitions, purge, topic and broker config changes
// and clones (with copied messages), each topic's or partition's outcome on its own, checked
// afterwards with independent clients: librdkafka, kcat and kafka-python.

#include "brokerprocess.h"
#include "clientrun.h"
#include "kafkapythonprobe.h"
#include "kafka/kafkathreads.h"
#include "rdkafkaadmin.h"
#include "rdkafkaclient.h"
#include "testmain.h"
#include "topics/topicactions.h"
#include "topics/topicclone.h"

#include <QSignalSpy>
#include <QStandardPaths>

using namespace Samsa;
using Samsa::Test::BrokerProcess;
using Samsa::Test::RdKafkaAdmin;
using Samsa::Test::RdKafkaProducer;
using Samsa::Test::RdKafkaReader;

namespace {

QList<QPair<QString, QString>> properties(const QString& bootstrap)
{
    return { { QStringLiteral("bootstrap.servers"), bootstrap } };
}

// Runs one action and returns its result (the job id must match the one the call returned).
template <typename Call> TopicActionResult run(TopicActions& actions, Call call)
{
    QSignalSpy done(&actions, &TopicActions::finished);
    const int job = call();
    if (!done.wait(30000)) {
        TopicActionResult none;
        none.error = QStringLiteral("no answer");
        return none;
    }
    if (done.first().at(0).toInt() != job) {
        TopicActionResult wrong;
        wrong.error = QStringLiteral("answer of another job");
        return wrong;
    }
    return done.first().at(1).value<TopicActionResult>();
}

QString errorOf(const TopicActionResult& result, const QString& topic)
{
    for (const TopicOutcome& outcome : result.topics) {
        if (outcome.topic == topic)
            return outcome.error;
    }
    return QStringLiteral("<missing>");
}

} // namespace

class TestTopicActions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_broker.start(), qPrintable(m_broker.error()));
        m_admin = std::make_unique<RdKafkaAdmin>(m_broker.bootstrapServers());
        QVERIFY(m_admin->isValid());
    }

    void cleanupTestCase() { QVERIFY(KafkaThreads::waitForAll(30000)); }

    void createsEachTopicWithItsOwnOutcome()
    {
        QVERIFY(m_admin->createTopic({ "existing", 1, {} }).ok());
        TopicActions actions(properties(m_broker.bootstrapServers()), 10000);
        NewTopicSpec good { QStringLiteral("created.topic"), 3, 1,
            { { QStringLiteral("retention.ms"), QStringLiteral("3600000") },
                { QStringLiteral("cleanup.policy"), QStringLiteral("compact") } } };
        NewTopicSpec badName { QStringLiteral("bad name"), 1, 1, {} };
        NewTopicSpec duplicate { QStringLiteral("existing"), 1, 1, {} };
        NewTopicSpec badConfig { QStringLiteral("bad-config"), 1, 1,
            { { QStringLiteral("no.such.config"), QStringLiteral("1") } } };
        NewTopicSpec defaults { QStringLiteral("broker-defaults"), -1, -1, {} };
        const TopicActionResult result = run(actions, [&] {
            return actions.createTopics({ good, badName, duplicate, badConfig, defaults });
        });
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.topics.size(), 5);
        QCOMPARE(result.topics.at(0).topic, good.name); // in the order given
        QCOMPARE(errorOf(result, good.name), QString());
        QVERIFY(errorOf(result, badName.name).contains(QStringLiteral("U+0020")));
        QVERIFY2(errorOf(result, duplicate.name).contains(QStringLiteral("exist"), Qt::CaseInsensitive),
            qPrintable(errorOf(result, duplicate.name)));
        QVERIFY(!errorOf(result, badConfig.name).isEmpty());
        QCOMPARE(errorOf(result, defaults.name), QString());
        QVERIFY(!result.ok());
        QCOMPARE(result.failures().size(), 3);

        QCOMPARE(m_admin->partitionCount("created.topic"), 3);
        QVERIFY(m_admin->partitionCount("broker-defaults") >= 1);
        QCOMPARE(m_admin->partitionCount("bad-config"), -1);
        QMap<QByteArray, Samsa::Test::ConfigValue> configs;
        QVERIFY(m_admin->describeConfigs(RD_KAFKA_RESOURCE_TOPIC, "created.topic", &configs).ok());
        QCOMPARE(configs.value("retention.ms").value, QByteArray("3600000"));
        QCOMPARE(configs.value("cleanup.policy").value, QByteArray("compact"));
    }

    void deletesSeveralTopicsEachWithItsOutcome()
    {
        QVERIFY(m_admin->createTopic({ "gone-1", 1, {} }).ok());
        QVERIFY(m_admin->createTopic({ "gone-2", 2, {} }).ok());
        TopicActions actions(properties(m_broker.bootstrapServers()), 10000);
        const TopicActionResult result = run(actions, [&] {
            return actions.deleteTopics(
                { QStringLiteral("gone-1"), QStringLiteral("never-was"), QStringLiteral("gone-2") });
        });
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.topics.size(), 3);
        QCOMPARE(errorOf(result, QStringLiteral("gone-1")), QString());
        QCOMPARE(errorOf(result, QStringLiteral("gone-2")), QString());
        QVERIFY(!errorOf(result, QStringLiteral("never-was")).isEmpty());
        QCOMPARE(m_admin->partitionCount("gone-1"), -1);
        QCOMPARE(m_admin->partitionCount("gone-2"), -1);
    }

    void addsPartitions()
    {
        QVERIFY(m_admin->createTopic({ "growing", 2, {} }).ok());
        TopicActions actions(properties(m_broker.bootstrapServers()), 10000);
        TopicActionResult result = run(actions, [&] { return actions.createPartitions(QStringLiteral("growing"), 5); });
        QVERIFY2(result.ok(), qPrintable(result.failures().join(QLatin1Char('\n'))));
        QCOMPARE(m_admin->partitionCount("growing"), 5);
        // Fewer than now: the broker's refusal is the topic's outcome.
        result = run(actions, [&] { return actions.createPartitions(QStringLiteral("growing"), 3); });
        QVERIFY(result.error.isEmpty());
        QVERIFY(!errorOf(result, QStringLiteral("growing")).isEmpty());
        QCOMPARE(m_admin->partitionCount("growing"), 5);
    }

    void purgesToTheEndAndToAnOffset()
    {
        QVERIFY(m_admin->createTopic({ "purged", 2, {} }).ok());
        QVERIFY(m_admin->createTopic({ "purged-all", 2, {} }).ok());
        RdKafkaProducer producer(m_broker.bootstrapServers());
        for (int i = 0; i < 10; ++i) {
            for (const QByteArray& topic : { QByteArray("purged"), QByteArray("purged-all") }) {
                QVERIFY(producer.produce(topic, 0, "k", "v" + QByteArray::number(i)));
                QVERIFY(producer.produce(topic, 1, "k", "v" + QByteArray::number(i)));
            }
        }
        QVERIFY(producer.flush(20000));
        TopicActions actions(properties(m_broker.bootstrapServers()), 10000);
        // Partition 0 up to offset 4, partition 1 to the end, partition 7 does not exist; a second
        // topic without chosen partitions is purged entirely.
        const PurgeRequest chosen { QStringLiteral("purged"), { { 0, 4 }, { 1, -1 }, { 7, -1 } } };
        const PurgeRequest all { QStringLiteral("purged-all"), {} };
        const TopicActionResult result = run(actions, [&] { return actions.purge({ chosen, all }); });
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.partitions.size(), 5);
        QCOMPARE(result.partitions.at(0).lowWatermark, 4);
        QCOMPARE(result.partitions.at(0).error, QString());
        QCOMPARE(result.partitions.at(1).lowWatermark, 10);
        // The purged-all partitions, then the one that does not exist (refused before sending).
        QCOMPARE(result.partitions.at(2).lowWatermark, 10);
        QCOMPARE(result.partitions.at(3).lowWatermark, 10);
        QCOMPARE(result.partitions.at(4).partition, 7);
        QVERIFY(result.partitions.at(4).error.contains(QStringLiteral("no partition 7")));

        // Only a partition that does not exist: its own outcome, not a failure of the whole request.
        const TopicActionResult missing = run(actions, [&] {
            return actions.purge({ { QStringLiteral("purged"), { { 9, -1 } } } });
        });
        QVERIFY2(missing.error.isEmpty(), qPrintable(missing.error));
        QCOMPARE(missing.partitions.size(), 1);
        QVERIFY(missing.partitions.at(0).error.contains(QStringLiteral("no partition 9")));

        RdKafkaReader reader(m_broker.bootstrapServers());
        qint64 low = -1;
        qint64 high = -1;
        QVERIFY(reader.watermarks("purged", 0, &low, &high));
        QCOMPARE(low, 4);
        QCOMPARE(high, 10);
        QVERIFY(reader.watermarks("purged-all", 1, &low, &high));
        QCOMPARE(low, 10);
        // kafka-python reads only what is left: partition 0 from offset 4, nothing of partition 1.
        QString error;
        const auto left = Samsa::Test::kafkaPythonMessages(m_broker.bootstrapServers(), QStringLiteral("purged"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(left.size(), 6);
        QCOMPARE(left.first().partition, 0);
        QCOMPARE(left.first().offset, 4);
        QCOMPARE(left.first().value, QByteArray("v4"));
        QCOMPARE(left.last().offset, 9);
    }

    void altersDynamicBrokerConfigs()
    {
        TopicActions actions(properties(m_broker.bootstrapServers()), 10000);
        const ConfigResource broker { ConfigResourceType::Broker, QStringLiteral("1") };
        TopicActionResult result = run(actions, [&] {
            return actions.alterConfigs(broker, { { QStringLiteral("log.retention.bytes"), QStringLiteral("5000000") } });
        });
        QVERIFY2(result.ok(), qPrintable(result.failures().join(QLatin1Char('\n'))));
        result = run(actions, [&] {
            return actions.alterConfigs(broker, { { QStringLiteral("message.max.bytes"), QStringLiteral("2000000") } });
        });
        QVERIFY2(result.ok(), qPrintable(result.failures().join(QLatin1Char('\n'))));
        QString error;
        auto seen = Samsa::Test::kafkaPythonConfigs(
            m_broker.bootstrapServers(), QStringLiteral("broker"), QStringLiteral("1"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // The first change survived the second: the dynamic set was read and sent again.
        QCOMPARE(seen.value(QStringLiteral("log.retention.bytes")).value, QStringLiteral("5000000"));
        QCOMPARE(seen.value(QStringLiteral("message.max.bytes")).value, QStringLiteral("2000000"));
        // A read-only one is refused by the broker with its reason; nothing changes.
        result = run(actions, [&] {
            return actions.alterConfigs(broker, { { QStringLiteral("num.partitions"), QStringLiteral("4") } });
        });
        QVERIFY(!result.ok());
        QVERIFY2(result.failures().join(QLatin1Char('\n')).contains(QStringLiteral("dynamically")),
            qPrintable(result.failures().join(QLatin1Char('\n'))));
        // Reset both.
        for (const QString& name : { QStringLiteral("log.retention.bytes"), QStringLiteral("message.max.bytes") }) {
            result = run(actions, [&] { return actions.alterConfigs(broker, { { name, QString() } }); });
            QVERIFY2(result.ok(), qPrintable(result.failures().join(QLatin1Char('\n'))));
        }
        seen = Samsa::Test::kafkaPythonConfigs(
            m_broker.bootstrapServers(), QStringLiteral("broker"), QStringLiteral("1"), &error);
        QCOMPARE(seen.value(QStringLiteral("message.max.bytes")).value, QStringLiteral("1048588"));
        QCOMPARE(seen.value(QStringLiteral("message.max.bytes")).source, 5);
    }

    void clonesWithTheLastMessages()
    {
        QVERIFY(m_admin
                    ->createTopic({ "clone-src", 3,
                        { { QByteArray("retention.ms"), QByteArray("3600000") },
                            { QByteArray("max.message.bytes"), QByteArray("500000") } } })
                    .ok());
        RdKafkaProducer producer(m_broker.bootstrapServers());
        for (int p = 0; p < 3; ++p) {
            for (int i = 0; i < 4; ++i) {
                const QByteArray n = QByteArray::number(p * 10 + i);
                QVERIFY(producer.produce("clone-src", p, "key" + n, "value" + n, { { "h", "hv" + n } },
                    1700000000000 + p * 10 + i));
            }
        }
        QVERIFY(producer.flush(20000));
        TopicActions actions(properties(m_broker.bootstrapServers()), 10000);
        QSignalSpy inspected(&actions, &TopicActions::topicInspected);
        actions.inspectTopic(QStringLiteral("clone-src"));
        QVERIFY(inspected.wait(15000));
        const auto source = inspected.first().at(1).value<TopicCloneSource>();
        QVERIFY2(source.error.isEmpty(), qPrintable(source.error));
        QCOMPARE(source.partitions, 3);
        QCOMPARE(source.replicationFactor, 1);
        QCOMPARE(source.overrides.size(), 2); // only the overrides, not the defaults
        QCOMPARE(source.overrides.at(1), qMakePair(QStringLiteral("retention.ms"), QStringLiteral("3600000")));

        TopicCloneRequest request;
        request.source = QStringLiteral("clone-src");
        request.sourcePartitions = source.partitions;
        request.target = { QStringLiteral("clone-src"), 2, 1, source.overrides };
        QVERIFY(request.problem().contains(QStringLiteral("name of its own")));
        request.target.name = QStringLiteral("clone-dst");
        request.copy = CloneCopy::Last;
        request.messagesPerPartition = 2;
        QVERIFY(request.problem().contains(QStringLiteral("at least 3 partitions")));
        request.target.partitions = 3;
        QVERIFY(request.problem().isEmpty());

        TopicClone clone(&actions, properties(m_broker.bootstrapServers()));
        QSignalSpy finished(&clone, &TopicClone::finished);
        clone.start(request);
        QVERIFY(finished.wait(30000));
        const auto result = finished.first().at(0).value<TopicCloneResult>();
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QVERIFY(result.created);
        QCOMPARE(result.copied, 6);

        // kafka-python: the overrides and the last two messages of each partition, where they were.
        QString error;
        const auto configs = Samsa::Test::kafkaPythonConfigs(
            m_broker.bootstrapServers(), QStringLiteral("topic"), QStringLiteral("clone-dst"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(configs.value(QStringLiteral("retention.ms")).value, QStringLiteral("3600000"));
        QCOMPARE(configs.value(QStringLiteral("max.message.bytes")).source, 1);
        const auto messages
            = Samsa::Test::kafkaPythonMessages(m_broker.bootstrapServers(), QStringLiteral("clone-dst"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(messages.size(), 6);
        for (int index = 0; index < 6; ++index) {
            const int p = index / 2;
            const QByteArray n = QByteArray::number(p * 10 + 2 + index % 2);
            const auto& message = messages.at(index);
            QCOMPARE(message.partition, p);
            QCOMPARE(message.key, "key" + n);
            QCOMPARE(message.value, "value" + n);
            QCOMPARE(message.timestamp, 1700000000000 + p * 10 + 2 + index % 2);
            QCOMPARE(message.headers.size(), 1);
            QCOMPARE(message.headers.first().second, "hv" + n);
        }
        // kcat sees the same.
        const QString kcat = QStandardPaths::findExecutable(QStringLiteral("kcat"));
        QVERIFY2(!kcat.isEmpty(), "kcat is not installed (packaging/setup-deps.sh)");
        const Samsa::Test::ClientRun read = Samsa::Test::runClient(kcat,
            { QStringLiteral("-b"), m_broker.bootstrapServers(), QStringLiteral("-C"), QStringLiteral("-t"),
                QStringLiteral("clone-dst"), QStringLiteral("-p"), QStringLiteral("1"), QStringLiteral("-o"),
                QStringLiteral("beginning"), QStringLiteral("-e"), QStringLiteral("-q"), QStringLiteral("-f"),
                QStringLiteral("%k=%s@%T;%h\n") });
        QCOMPARE(read.exitCode, 0);
        QCOMPARE(read.output.trimmed(),
            QStringLiteral("key12=value12@1700000000012;h=hv12\nkey13=value13@1700000000013;h=hv13"));
    }

    void cloneCancelledWhileCreatingCopiesNothing()
    {
        QVERIFY(m_admin->createTopic({ "clone-cancel-src", 1, {} }).ok());
        RdKafkaProducer producer(m_broker.bootstrapServers());
        QVERIFY(producer.produce("clone-cancel-src", 0, "k", "v"));
        QVERIFY(producer.flush(20000));
        TopicActions actions(properties(m_broker.bootstrapServers()), 10000);
        TopicCloneRequest request;
        request.source = QStringLiteral("clone-cancel-src");
        request.sourcePartitions = 1;
        request.target = { QStringLiteral("clone-cancel-dst"), 1, 1, {} };
        request.copy = CloneCopy::First;
        request.messagesPerPartition = 10;
        TopicClone clone(&actions, properties(m_broker.bootstrapServers()));
        QSignalSpy finished(&clone, &TopicClone::finished);
        clone.start(request);
        clone.cancel(); // the creation is already on its way: its answer still comes, nothing is read
        QVERIFY(finished.wait(30000));
        const auto result = finished.first().at(0).value<TopicCloneResult>();
        QVERIFY(result.cancelled);
        QVERIFY(result.created);
        QCOMPARE(result.copied, 0);
        QVERIFY(!clone.isRunning());
        RdKafkaReader reader(m_broker.bootstrapServers());
        qint64 low = -1;
        qint64 high = -1;
        QVERIFY(reader.watermarks("clone-cancel-dst", 0, &low, &high));
        QCOMPARE(high, 0);
    }

    void clonesTheFirstMessagesOnly()
    {
        QVERIFY(m_admin->createTopic({ "clone-first-src", 2, {} }).ok());
        RdKafkaProducer producer(m_broker.bootstrapServers());
        for (int i = 0; i < 5; ++i) {
            QVERIFY(producer.produce("clone-first-src", 0, "k", "a" + QByteArray::number(i)));
            QVERIFY(producer.produce("clone-first-src", 1, "k", "b" + QByteArray::number(i)));
        }
        QVERIFY(producer.flush(20000));
        TopicActions actions(properties(m_broker.bootstrapServers()), 10000);
        TopicCloneRequest request;
        request.source = QStringLiteral("clone-first-src");
        request.sourcePartitions = 2;
        request.target = { QStringLiteral("clone-first-dst"), 2, 1, {} };
        request.copy = CloneCopy::First;
        request.messagesPerPartition = 2;
        TopicClone clone(&actions, properties(m_broker.bootstrapServers()));
        QSignalSpy finished(&clone, &TopicClone::finished);
        clone.start(request);
        QVERIFY(finished.wait(30000));
        const auto result = finished.first().at(0).value<TopicCloneResult>();
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.copied, 4);
        QString error;
        const auto messages
            = Samsa::Test::kafkaPythonMessages(m_broker.bootstrapServers(), QStringLiteral("clone-first-dst"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList values;
        for (const auto& message : messages)
            values.append(QString::fromUtf8(message.value));
        QCOMPARE(values, (QStringList { QStringLiteral("a0"), QStringLiteral("a1"), QStringLiteral("b0"), QStringLiteral("b1") }));
    }

    void altersConfigsKeepingOtherOverrides()
    {
        QVERIFY(m_admin
                    ->createTopic({ "tuned", 1,
                        { { QByteArray("retention.ms"), QByteArray("1000000") },
                            { QByteArray("segment.ms"), QByteArray("7200000") } } })
                    .ok());
        TopicActions actions(properties(m_broker.bootstrapServers()), 10000);
        TopicActionResult result = run(actions, [&] {
            return actions.alterConfigs(
                QStringLiteral("tuned"), { { QStringLiteral("retention.ms"), QStringLiteral("2000000") } });
        });
        QVERIFY2(result.ok(), qPrintable(result.failures().join(QLatin1Char('\n'))));
        QMap<QByteArray, Samsa::Test::ConfigValue> configs;
        QVERIFY(m_admin->describeConfigs(RD_KAFKA_RESOURCE_TOPIC, "tuned", &configs).ok());
        QCOMPARE(configs.value("retention.ms").value, QByteArray("2000000"));
        // The override not named in the change survives AlterConfigs' replace-all.
        QCOMPARE(configs.value("segment.ms").value, QByteArray("7200000"));
        QCOMPARE(configs.value("segment.ms").source, RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG);

        // Reset to default: the override goes, the other stays.
        result = run(actions, [&] {
            return actions.alterConfigs(QStringLiteral("tuned"), { { QStringLiteral("retention.ms"), QString() } });
        });
        QVERIFY2(result.ok(), qPrintable(result.failures().join(QLatin1Char('\n'))));
        configs.clear();
        QVERIFY(m_admin->describeConfigs(RD_KAFKA_RESOURCE_TOPIC, "tuned", &configs).ok());
        QVERIFY(configs.value("retention.ms").source != RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG);
        QCOMPARE(configs.value("segment.ms").value, QByteArray("7200000"));

        // An unknown topic: its own outcome.
        result = run(actions, [&] {
            return actions.alterConfigs(
                QStringLiteral("no-such"), { { QStringLiteral("retention.ms"), QStringLiteral("1") } });
        });
        QVERIFY(!result.ok());
    }

    void unreachableClusterIsAnError()
    {
        TopicActions actions(properties(QStringLiteral("127.0.0.1:1")), 1500);
        const TopicActionResult result = run(actions, [&] { return actions.deleteTopics({ QStringLiteral("x") }); });
        QVERIFY(!result.ok());
    }

private:
    BrokerProcess m_broker;
    std::unique_ptr<RdKafkaAdmin> m_admin;
};

SAMSA_TEST_MAIN(TestTopicActions, QCoreApplication)
#include "tst_topicactions.moc"
