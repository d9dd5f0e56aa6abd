// The built samsactl, run as a separate process: cluster commands against librdkafka's mock cluster
// (several brokers), and consume, produce and the group commands against the real samsa-broker with
// its Schema Registry.

#include "brokerprocess.h"
#include "closedport.h"
#include "decoding/avroframing.h"
#include "decoding/avrojsonencoder.h"
#include "groupconsumer.h"
#include "mockcluster.h"
#include "profiles/profilestore.h"
#include "programrun.h"
#include "rdkafkaadmin.h"
#include "rdkafkaclient.h"
#include "registry/schemaregistryclient.h"
#include "testmain.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using Samsa::Test::BrokerProcess;
using Samsa::Test::GroupConsumer;
using Samsa::Test::MockCluster;
using Samsa::Test::RdKafkaAdmin;
using Samsa::Test::RdKafkaProducer;

namespace {

using Run = Samsa::Test::ProgramRun;
using Samsa::Test::args;
using Samsa::Test::parseObject;

Run runCtl(const QStringList& arguments, const QByteArray& input = {})
{
    return Samsa::Test::runProgram(QStringLiteral(SAMSACTL_PATH), arguments, input);
}

// JSON Lines: one object per line; an empty list (and a warning) when a line is not an object.
QList<QJsonObject> parseLines(const QByteArray& output)
{
    QList<QJsonObject> lines;
    for (const QByteArray& line : output.split('\n')) {
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !document.isObject()) {
            qWarning("not a JSON object line: %s", line.constData());
            return {};
        }
        lines.append(document.object());
    }
    return lines;
}

QString text(const QJsonObject& object, const char* name) { return object.value(QLatin1String(name)).toString(); }
qint64 number(const QJsonObject& object, const char* name) { return object.value(QLatin1String(name)).toInteger(-1); }

using Positions = QList<QPair<int, qint64>>;

// (partition, offset) of each line, in output order.
Positions positions(const QList<QJsonObject>& lines)
{
    Positions result;
    for (const QJsonObject& line : lines)
        result.append({ int(number(line, "partition")), number(line, "offset") });
    return result;
}

constexpr qint64 BaseTime = 1700000000000;

