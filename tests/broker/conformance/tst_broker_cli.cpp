// The samsa-broker executable as a user runs it: the ready line, exit codes, signals, and data
// that outlives a restart.

#include "brokerprocess.h"
#include "rdkafkaclient.h"
#include "testmain.h"

#include <QFile>
#include <QHostAddress>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>

using namespace Samsa::Test;

class TestBrokerCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void printsTheReadyLineOnce();
    void exitsZeroOnSignal_data();
    void exitsZeroOnSignal();
    void failsWithExitCodeTwo_data();
    void failsWithExitCodeTwo();
    void dataAndIdentitySurviveRestart();
    void refusesASecondBrokerOnTheSameDataDir();
};

namespace {

QStringList nonEmptyLines(const QByteArray& text)
{
    QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'));
    lines.removeIf([](const QString& line) { return line.trimmed().isEmpty(); });
    return lines;
}

} // namespace

void TestBrokerCli::initTestCase()
{
    QVERIFY2(!BrokerProcess::binaryPath().isEmpty(), "SAMSA_BROKER_BIN is not set (run through ctest)");
}

void TestBrokerCli::printsTheReadyLineOnce()
{
    BrokerProcess broker;
    QVERIFY2(broker.start(), broker.errorText());
    QVERIFY(broker.port() != 0);
    QCOMPARE(broker.bootstrapServers(), QStringLiteral("127.0.0.1:%1").arg(broker.port()));

    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, broker.port());
    QVERIFY2(socket.waitForConnected(5000), qPrintable(socket.errorString()));
    socket.close();

    QVERIFY2(broker.stop(), broker.errorText());
    const QStringList lines = nonEmptyLines(broker.standardOutput());
    QCOMPARE(lines, QStringList { QStringLiteral("samsa-broker ready 127.0.0.1:%1").arg(broker.port()) });
}

void TestBrokerCli::exitsZeroOnSignal_data()
{
    QTest::addColumn<int>("signal");
    QTest::addColumn<int>("idleConnections");
    QTest::addRow("SIGTERM") << int(SIGTERM) << 0;
    QTest::addRow("SIGINT") << int(SIGINT) << 0;
    QTest::addRow("SIGTERM with idle clients") << int(SIGTERM) << 5;
}

void TestBrokerCli::exitsZeroOnSignal()
{
    QFETCH(int, signal);
    QFETCH(int, idleConnections);
    BrokerProcess broker;
    QVERIFY2(broker.start(), broker.errorText());
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < idleConnections; ++i) {
        sockets.push_back(std::make_unique<QTcpSocket>());
        sockets.back()->connectToHost(QHostAddress::LocalHost, broker.port());
        QVERIFY(sockets.back()->waitForConnected(5000));
    }
    QVERIFY2(broker.stop(10000, signal), broker.errorText());
    QCOMPARE(broker.exitCode(), 0);
}

void TestBrokerCli::failsWithExitCodeTwo_data()
{
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QStringList>("extraArguments");
    QTest::addColumn<QString>("mentioned"); // what the error line must name
    QTest::addRow("port in use") << QStringLiteral("port") << QStringList() << QString();
    QTest::addRow("unwritable data dir") << QStringLiteral("datadir") << QStringList() << QStringLiteral("not-a-dir");
    QTest::addRow("unknown --set key") << QString() << QStringList { QStringLiteral("--set"), QStringLiteral("no.such.setting=1") }
                                       << QStringLiteral("no.such.setting");
    QTest::addRow("bad --set value") << QString() << QStringList { QStringLiteral("--set"), QStringLiteral("num.partitions=many") }
                                     << QStringLiteral("num.partitions");
    QTest::addRow("--set without =") << QString() << QStringList { QStringLiteral("--set"), QStringLiteral("num.partitions") }
                                     << QStringLiteral("num.partitions");
}

