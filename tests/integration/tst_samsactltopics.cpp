// samsactl topic create | delete | purge | alter-config | clone, run as a separate process against the real
// samsa-broker: each topic's and partition's result in text and JSON, exit codes, usage errors, and
// what kcat (another client, librdkafka's CLI) and an independent admin client then see.

#include "brokerprocess.h"
#include "programrun.h"
#include "rdkafkaadmin.h"
#include "rdkafkaclient.h"
#include "testmain.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using Samsa::Test::BrokerProcess;
using Samsa::Test::ConfigValue;
using Samsa::Test::RdKafkaAdmin;
using Samsa::Test::RdKafkaProducer;

namespace {

using Run = Samsa::Test::ProgramRun;
using Samsa::Test::args;
using Samsa::Test::parseObject;
using Samsa::Test::runProgram;

} // namespace

class TestSamsactlTopics : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_broker.start(), qPrintable(m_broker.error()));
        m_admin = std::make_unique<RdKafkaAdmin>(m_broker.bootstrapServers());
        QVERIFY(m_admin->isValid());
    }

    void createThenKcatSeesIt()
    {
        const Run run = ctl(args({ "topic", "create", "shop.orders", "--partitions", "4", "--config",
            "retention.ms=3600000", "--config", "cleanup.policy=compact", "--json" }));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject json = parseObject(run.out);
        QCOMPARE(json.value(QLatin1String("ok")).toBool(), true);
        const QJsonArray topics = json.value(QLatin1String("topics")).toArray();
        QCOMPARE(topics.size(), 1);
        QCOMPARE(topics.at(0).toObject().value(QLatin1String("topic")).toString(), QStringLiteral("shop.orders"));
        QVERIFY(topics.at(0).toObject().value(QLatin1String("error")).isNull());
        // The '.' warning goes to stderr, never into the JSON.
        QVERIFY2(run.err.contains("shop_orders"), run.err.constData());

        QCOMPARE(kcatPartitions("shop.orders"), 4);
        QMap<QByteArray, ConfigValue> configs;
        QVERIFY(m_admin->describeConfigs(RD_KAFKA_RESOURCE_TOPIC, "shop.orders", &configs).ok());
        QCOMPARE(configs.value("retention.ms").value, QByteArray("3600000"));
        QCOMPARE(configs.value("cleanup.policy").value, QByteArray("compact"));

        // Again: the broker's refusal, as text, exit 1.
        const Run again = ctl(args({ "topic", "create", "shop.orders" }));
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.out.contains("shop.orders") && again.out.contains("exist"), again.out.constData());
        QVERIFY2(again.err.contains("shop.orders:"), again.err.constData());
    }

    void deleteSeveralEachWithItsResult()
    {
        QVERIFY(m_admin->createTopic({ "old-1", 1, {} }).ok());
        QVERIFY(m_admin->createTopic({ "old-2", 1, {} }).ok());
        QCOMPARE(kcatPartitions("old-1"), 1);
        const Run run = ctl(args({ "topic", "delete", "old-1", "missing-topic", "old-2", "--json" }));
        QCOMPARE(run.exitCode, 1);
        const QJsonArray topics = parseObject(run.out).value(QLatin1String("topics")).toArray();
        QCOMPARE(topics.size(), 3);
        QCOMPARE(topics.at(0).toObject().value(QLatin1String("ok")).toBool(), true);
        QCOMPARE(topics.at(1).toObject().value(QLatin1String("ok")).toBool(), false);
        QVERIFY(!topics.at(1).toObject().value(QLatin1String("error")).toString().isEmpty());
        QCOMPARE(topics.at(2).toObject().value(QLatin1String("ok")).toBool(), true);
        QVERIFY2(run.err.contains("missing-topic:"), run.err.constData());
        QCOMPARE(kcatPartitions("old-1"), -1);
        QCOMPARE(kcatPartitions("old-2"), -1);
    }

    void purgeToAnOffsetAndToTheEnd()
    {
        QVERIFY(m_admin->createTopic({ "purge-me", 2, {} }).ok());
        RdKafkaProducer producer(m_broker.bootstrapServers());
        for (int i = 0; i < 10; ++i) {
            QVERIFY(producer.produce("purge-me", 0, "k", "zero-" + QByteArray::number(i)));
            QVERIFY(producer.produce("purge-me", 1, "k", "one-" + QByteArray::number(i)));
        }
        QVERIFY(producer.flush(20000));
        QCOMPARE(kcatOffsets("purge-me", 0).size(), 10);

        Run run = ctl(args({ "topic", "purge", "purge-me", "--partition", "0:4" }));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("purged"), run.out.constData());
        QCOMPARE(kcatOffsets("purge-me", 0), (QList<qint64> { 4, 5, 6, 7, 8, 9 }));
        QCOMPARE(kcatOffsets("purge-me", 1).size(), 10);

        run = ctl(args({ "topic", "purge", "purge-me", "--json" }));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray partitions = parseObject(run.out).value(QLatin1String("partitions")).toArray();
        QCOMPARE(partitions.size(), 2);
        for (const QJsonValue& partition : partitions)
            QCOMPARE(partition.toObject().value(QLatin1String("start")).toInteger(), 10);
        QCOMPARE(kcatOffsets("purge-me", 0).size(), 0);
        QCOMPARE(kcatOffsets("purge-me", 1).size(), 0);

        // A partition the topic does not have: its own failure, exit 1.
        run = ctl(args({ "topic", "purge", "purge-me", "--partition", "9" }));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("purge-me-9:"), run.err.constData());
    }

    void alterConfigKeepsOtherOverrides()
    {
        QVERIFY(m_admin
                    ->createTopic({ "tuned", 1,
                        { { QByteArray("retention.ms"), QByteArray("1000000") },
                            { QByteArray("segment.ms"), QByteArray("7200000") } } })
                    .ok());
        Run run = ctl(args({ "topic", "alter-config", "tuned", "--add-config", "retention.ms=2000000" }));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QMap<QByteArray, ConfigValue> configs;
        QVERIFY(m_admin->describeConfigs(RD_KAFKA_RESOURCE_TOPIC, "tuned", &configs).ok());
        QCOMPARE(configs.value("retention.ms").value, QByteArray("2000000"));
        QCOMPARE(configs.value("segment.ms").value, QByteArray("7200000"));

        run = ctl(args({ "topic", "alter-config", "tuned", "--delete-config", "segment.ms", "--json" }));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(parseObject(run.out).value(QLatin1String("ok")).toBool(), true);
        configs.clear();
        QVERIFY(m_admin->describeConfigs(RD_KAFKA_RESOURCE_TOPIC, "tuned", &configs).ok());
        QVERIFY(configs.value("segment.ms").source != RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG);
        QCOMPARE(configs.value("retention.ms").value, QByteArray("2000000"));
    }

    void cloneCopiesOverridesAndMessages()
    {
        QVERIFY(m_admin->createTopic({ "ctl-src", 2, { { QByteArray("retention.ms"), QByteArray("5400000") } } }).ok());
        RdKafkaProducer producer(m_broker.bootstrapServers());
        for (int i = 0; i < 5; ++i) {
            QVERIFY(producer.produce("ctl-src", 0, "a", "a" + QByteArray::number(i), { { "n", QByteArray::number(i) } },
                1650000000000 + i));
            QVERIFY(producer.produce("ctl-src", 1, "b", "b" + QByteArray::number(i), {}, 1650000001000 + i));
        }
        QVERIFY(producer.flush(20000));
        const Run run = ctl(args({ "topic", "clone", "ctl-src", "ctl-dst", "--last-messages", "2", "--json" }));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject json = parseObject(run.out);
        QCOMPARE(json.value(QLatin1String("created")).toBool(), true);
        QCOMPARE(json.value(QLatin1String("copied")).toInt(), 4);
        QCOMPARE(json.value(QLatin1String("partitions")).toInt(), 2);
        QCOMPARE(json.value(QLatin1String("overrides")).toArray().size(), 1);
        QCOMPARE(kcatPartitions("ctl-dst"), 2);
        // kcat: the last two of partition 0, with key, header and timestamp.
        const Run read = runProgram(QStringLiteral(KCAT_PATH),
            { QStringLiteral("-b"), m_broker.bootstrapServers(), QStringLiteral("-C"), QStringLiteral("-t"),
                QStringLiteral("ctl-dst"), QStringLiteral("-p"), QStringLiteral("0"), QStringLiteral("-o"),
                QStringLiteral("beginning"), QStringLiteral("-e"), QStringLiteral("-q"), QStringLiteral("-f"),
                QStringLiteral("%o %k=%s@%T;%h\n") });
        QCOMPARE(read.out.trimmed(), QByteArray("0 a=a3@1650000000003;n=3\n1 a=a4@1650000000004;n=4"));
        QMap<QByteArray, ConfigValue> configs;
        QVERIFY(m_admin->describeConfigs(RD_KAFKA_RESOURCE_TOPIC, "ctl-dst", &configs).ok());
        QCOMPARE(configs.value("retention.ms").value, QByteArray("5400000"));

        // Text output, no messages, more partitions.
        const Run plain = ctl(args({ "topic", "clone", "ctl-src", "ctl-empty", "--partitions", "3" }));
        QVERIFY2(plain.exitCode == 0, plain.err.constData());
        QVERIFY2(plain.out.contains("ctl-empty: created from ctl-src (3 partitions"), plain.out.constData());
        QCOMPARE(kcatPartitions("ctl-empty"), 3);
        QCOMPARE(kcatOffsets("ctl-empty", 0), QList<qint64>());

        // An unknown source, and a new name that exists: exit 1 with the reason.
        const Run missing = ctl(args({ "topic", "clone", "no-such-topic", "x-copy" }));
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("does not exist"), missing.err.constData());
        const Run exists = ctl(args({ "topic", "clone", "ctl-src", "ctl-dst" }));
        QCOMPARE(exists.exitCode, 1);
        QVERIFY2(exists.err.contains("exist"), exists.err.constData());
    }

    void badUsageExitsTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::addRow("no subcommand") << args({ "topic", "x" }) << QStringLiteral("topic needs a subcommand");
        QTest::addRow("bad name") << args({ "topic", "create", "my topic" }) << QStringLiteral("U+0020");
        QTest::addRow("dot dot") << args({ "topic", "create", ".." }) << QStringLiteral("\"..\"");
        QTest::addRow("long name") << QStringList { QStringLiteral("topic"), QStringLiteral("create"),
            QString(250, QLatin1Char('x')) }
                                   << QStringLiteral("at most 249");
        QTest::addRow("zero partitions") << args({ "topic", "create", "t", "--partitions", "0" })
                                         << QStringLiteral("--partitions");
        QTest::addRow("config without value")
            << args({ "topic", "create", "t", "--config", "retention.ms" }) << QStringLiteral("KEY=VALUE");
        QTest::addRow("delete without topic") << args({ "topic", "delete" }) << QStringLiteral("TOPIC...");
        QTest::addRow("purge bad partition")
            << args({ "topic", "purge", "t", "--partition", "0:x" }) << QStringLiteral("N:OFFSET");
        QTest::addRow("alter without change")
            << args({ "topic", "alter-config", "t" }) << QStringLiteral("--add-config");
        QTest::addRow("set and delete") << args({ "topic", "alter-config", "t", "--add-config", "a=1",
            "--delete-config", "a" }) << QStringLiteral("both set and deleted");
        QTest::addRow("clone without new name") << args({ "topic", "clone", "t" }) << QStringLiteral("NEW");
        QTest::addRow("clone first and last") << args({ "topic", "clone", "t", "u", "--messages", "1",
            "--last-messages", "1" }) << QStringLiteral("exclude each other");
        QTest::addRow("clone zero messages")
            << args({ "topic", "clone", "t", "u", "--messages", "0" }) << QStringLiteral("--messages");
        QTest::addRow("config on purge") << args({ "topic", "purge", "t", "--config", "a=1" })
                                         << QStringLiteral("does not apply");
    }

    void badUsageExitsTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run run = ctl(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.contains(message.toUtf8()), run.err.constData());
    }

    void unreachableClusterExitsOne()
    {
        const Run run = runProgram(
            QStringLiteral(SAMSACTL_PATH), args({ "topic", "delete", "x", "-b", "127.0.0.1:1", "--timeout", "1500" }));
        QCOMPARE(run.exitCode, 1);
        QVERIFY(!run.err.isEmpty());
    }