const char OrderSchema[] = R"({"type":"record","name":"Order","namespace":"test","fields":[
    {"name":"id","type":"long"},{"name":"customer","type":"string"},{"name":"amount","type":"double"},
    {"name":"note","type":["null","string"],"default":null},{"name":"items","type":{"type":"array","items":"string"}}]})";

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
        QVERIFY(prepareBroker());
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
        for (const char* command : { "consume TOPIC", "produce TOPIC", "groups", "group describe GROUP", "lag GROUP",
                 "-b, --bootstrap", "-p, --profile", "--registry URL", "Exit status:", "2  bad usage" })
            QVERIFY2(help.out.contains(command), command);
    }

    void helpForEveryCommand_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("consume") << args({ "consume" })
                                 << args({ "Usage: samsactl consume TOPIC", "--from WHERE", "--partition N", "--count N",
                                        "--follow", "--key-format FORMAT", "--value-format FORMAT", "\"error\"",
                                        "-b, --bootstrap", "Exit status:" });
        QTest::addRow("produce") << args({ "produce" })
                                 << args({ "Usage: samsactl produce TOPIC", "--subject SUBJECT", "--key-field NAME",
                                        "--envelope", "line number", "Exit status:" });
        QTest::addRow("groups") << args({ "groups" }) << args({ "Usage: samsactl groups", "--json" });
        QTest::addRow("group describe") << args({ "group", "describe" })
                                        << args({ "Usage: samsactl group describe GROUP", "--json" });
        QTest::addRow("lag") << args({ "lag" }) << args({ "Usage: samsactl lag GROUP", "--json" });
        QTest::addRow("topics") << args({ "topics" }) << args({ "Usage: samsactl topics", "--json" });
        QTest::addRow("sample-data") << args({ "sample-data" }) << args({ "--rate N", "--duration S" });
        QTest::addRow("profiles") << args({ "profiles" }) << args({ "Usage: samsactl profiles", "--json" });
    }

    void helpForEveryCommand()
    {
        QFETCH(QStringList, command);
        QFETCH(QStringList, expected);
        // Every way of asking gives the same page; one command is enough to show that.
        QList<QStringList> ways { command + args({ "--help" }) };
        if (command.first() == QLatin1String("consume"))
            ways += { args({ "help" }) + command, command + args({ "-h", "-b", "x:1" }) };
        for (const QStringList& arguments : ways) {
            const Run run = runCtl(arguments);
            QCOMPARE(run.exitCode, 0);
            QVERIFY(run.err.isEmpty());
            for (const QString& part : expected)
                QVERIFY2(run.out.contains(part.toUtf8()),
                    qPrintable(part + QStringLiteral(" missing in:\n") + QString::fromUtf8(run.out)));
            // Options of other commands are not listed.
            if (command.first() != QLatin1String("sample-data"))
                QVERIFY(!run.out.contains("--rate"));
        }
    }

    void usageErrorNamesTheCommandHelp()
    {
        const Run run = runCtl(args({ "consume", "t", "--count", "none", "-b", "127.0.0.1:1" }));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("--count needs a number of messages"), run.err.constData());
        QVERIFY2(run.err.contains("Try 'samsactl consume --help'."), run.err.constData());
        const Run unknown = runCtl(args({ "consume", "t", "--fast", "-b", "127.0.0.1:1" }));
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("Unknown option 'fast'"), unknown.err.constData());
        const Run misplaced = runCtl(args({ "topics", "--count", "3", "-b", "127.0.0.1:1" }));
        QCOMPARE(misplaced.exitCode, 2);
        QVERIFY2(misplaced.err.contains("--count does not apply to topics"), misplaced.err.constData());
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
        const QStringList b { QStringLiteral("-b"), QStringLiteral("127.0.0.1:9092") };
        QTest::addRow("consume without topic") << args({ "consume" }) + b;
        QTest::addRow("consume bad from") << args({ "consume", "t", "--from", "yesterday" }) + b;
        QTest::addRow("consume bad time") << args({ "consume", "t", "--from", "@noon" }) + b;
        QTest::addRow("consume zero count") << args({ "consume", "t", "--count", "0" }) + b;
        QTest::addRow("consume bad partition") << args({ "consume", "t", "--partition", "one" }) + b;
        QTest::addRow("consume bad format") << args({ "consume", "t", "--value-format", "xml" }) + b;
        QTest::addRow("consume avro-file without file") << args({ "consume", "t", "--value-format", "avro-file" }) + b;
        QTest::addRow("consume count twice") << args({ "consume", "t", "--count", "1", "--count", "2" }) + b;
        QTest::addRow("consume with rate") << args({ "consume", "t", "--rate", "5" }) + b;
        QTest::addRow("consume with json") << args({ "consume", "t", "--json" }) + b;
        QTest::addRow("produce base64") << args({ "produce", "t", "--value-format", "base64" }) + b;
        QTest::addRow("produce subject without avro") << args({ "produce", "t", "--subject", "s" }) + b;
        QTest::addRow("produce key field of strings") << args({ "produce", "t", "--value-format", "string",
            "--key-field", "id" }) + b;
        QTest::addRow("produce two partitions") << args({ "produce", "t", "--partition", "0", "--partition", "1" }) + b;
        QTest::addRow("group without subcommand") << args({ "group", "g" }) + b;
        QTest::addRow("group describe without name") << args({ "group", "describe" }) + b;
        QTest::addRow("lag without group") << args({ "lag" }) + b;
        QTest::addRow("groups with follow") << args({ "groups", "--follow" }) + b;
        QTest::addRow("bad registry") << args({ "groups", "--registry", "ftp://x" }) + b;
        QTest::addRow("help for unknown") << args({ "help", "frobnicate" });
        QTest::addRow("short bootstrap without value") << args({ "topics", "-b" });
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

    // --- consume, produce and consumer groups against samsa-broker and its Schema Registry ---------

    void consumeFromBeginningPrintsEveryMessage()
    {
        const Run run = runCtl(broker(args({ "consume", "plain", "--value-format", "string", "--key-format", "string" })));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QList<QJsonObject> lines = parseLines(run.out);
        QCOMPARE(lines.size(), 8);
        QHash<int, qint64> nextOffset;
        for (const QJsonObject& line : lines) {
            const int partition = int(number(line, "partition"));
            const qint64 offset = number(line, "offset");
            QCOMPARE(offset, nextOffset.value(partition, 0)); // offset order within each partition
            nextOffset[partition] = offset + 1;
            QCOMPARE(text(line, "topic"), QStringLiteral("plain"));
            QCOMPARE(text(line, "key"), QStringLiteral("k%1-%2").arg(partition).arg(offset));
            QCOMPARE(text(line, "value"), plainValue(partition, int(offset)));
            QCOMPARE(number(line, "timestamp"), plainTime(partition, int(offset)));
            QCOMPARE(text(line, "timestampType"), QStringLiteral("CreateTime"));
            const QJsonArray headers = line.value(QStringLiteral("headers")).toArray();
            if (partition == 0) {
                QCOMPARE(headers.size(), 1);
                QCOMPARE(text(headers.first().toObject(), "key"), QStringLiteral("trace"));
                QCOMPARE(text(headers.first().toObject(), "value"), QStringLiteral("t%1").arg(offset));
            } else {
                QVERIFY(headers.isEmpty());
            }
            QVERIFY(!line.contains(QStringLiteral("error")));
        }
        QCOMPARE(nextOffset.value(0), 5);
        QCOMPARE(nextOffset.value(1), 3);
    }

    void consumeChoosesStartPartitionsAndCount_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<Positions>("expected"); // sorted by partition, offset
        QTest::addRow("offset") << args({ "--partition", "0", "--from", "2" }) << Positions { { 0, 2 }, { 0, 3 }, { 0, 4 } };
        QTest::addRow("offset and count") << args({ "--partition", "0", "--from", "1", "--count", "2" })
                                          << Positions { { 0, 1 }, { 0, 2 } };
        QTest::addRow("count over all") << args({ "--partition", "1", "--count", "10" })
                                        << Positions { { 1, 0 }, { 1, 1 }, { 1, 2 } };
        QTest::addRow("time in one partition")
            << QStringList { QStringLiteral("--partition=0"), QStringLiteral("--from"),
                   QStringLiteral("@%1").arg(plainTime(0, 3)) }
            << Positions { { 0, 3 }, { 0, 4 } };
        QTest::addRow("time in all partitions")
            << QStringList { QStringLiteral("--from=@%1").arg(plainTime(0, 2) + 100) }
            << Positions { { 0, 3 }, { 0, 4 }, { 1, 2 } };
        QTest::addRow("two partitions by offset") << args({ "--partition", "1", "--partition", "0", "--from", "2" })
                                                  << Positions { { 0, 2 }, { 0, 3 }, { 0, 4 }, { 1, 2 } };
        QTest::addRow("end") << args({ "--from", "end" }) << Positions {};
    }

    void consumeChoosesStartPartitionsAndCount()
    {
        QFETCH(QStringList, options);
        QFETCH(Positions, expected);
        const Run run = runCtl(broker(args({ "consume", "plain" }) + options));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        Positions sorted = positions(parseLines(run.out));
        std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (qsizetype i = 1; i < sorted.size(); ++i) {
            if (sorted.at(i).first == sorted.at(i - 1).first)
                QVERIFY2(sorted.at(i).second > sorted.at(i - 1).second, "lines out of offset order");
        }
        QCOMPARE(sorted, expected);
    }

    void consumeAvroGivesPlainJsonObjects_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addRow("avro") << QStringLiteral("avro");
        QTest::addRow("auto") << QStringLiteral("auto");
    }

    void consumeAvroGivesPlainJsonObjects()
    {
        QFETCH(QString, format);
        const Run run = runCtl(broker(args({ "consume", "avro-orders", "--value-format" }) + QStringList { format }));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QList<QJsonObject> lines = parseLines(run.out);
        QCOMPARE(lines.size(), m_orders.size());
        for (qsizetype i = 0; i < lines.size(); ++i) {
            QVERIFY(lines.at(i).value(QStringLiteral("value")).isObject());
            QCOMPARE(lines.at(i).value(QStringLiteral("value")).toObject(), m_orders.at(i));
        }
    }

    void undecodableMessagesGetAnErrorLine()
    {
        const Run avro = runCtl(broker(args({ "consume", "broken", "--value-format", "avro" })));
        QCOMPARE(avro.exitCode, 1);
        QList<QJsonObject> lines = parseLines(avro.out);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(text(lines.at(0), "error").contains(QStringLiteral("magic byte")), qPrintable(text(lines.at(0), "error")));
        QVERIFY2(text(lines.at(1), "error").contains(QStringLiteral("9999")), qPrintable(text(lines.at(1), "error")));
        QVERIFY(lines.at(1).value(QStringLiteral("value")).isNull());
        QCOMPARE(QByteArray::fromBase64(text(lines.at(1), "valueBase64").toLatin1()), m_brokenFramed);
        QVERIFY(avro.err.contains("3 message(s) could not be decoded"));

        const Run json = runCtl(broker(args({ "consume", "broken", "--value-format", "json" })));
        QCOMPARE(json.exitCode, 1);
        lines = parseLines(json.out);
        QCOMPARE(lines.size(), 3);
        QVERIFY(!lines.at(0).contains(QStringLiteral("error")));
        QCOMPARE(lines.at(0).value(QStringLiteral("value")).toObject().value(QStringLiteral("ok")).toInt(), 1);
        QVERIFY2(text(lines.at(2), "error").contains(QStringLiteral("invalid JSON")), qPrintable(text(lines.at(2), "error")));

        // Auto always finds something to show: an unknown schema id falls back to hex, bad JSON to text.
        const Run automatic = runCtl(broker(args({ "consume", "broken" })));
        QVERIFY2(automatic.exitCode == 0, automatic.err.constData());
        lines = parseLines(automatic.out);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(text(lines.at(1), "value"), QString::fromLatin1(m_brokenFramed.toHex()));
        QCOMPARE(text(lines.at(2), "value"), QStringLiteral("not json {"));
    }

    void unknownTopicFails()
    {
        const Run run = runCtl(broker(args({ "consume", "ghost", "--timeout", "3000" })));
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.contains("ghost"), run.err.constData());
    }

    void produceJsonThenConsume()
    {
        const QByteArray input = "{\"id\":\"a\",\"n\":1}\n"
                                 "{\"id\":\"b\",\"n\":2}\r\n"
                                 "not json\n"
                                 "\n"
                                 "{\"n\":3}\n"
                                 "{\"id\":\"c\",\"n\":{\"deep\":[1,2.5,\"\\u00fc\"]}}"; // no final line break
        const Run produced = runCtl(broker(args({ "produce", "produced-json", "--key-field", "id", "--partition", "1" })), input);
        QCOMPARE(produced.exitCode, 1);
        QVERIFY2(produced.err.contains("line 3: invalid JSON"), produced.err.constData());
        QVERIFY2(produced.err.contains("line 5: the value has no field 'id'"), produced.err.constData());
        QVERIFY2(produced.out.contains("Produced 3 message(s) to produced-json (partition 1: 3); 2 line(s) failed"),
            produced.out.constData());

        const Run consumed = runCtl(broker(args({ "consume", "produced-json" })));
        QVERIFY2(consumed.exitCode == 0, consumed.err.constData());
        const QList<QJsonObject> lines = parseLines(consumed.out);
        QCOMPARE(lines.size(), 3);
        const QStringList keys { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") };
        const QList<QByteArray> values { "{\"id\":\"a\",\"n\":1}", "{\"id\":\"b\",\"n\":2}",
            "{\"id\":\"c\",\"n\":{\"deep\":[1,2.5,\"\\u00fc\"]}}" };
        for (qsizetype i = 0; i < 3; ++i) {
            QCOMPARE(number(lines.at(i), "partition"), 1);
            QCOMPARE(text(lines.at(i), "key"), keys.at(i));
            QCOMPARE(lines.at(i).value(QStringLiteral("value")).toObject(), parseObject(values.at(i)));
        }
    }

    void produceAvroThenConsume()
    {
        const QList<QByteArray> orders {
            R"({"id":10,"customer":"c-10","amount":99.25,"note":"gift","items":["x"]})",
            R"({"id":11,"customer":"c-11","amount":"lots","note":null,"items":[]})", // amount is not a double
            R"({"id":12,"customer":"c-12","amount":0.5,"note":null,"items":["y","z"]})",
        };
        const Run produced = runCtl(broker(args({ "produce", "produced-avro", "--value-format", "avro", "--key-field",
                                        "customer" })),
            orders.join('\n') + '\n');
        QCOMPARE(produced.exitCode, 1);
        QVERIFY2(produced.err.contains("line 2: ") && produced.err.contains("amount"), produced.err.constData());
        QVERIFY2(produced.out.contains("Produced 2 message(s)"), produced.out.constData());

        const Run consumed = runCtl(broker(args({ "consume", "produced-avro", "--value-format", "avro" })));
        QVERIFY2(consumed.exitCode == 0, consumed.err.constData());
        const QList<QJsonObject> lines = parseLines(consumed.out);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0).value(QStringLiteral("value")).toObject(), parseObject(orders.at(0)));
        QCOMPARE(lines.at(1).value(QStringLiteral("value")).toObject(), parseObject(orders.at(2)));
        QCOMPARE(text(lines.at(0), "key"), QStringLiteral("c-10"));
        QCOMPARE(text(lines.at(1), "key"), QStringLiteral("c-12"));

        // The subject given explicitly; one the registry does not know is a clear failure.
        const Run explicitSubject = runCtl(broker(args({ "produce", "avro-orders", "--value-format", "avro",
                                               "--subject", "produced-avro-value" })),
            orders.at(0));
        QVERIFY2(explicitSubject.exitCode == 0, explicitSubject.err.constData());
        const Run unknown = runCtl(broker(args({ "produce", "produced-avro", "--value-format", "avro", "--subject",
                                       "nosuch-value" })),
            orders.at(0));
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains("nosuch-value"), unknown.err.constData());
    }

    void consumeOutputProducesAgainWithEnvelope()
    {
        const Run source = runCtl(broker(args({ "consume", "plain", "--partition", "0" })));
        QCOMPARE(source.exitCode, 0);
        const Run copy = runCtl(broker(args({ "produce", "copied", "--envelope", "--value-format", "string" })), source.out);
        QVERIFY2(copy.exitCode == 0, copy.err.constData());
        QVERIFY2(copy.out.contains("Produced 5 message(s) to copied (partition 0: 5)"), copy.out.constData());
        const Run copied = runCtl(broker(args({ "consume", "copied" })));
        QCOMPARE(copied.exitCode, 0);
        const QList<QJsonObject> original = parseLines(source.out);
        const QList<QJsonObject> lines = parseLines(copied.out);
        QCOMPARE(lines.size(), original.size());
        for (qsizetype i = 0; i < lines.size(); ++i) {
            QJsonObject expected = original.at(i);
            expected.insert(QStringLiteral("topic"), QStringLiteral("copied"));
            QCOMPARE(lines.at(i), expected);
        }
        const Run broken = runCtl(broker(args({ "produce", "copied", "--envelope" })), "{\"key\":\"k\"}\n[1]\n");
        QCOMPARE(broken.exitCode, 1);
        QVERIFY2(broken.err.contains("line 1: the line has no \"value\""), broken.err.constData());
        QVERIFY2(broken.err.contains("line 2: with --envelope each line must be an object"), broken.err.constData());
    }

    void groupsDescribeAndLag()
    {
        const Run groups = runCtl(broker(args({ "groups", "--json" })));
        QVERIFY2(groups.exitCode == 0, groups.err.constData());
        bool found = false;
        for (const QJsonValue& group : parseObject(groups.out).value(QStringLiteral("groups")).toArray())
            found = found || group[QStringLiteral("id")].toString() == QLatin1String("ctl-group");
        QVERIFY2(found, groups.out.constData());

        const Run describe = runCtl(broker(args({ "group", "describe", "ctl-group", "--json" })));
        QVERIFY2(describe.exitCode == 0, describe.err.constData());
        const QJsonObject detail = parseObject(describe.out);
        QCOMPARE(detail.value(QStringLiteral("id")).toString(), QStringLiteral("ctl-group"));
        QCOMPARE(detail.value(QStringLiteral("offsets")).toArray().size(), 2);
        QCOMPARE(detail.value(QStringLiteral("totalLag")).toInteger(), 4);

        const Run lag = runCtl(broker(args({ "lag", "ctl-group", "--json" })));
        QVERIFY2(lag.exitCode == 0, lag.err.constData());
        const QJsonObject lagObject = parseObject(lag.out);
        QCOMPARE(lagObject.value(QStringLiteral("group")).toString(), QStringLiteral("ctl-group"));
        QCOMPARE(lagObject.value(QStringLiteral("totalLag")).toInteger(), 4);
        const QJsonArray partitions = lagObject.value(QStringLiteral("partitions")).toArray();
        QCOMPARE(partitions.size(), 2);
        for (int partition = 0; partition < 2; ++partition) {
            const QJsonObject row = partitions.at(partition).toObject();
            QCOMPARE(text(row, "topic"), QStringLiteral("lagging"));
            QCOMPARE(number(row, "partition"), partition);
            QCOMPARE(number(row, "committed"), 3);
            QCOMPARE(number(row, "end"), 5);
            QCOMPARE(number(row, "lag"), 2);
            // One round and no history of the app: the time lag is read from the next record's timestamp.
            QVERIFY(row.value(QStringLiteral("timeLagMs")).toInteger(-1) >= 0);
            QCOMPARE(text(row, "timeLagNote"), QStringLiteral("from the record's timestamp"));
        }
        QVERIFY(!text(lagObject, "health").isEmpty());

        const Run lagText = runCtl(broker(args({ "lag", "ctl-group" })));
        QCOMPARE(lagText.exitCode, 0);
        QVERIFY2(lagText.out.startsWith("TOPIC"), lagText.out.constData());
        QVERIFY2(lagText.out.contains("total lag 4 over 2 partitions"), lagText.out.constData());

        const Run unknown = runCtl(broker(args({ "lag", "nobody-here" })));
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains("Group 'nobody-here' does not exist"), unknown.err.constData());
    }

    void followStopsCleanlyOnSigterm()
    {
        QProcess process;
        process.start(QStringLiteral(SAMSACTL_PATH), broker(args({ "consume", "followed", "--follow" })));
        QByteArray out;
        const auto lineCount = [&] {
            out += process.readAllStandardOutput();
            return out.count('\n');
        };
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(), 2, 20000);
        {
            RdKafkaProducer producer(m_broker.bootstrapServers());
            QVERIFY(producer.produce("followed", 0, "k", "late"));
            QVERIFY(producer.flush(10000));
        }
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(), 3, 20000);
        process.terminate(); // SIGTERM
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        lineCount();
        QVERIFY(out.endsWith('\n'));
        const QList<QJsonObject> lines = parseLines(out);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(text(lines.at(2), "value"), QStringLiteral("late"));
    }

    // group reset: a dry run prints the preview and changes nothing; applied, the lag follows.
    void groupResetPreviewsThenApplies()
    {
        const Run dryRun = runCtl(broker(args({ "group", "reset", "ctl-group", "--topic", "lagging", "--shift-by", "-2",
            "--dry-run", "--json" })));
        QCOMPARE(dryRun.exitCode, 0);
        const QJsonObject preview = parseObject(dryRun.out);
        QCOMPARE(preview.value(QStringLiteral("applied")).toBool(), false);
        QCOMPARE(preview.value(QStringLiteral("state")).toString(), QStringLiteral("Empty"));
        const QJsonArray rows = preview.value(QStringLiteral("partitions")).toArray();
        QCOMPARE(rows.size(), 2);
        for (const QJsonValue& row : rows) {
            QCOMPARE(number(row.toObject(), "current"), 3);
            QCOMPARE(number(row.toObject(), "new"), 1);
        }
        const auto totalLag = [this] {
            const Run lag = runCtl(broker(args({ "lag", "ctl-group", "--json" })));
            return parseObject(lag.out).value(QStringLiteral("totalLag")).toInteger(-1);
        };
        QCOMPARE(totalLag(), 4); // unchanged

        const Run applied = runCtl(broker(args({ "group", "reset", "ctl-group", "--to-earliest" })));
        QVERIFY2(applied.exitCode == 0, applied.err.constData());
        QVERIFY2(applied.out.contains("lagging") && applied.out.contains("ok"), applied.out.constData());
        QCOMPARE(totalLag(), 10);

        const Run unknownTopic = runCtl(broker(args({ "group", "reset", "ctl-group", "--topic", "nope", "--to-latest" })));
        QCOMPARE(unknownTopic.exitCode, 1);
        QVERIFY2(unknownTopic.err.contains("does not exist"), unknownTopic.err.constData());
    }

