// The built samsactl, run as a separate process against librdkafka's mock cluster.

#include "closedport.h"
#include "mockcluster.h"
#include "profiles/profilestore.h"
#include "testmain.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using Samsa::Test::MockCluster;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runCtl(const QStringList& arguments)
{
    QProcess process;
    process.start(QStringLiteral(SAMSACTL_PATH), arguments);
    Run run;
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit) {
        process.kill();
        process.waitForFinished();
        run.err = "samsactl crashed or hung";
        return run;
    }
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QJsonObject parseObject(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s\n%s", qPrintable(error.errorString()), json.constData());
    return document.object();
}

} // namespace

class TestSamsactl : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_mock.isValid());
        QVERIFY(m_mock.createTopic(QStringLiteral("payments"), 3, 3));
        QVERIFY(m_mock.createTopic(QStringLiteral("logs"), 2, 3));
        QVERIFY(m_mock.produce(QStringLiteral("payments"), 0, 4));
        QVERIFY(m_mock.produce(QStringLiteral("payments"), 2, 9));
        QVERIFY(m_mock.produce(QStringLiteral("logs"), 1, 5));
    }

    void versionAndHelp()
    {
        const Run version = runCtl({ QStringLiteral("--version") });
        QCOMPARE(version.exitCode, 0);
        QCOMPARE(version.out.trimmed(), QByteArray("samsactl " SAMSA_VERSION));
        const Run help = runCtl({ QStringLiteral("--help") });
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("describe-topic"));
        QVERIFY(help.out.contains("--bootstrap"));
    }

    void badUsageExitsTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        const QString bootstrap = QStringLiteral("--bootstrap=127.0.0.1:9092");
        QTest::addRow("nothing") << QStringList {};
        QTest::addRow("unknown command") << QStringList { QStringLiteral("frobnicate"), bootstrap };
        QTest::addRow("unknown option") << QStringList { QStringLiteral("topics"), QStringLiteral("--fast"), bootstrap };
        QTest::addRow("no cluster") << QStringList { QStringLiteral("topics") };
        QTest::addRow("two clusters") << QStringList { QStringLiteral("topics"), bootstrap, QStringLiteral("--profile"),
            QStringLiteral("p") };
        QTest::addRow("missing topic") << QStringList { QStringLiteral("describe-topic"), bootstrap };
        QTest::addRow("extra argument") << QStringList { QStringLiteral("brokers"), QStringLiteral("x"), bootstrap };
        QTest::addRow("bad config type") << QStringList { QStringLiteral("configs"), QStringLiteral("cluster"),
            QStringLiteral("x"), bootstrap };
        QTest::addRow("bootstrap without value") << QStringList { QStringLiteral("topics"), QStringLiteral("--bootstrap") };
        QTest::addRow("bad timeout") << QStringList { QStringLiteral("topics"), bootstrap, QStringLiteral("--timeout"),
            QStringLiteral("soon") };
        QTest::addRow("profiles with cluster") << QStringList { QStringLiteral("profiles"), bootstrap };
        QTest::addRow("unknown profile") << QStringList { QStringLiteral("topics"), QStringLiteral("--profile"),
            QStringLiteral("nobody") };
    }

    void badUsageExitsTwo()
    {
        QFETCH(QStringList, arguments);
        const Run run = runCtl(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        QVERIFY(run.err.startsWith("samsactl: "));
    }

    void topicsAsText()
    {
        const Run run = runCtl({ QStringLiteral("topics"), QStringLiteral("--bootstrap"), m_mock.bootstrapServers() });
        QCOMPARE(run.exitCode, 0);
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QVERIFY(lines.first().startsWith("TOPIC"));
        QByteArray payments;
        for (const QByteArray& line : lines) {
            if (line.startsWith("payments "))
                payments = line.simplified();
        }
        // name, partitions, replication, messages, under-replicated, offline
        QCOMPARE(payments, QByteArray("payments 3 3 13 0 0"));
    }

    void topicsAsJson()
    {
        const Run run = runCtl({ QStringLiteral("topics"), QStringLiteral("--json"), QStringLiteral("--bootstrap"),
            m_mock.bootstrapServers() });
        QCOMPARE(run.exitCode, 0);
        const QJsonArray topics = parseObject(run.out).value(QStringLiteral("topics")).toArray();
        QHash<QString, QJsonObject> byName;
        for (const QJsonValue& topic : topics)
            byName.insert(topic[QStringLiteral("name")].toString(), topic.toObject());
        QCOMPARE(byName.size(), 2);
        QCOMPARE(byName[QStringLiteral("payments")][QStringLiteral("partitions")].toInt(), 3);
        QCOMPARE(byName[QStringLiteral("payments")][QStringLiteral("replicationFactor")].toInt(), 3);
        QCOMPARE(byName[QStringLiteral("payments")][QStringLiteral("messages")].toInteger(), 13);
        QCOMPARE(byName[QStringLiteral("logs")][QStringLiteral("partitions")].toInt(), 2);
        QCOMPARE(byName[QStringLiteral("logs")][QStringLiteral("replicationFactor")].toInt(), 3);
        QCOMPARE(byName[QStringLiteral("logs")][QStringLiteral("messages")].toInteger(), 5);
    }

    void brokersAsJson()
    {
        const Run run = runCtl({ QStringLiteral("brokers"), QStringLiteral("--json"), QStringLiteral("--bootstrap"),
            m_mock.bootstrapServers() });
        QCOMPARE(run.exitCode, 0);
        const QJsonObject object = parseObject(run.out);
        QVERIFY(!object.value(QStringLiteral("clusterId")).toString().isEmpty());
        const QJsonArray brokers = object.value(QStringLiteral("brokers")).toArray();
        QCOMPARE(brokers.size(), 3);
        QStringList addresses;
        for (const QJsonValue& broker : brokers) {
            addresses.append(QStringLiteral("%1:%2").arg(broker[QStringLiteral("host")].toString()).arg(
                broker[QStringLiteral("port")].toInt()));
        }
        QStringList expected = m_mock.bootstrapServers().split(QLatin1Char(','));
        addresses.sort();
        expected.sort();
        QCOMPARE(addresses, expected);
    }

    void describeTopicAsJson()
    {
        const Run run = runCtl({ QStringLiteral("describe-topic"), QStringLiteral("payments"), QStringLiteral("--json"),
            QStringLiteral("--bootstrap"), m_mock.bootstrapServers() });
        QCOMPARE(run.exitCode, 0);
        const QJsonObject topic = parseObject(run.out);
        QCOMPARE(topic.value(QStringLiteral("name")).toString(), QStringLiteral("payments"));
        const QJsonArray partitions = topic.value(QStringLiteral("partitions")).toArray();
        QCOMPARE(partitions.size(), 3);
        const QList<qint64> expectedHigh { 4, 0, 9 };
        for (int index = 0; index < 3; ++index) {
            const QJsonObject partition = partitions.at(index).toObject();
            QCOMPARE(partition.value(QStringLiteral("partition")).toInt(), index);
            QCOMPARE(partition.value(QStringLiteral("replicas")).toArray().size(), 3);
            QVERIFY(partition.value(QStringLiteral("replicas")).toArray().contains(
                partition.value(QStringLiteral("leader"))));
            QCOMPARE(partition.value(QStringLiteral("low")).toInteger(), 0);
            QCOMPARE(partition.value(QStringLiteral("high")).toInteger(), expectedHigh.at(index));
        }
    }

    void clusterErrorsExitOne_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("reachable");
        QTest::addColumn<QString>("errorPart");
        QTest::addRow("unknown topic") << QStringList { QStringLiteral("describe-topic"), QStringLiteral("ghost") }
                                       << true << QStringLiteral("ghost");
        QTest::addRow("configs unsupported") << QStringList { QStringLiteral("configs"), QStringLiteral("broker"),
            QStringLiteral("1") } << true << QStringLiteral("not supported");
        QTest::addRow("unreachable") << QStringList { QStringLiteral("topics") } << false << QStringLiteral("refused");
    }

    void clusterErrorsExitOne()
    {
        QFETCH(QStringList, arguments);
        QFETCH(bool, reachable);
        QFETCH(QString, errorPart);
        const QString bootstrap = reachable ? m_mock.bootstrapServers()
                                            : QStringLiteral("127.0.0.1:%1").arg(Samsa::Test::closedLocalPort());
        const Run run = runCtl(arguments
            + QStringList { QStringLiteral("--bootstrap"), bootstrap, QStringLiteral("--timeout"), QStringLiteral("1500") });
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(QString::fromUtf8(run.err).contains(errorPart, Qt::CaseInsensitive), run.err.constData());
    }

    void savedProfileIsListedAndUsable()
    {
        {
            Samsa::ProfileStore store;
            QVERIFY2(store.open(), qPrintable(store.errorText()));
            Samsa::ConnectionProfile profile;
            profile.name = QStringLiteral("Local mock");
            profile.bootstrapServers = m_mock.bootstrapServers();
            QVERIFY2(store.save(profile) > 0, qPrintable(store.errorText()));
        }
        const Run list = runCtl({ QStringLiteral("profiles"), QStringLiteral("--json") });
        QCOMPARE(list.exitCode, 0);
        const QJsonArray profiles = parseObject(list.out).value(QStringLiteral("profiles")).toArray();
        QCOMPARE(profiles.size(), 1);
        QCOMPARE(profiles.first()[QStringLiteral("name")].toString(), QStringLiteral("Local mock"));

        const Run text = runCtl({ QStringLiteral("profiles") });
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("Local mock"));

        const Run topics = runCtl({ QStringLiteral("topics"), QStringLiteral("--profile"), QStringLiteral("Local mock"),
            QStringLiteral("--json") });
        QCOMPARE(topics.exitCode, 0);
        QCOMPARE(parseObject(topics.out).value(QStringLiteral("topics")).toArray().size(), 2);
    }

private:
    MockCluster m_mock { 3 };
};

SAMSA_TEST_MAIN(TestSamsactl, QCoreApplication)
#include "tst_samsactl.moc"
