// Damaged or stray files in samsa-broker's data dir: a stray file is skipped with a log line and the
// broker serves on; unusable metadata stops it with one clear error line and exit code 2. Never an
// uncaught exception (which would abort with SIGABRT).

#include "brokerprocess.h"
#include "rdkafkaclient.h"
#include "testmain.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

using namespace Samsa::Test;

namespace {

const QByteArray kTopic = "damaged";

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The lines of stderr that are not informational log lines (INFO or WARN about unrelated things,
// such as an optional listener that could not be opened).
QStringList errorLines(const QByteArray& text)
{
    static const QRegularExpression logLine(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\S+ (INFO|WARN) "));
    QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'));
    lines.removeIf([](const QString& line) { return line.trimmed().isEmpty() || logLine.match(line).hasMatch(); });
    return lines;
}

} // namespace

class TestBrokerDamagedData : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void strayFileIsSkipped_data();
    void strayFileIsSkipped();
    void damagedMetadataExitsTwo_data();
    void damagedMetadataExitsTwo();

private:
    // A broker whose data dir holds topic `damaged` with three acknowledged messages; stopped.
    bool prepare(BrokerProcess& broker);
    bool readsBackEverything(BrokerProcess& broker);
};

void TestBrokerDamagedData::initTestCase()
{
    QVERIFY2(!BrokerProcess::binaryPath().isEmpty(), "SAMSA_BROKER_BIN is not set (run through ctest)");
}

bool TestBrokerDamagedData::prepare(BrokerProcess& broker)
{
    if (!broker.start())
        return false;
    RdKafkaProducer producer(broker.bootstrapServers(), { { "acks", "all" } });
    for (int i = 0; i < 3; ++i)
        producer.produce(kTopic, 0, "k", "message-" + QByteArray::number(i));
    const bool delivered
        = producer.flush(15000) && producer.deliveryErrors().isEmpty() && producer.deliveries().size() == 3;
    return broker.stop() && delivered;
}

bool TestBrokerDamagedData::readsBackEverything(BrokerProcess& broker)
{
    RdKafkaReader reader(broker.bootstrapServers());
    QList<KafkaMessage> messages;
    if (!reader.readToEnd(kTopic, 0, RD_KAFKA_OFFSET_BEGINNING, &messages, 15000) || messages.size() != 3)
        return false;
    for (int i = 0; i < 3; ++i) {
        if (messages[i].value != "message-" + QByteArray::number(i) || messages[i].offset != i)
            return false;
    }
    return true;
}

void TestBrokerDamagedData::strayFileIsSkipped_data()
{
    QTest::addColumn<QString>("file"); // relative to the partition dir; "../x" for the data dir
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("logged"); // part of the warning, empty when none is required
    // Twenty digits that overflow int64: looks like a segment, is none.
    QTest::addRow("segment name beyond int64")
        << QStringLiteral("99999999999999999999.log") << QByteArray("junk") << QByteArray("not a segment file name");
    QTest::addRow("segment name with a sign")
        << QStringLiteral("-0000000000000000001.log") << QByteArray("junk") << QByteArray("not a segment file name");
    QTest::addRow("damaged log start offset")
        << QStringLiteral("log-start-offset") << QByteArray("12x") << QByteArray("log-start-offset");
    QTest::addRow("log start offset beyond int64")
        << QStringLiteral("log-start-offset") << QByteArray("99999999999999999999999")
        << QByteArray("log-start-offset");
    QTest::addRow("damaged producer snapshot")
        << QStringLiteral("producer-snapshot") << QByteArray("samsa-producers 99999999999999999999999\n1 x y\n")
        << QByteArray();
    QTest::addRow("damaged node id") << QStringLiteral("../meta.properties")
                                     << QByteArray("cluster.id=abc\nnode.id=one\n") << QByteArray();
    QTest::addRow("damaged producer id block")
        << QStringLiteral("../producer-ids") << QByteArray("lots") << QByteArray();
}

void TestBrokerDamagedData::strayFileIsSkipped()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, logged);
    BrokerProcess broker;
    QVERIFY2(prepare(broker), broker.errorText());
    const QString partitionDir = broker.dataDir() + QStringLiteral("/damaged-0");
    QVERIFY(QDir(partitionDir).exists());
    QVERIFY(writeFile(partitionDir + QLatin1Char('/') + file, content));

    QVERIFY2(broker.start(), broker.errorText());
    QVERIFY2(readsBackEverything(broker), broker.errorText());
    // New writes still work on top.
    RdKafkaProducer producer(broker.bootstrapServers(), { { "acks", "all" } });
    QVERIFY(producer.produce(kTopic, 0, "k", "after"));
    QVERIFY2(producer.flush(15000) && producer.deliveryErrors().isEmpty(), qPrintable(producer.deliveryErrors()));
    QCOMPARE(producer.deliveries().value(0).offset, qint64(3));
    QVERIFY2(broker.stop(), broker.errorText());
    if (!logged.isEmpty())
        QVERIFY2(broker.standardError().contains(logged), broker.standardError().right(2000).constData());
}

void TestBrokerDamagedData::damagedMetadataExitsTwo_data()
{
    QTest::addColumn<QByteArray>("from"); // replaced in the topics file
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<QString>("mentioned");
    // The id of our topic: 32 hex digits after the name and a tab.
    QTest::addRow("topic id not hex") << QByteArray("damaged\t") << QByteArray("damaged\tzz")
                                      << QStringLiteral("damaged line");
    QTest::addRow("topic id with a sign")
        << QByteArray("damaged\t") << QByteArray("damaged\t-f") << QStringLiteral("damaged line");
    QTest::addRow("partition count beyond int32")
        << QByteArray("\t1\t0") << QByteArray("\t99999999999\t0") << QStringLiteral("damaged line");
    QTest::addRow("topic name leaving the data dir")
        << QByteArray("damaged\t") << QByteArray("../evil\t") << QStringLiteral("damaged topic name");
}

void TestBrokerDamagedData::damagedMetadataExitsTwo()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(QString, mentioned);
    BrokerProcess broker;
    QVERIFY2(prepare(broker), broker.errorText());
    const QString topicsPath = broker.dataDir() + QStringLiteral("/topics");
    QByteArray topics = readFile(topicsPath);
    QVERIFY2(topics.contains(from), topics.constData());
    if (to.size() > from.size() && to.startsWith(from)) {
        // Keep the id 32 characters long so that only its digits are wrong.
        const qsizetype at = topics.indexOf(from) + from.size();
        topics.replace(at, to.size() - from.size(), to.mid(from.size()));
    } else {
        topics.replace(from, to);
    }
    QVERIFY(writeFile(topicsPath, topics));

    BrokerProcess second;
    const int code = second.runToExit(
        { QStringLiteral("--data-dir"), broker.dataDir(), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0") });
    QVERIFY2(code == 2, second.errorText());
    const QStringList lines = errorLines(second.standardError());
    QVERIFY2(lines.size() == 1,
        qPrintable(QStringLiteral("expected one error line, got:\n") + lines.join(QLatin1Char('\n'))));
    QVERIFY2(lines.first().contains(mentioned), qPrintable(lines.first()));
    QVERIFY(!QDir(broker.dataDir() + QStringLiteral("/../evil-0")).exists());
}

SAMSA_TEST_MAIN(TestBrokerDamagedData, QCoreApplication)

#include "tst_broker_damageddata.moc"