private:
    QStringList broker(const QStringList& arguments) const
    {
        return arguments + QStringList { QStringLiteral("-b"), m_broker.bootstrapServers(), QStringLiteral("--registry"),
                   m_broker.schemaRegistryUrl() };
    }

    static QString plainValue(int partition, int index)
    {
        return QStringLiteral("value %1-%2 \"quoted\" \u00fc\\").arg(partition).arg(index);
    }
    static qint64 plainTime(int partition, int index) { return BaseTime + index * 1000 + partition * 100; }

    bool registerSchema(const QString& subject, int* id)
    {
        Samsa::SchemaRegistryClient client { QUrl(m_broker.schemaRegistryUrl()) };
        bool done = false;
        QString error;
        client.registerSchema(subject, QByteArray(OrderSchema), [&](int registered, const QString& failure) {
            *id = registered;
            error = failure;
            done = true;
        });
        QDeadlineTimer deadline(20000);
        while (!done && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
        if (!error.isEmpty())
            qWarning("registering %s: %s", qPrintable(subject), qPrintable(error));
        return done && error.isEmpty();
    }

    bool prepareBroker()
    {
        m_broker.enableSchemaRegistry();
        if (!m_broker.start()) {
            qWarning("%s", qPrintable(m_broker.error()));
            return false;
        }
        RdKafkaAdmin admin(m_broker.bootstrapServers());
        const QMap<QByteArray, int> topics { { "plain", 2 }, { "avro-orders", 1 }, { "broken", 1 },
            { "produced-json", 2 }, { "produced-avro", 1 }, { "copied", 2 }, { "lagging", 2 }, { "followed", 1 } };
        QList<Samsa::Test::TopicSpec> specs;
        for (auto it = topics.cbegin(); it != topics.cend(); ++it)
            specs.append({ it.key(), it.value(), {} });
        for (const Samsa::Test::AdminResult& result : admin.createTopics(specs)) {
            if (!result.ok()) {
                qWarning("create topics: %s", result.text().constData());
                return false;
            }
        }

        int ordersId = -1;
        int producedId = -1;
        if (!registerSchema(QStringLiteral("avro-orders-value"), &ordersId)
            || !registerSchema(QStringLiteral("produced-avro-value"), &producedId))
            return false;
        QString error;
        const auto encoder = Samsa::AvroJsonEncoder::create(QByteArray(OrderSchema), &error);
        if (!encoder) {
            qWarning("schema: %s", qPrintable(error));
            return false;
        }

        RdKafkaProducer producer(m_broker.bootstrapServers());
        for (int partition = 0; partition < 2; ++partition) {
            for (int index = 0; index < (partition == 0 ? 5 : 3); ++index) {
                Samsa::Test::Headers headers;
                if (partition == 0)
                    headers.append({ "trace", "t" + QByteArray::number(index) });
                producer.produce("plain", partition, QStringLiteral("k%1-%2").arg(partition).arg(index).toUtf8(),
                    plainValue(partition, index).toUtf8(), headers, plainTime(partition, index));
            }
        }
        const QList<QByteArray> orders {
            R"({"id":1,"customer":"c-1","amount":12.5,"note":null,"items":["a","b"]})",
            R"({"id":9007199254740993,"customer":"c-\u00fc","amount":-0.25,"note":"rush","items":[]})",
        };
        for (const QByteArray& order : orders) {
            const Samsa::AvroJsonEncoder::Result encoded = encoder->encode(order);
            if (!encoded.ok) {
                qWarning("encode: %s", qPrintable(encoded.error));
                return false;
            }
            producer.produce("avro-orders", 0, "o", Samsa::AvroFraming::confluent(quint32(ordersId), encoded.datum));
            m_orders.append(parseObject(order));
        }
        m_brokenFramed = Samsa::AvroFraming::confluent(9999, QByteArray("\x02\x04", 2));
        producer.produce("broken", 0, {}, "{\"ok\":1}");
        producer.produce("broken", 0, {}, m_brokenFramed);
        producer.produce("broken", 0, {}, "not json {");
        for (int index = 0; index < 6; ++index)
            producer.produce("lagging", index % 2, "l", "before");
        producer.produce("followed", 0, "k", "one");
        producer.produce("followed", 0, "k", "two");
        if (!producer.flush(20000) || !producer.deliveryErrors().isEmpty()) {
            qWarning("produce: %s", qPrintable(producer.deliveryErrors()));
            return false;
        }
        // ctl-group commits everything so far; the 4 records after it are its lag.
        {
            GroupConsumer consumer(m_broker.bootstrapServers(), "ctl-group", "lagging");
            if (!consumer.isValid() || !consumer.consumeAndCommit(6))
                return false;
            consumer.close();
        }
        for (int index = 0; index < 4; ++index)
            producer.produce("lagging", index % 2, "l", "after");
        return producer.flush(20000) && producer.deliveryErrors().isEmpty();
    }

    BrokerProcess m_broker;
    QList<QJsonObject> m_orders;
    QByteArray m_brokenFramed;
    MockCluster m_mock { 3 };
};

SAMSA_TEST_MAIN(TestSamsactl, QCoreApplication)
#include "tst_samsactl.moc"