void TestBrokerCli::failsWithExitCodeTwo()
{
    QFETCH(QString, problem);
    QFETCH(QStringList, extraArguments);
    QFETCH(QString, mentioned);

    BrokerProcess broker;
    QString dataDir = broker.temporaryPath() + QStringLiteral("/data");
    QString listen = QStringLiteral("127.0.0.1:0");
    QTcpServer occupant;
    if (problem == QLatin1String("port")) {
        QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
        listen = QStringLiteral("127.0.0.1:%1").arg(occupant.serverPort());
        mentioned = QString::number(occupant.serverPort());
    } else if (problem == QLatin1String("datadir")) {
        // A regular file where a directory should be: unwritable even for root.
        QFile file(broker.temporaryPath() + QStringLiteral("/not-a-dir"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        dataDir = file.fileName() + QStringLiteral("/data");
    }
    const int code = broker.runToExit(QStringList { QStringLiteral("--data-dir"), dataDir, QStringLiteral("--listen"), listen }
                                      + extraArguments);
    QVERIFY2(code == 2, broker.errorText());
    QVERIFY2(!broker.standardOutput().contains("samsa-broker ready"), broker.errorText());
    const QStringList lines = nonEmptyLines(broker.standardError());
    QVERIFY2(lines.size() == 1, qPrintable(QStringLiteral("expected one error line, got:\n") + lines.join(QLatin1Char('\n'))));
    QVERIFY2(lines.first().contains(mentioned), qPrintable(QStringLiteral("the error line does not name '%1': %2").arg(mentioned, lines.first())));
}

void TestBrokerCli::dataAndIdentitySurviveRestart()
{
    BrokerProcess broker;
    QVERIFY2(broker.start(), broker.errorText());
    QByteArray clusterId;
    {
        RdKafkaProducer producer(broker.bootstrapServers(), { { "acks", "all" } });
        QVERIFY2(producer.isValid(), qPrintable(producer.error()));
        for (int i = 0; i < 50; ++i)
            QVERIFY2(producer.produce("restart-topic", 0, "key-" + QByteArray::number(i), "value-" + QByteArray::number(i)),
                     qPrintable(producer.error()));
        QVERIFY2(producer.flush(), qPrintable(producer.error()));
        QVERIFY2(producer.deliveryErrors().isEmpty(), qPrintable(producer.deliveryErrors()));
        char* id = rd_kafka_clusterid(producer.handle(), 5000);
        QVERIFY(id);
        clusterId = id;
        rd_kafka_mem_free(producer.handle(), id);
    }
    const int nodeId = [&] {
        RdKafkaReader reader(broker.bootstrapServers());
        return int(rd_kafka_controllerid(reader.handle(), 5000));
    }();
    QVERIFY2(broker.stop(), broker.errorText());

    QVERIFY2(broker.restart(), broker.errorText());
    RdKafkaReader reader(broker.bootstrapServers());
    QVERIFY2(reader.isValid(), qPrintable(reader.error()));
    QList<KafkaMessage> messages;
    QVERIFY2(reader.readToEnd("restart-topic", 0, RD_KAFKA_OFFSET_BEGINNING, &messages), qPrintable(reader.error()));
    QCOMPARE(messages.size(), 50);
    for (int i = 0; i < messages.size(); ++i) {
        QCOMPARE(messages.at(i).offset, qint64(i));
        QCOMPARE(messages.at(i).value, "value-" + QByteArray::number(i));
    }
    char* id = rd_kafka_clusterid(reader.handle(), 5000);
    QVERIFY(id);
    QCOMPARE(QByteArray(id), clusterId);
    rd_kafka_mem_free(reader.handle(), id);
    QCOMPARE(int(rd_kafka_controllerid(reader.handle(), 5000)), nodeId);
    QVERIFY2(broker.stop(), broker.errorText());
}

void TestBrokerCli::refusesASecondBrokerOnTheSameDataDir()
{
    BrokerProcess first;
    QVERIFY2(first.start(), first.errorText());
    BrokerProcess second;
    const int code = second.runToExit(
        { QStringLiteral("--data-dir"), first.dataDir(), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0") });
    QVERIFY2(code == 2, second.errorText());
    QVERIFY2(first.stop(), first.errorText());
}

SAMSA_TEST_MAIN(TestBrokerCli, QCoreApplication)
#include "tst_broker_cli.moc"