private:
    Run ctl(QStringList arguments) const
    {
        return runProgram(
            QStringLiteral(SAMSACTL_PATH), arguments << QStringLiteral("-b") << m_broker.bootstrapServers());
    }

    // The partition count kcat's metadata shows for the topic, -1 when it does not exist.
    int kcatPartitions(const QByteArray& topic) const
    {
        const Run run = runProgram(QStringLiteral(KCAT_PATH),
            { QStringLiteral("-b"), m_broker.bootstrapServers(), QStringLiteral("-L"), QStringLiteral("-J") });
        const QJsonArray topics = parseObject(run.out).value(QLatin1String("topics")).toArray();
        for (const QJsonValue& entry : topics) {
            const QJsonObject object = entry.toObject();
            if (object.value(QLatin1String("topic")).toString().toUtf8() == topic)
                return int(object.value(QLatin1String("partitions")).toArray().size());
        }
        return -1;
    }

    // The offsets kcat reads from the start of one partition to its end.
    QList<qint64> kcatOffsets(const QByteArray& topic, int partition) const
    {
        const Run run = runProgram(QStringLiteral(KCAT_PATH),
            { QStringLiteral("-b"), m_broker.bootstrapServers(), QStringLiteral("-C"), QStringLiteral("-t"),
                QString::fromUtf8(topic), QStringLiteral("-p"), QString::number(partition), QStringLiteral("-o"),
                QStringLiteral("beginning"), QStringLiteral("-e"), QStringLiteral("-q"), QStringLiteral("-f"),
                QStringLiteral("%o\\n") });
        QList<qint64> offsets;
        for (const QByteArray& line : run.out.split('\n')) {
            if (!line.isEmpty())
                offsets.append(line.toLongLong());
        }
        return offsets;
    }

    BrokerProcess m_broker;
    std::unique_ptr<RdKafkaAdmin> m_admin;
};

SAMSA_TEST_MAIN(TestSamsactlTopics, QCoreApplication)
#include "tst_samsactltopics.moc"
