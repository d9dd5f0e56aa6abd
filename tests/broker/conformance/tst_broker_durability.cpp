// What samsa-broker keeps when it dies: every acknowledged message after SIGKILL, and a torn
// tail of the last segment cut back to the last whole batch on the next start.

#include "brokerprocess.h"
#include "rdkafkaclient.h"
#include "testmain.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QtEndian>
#include <QRegularExpression>

using namespace Samsa::Test;

class TestBrokerDurability : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void acknowledgedMessagesSurviveSigkill_data();
    void acknowledgedMessagesSurviveSigkill();
    void tornTailIsTruncated_data();
    void tornTailIsTruncated();
};

namespace {

QByteArray valueFor(int i)
{
    return "durable-" + QByteArray::number(i) + '-' + QByteArray(i % 200, 'd');
}

// The newest segment of a partition: segments are named by their zero-padded base offset.
QString lastSegment(const QString& dataDir, const QString& partitionDir)
{
    QDir dir(dataDir + QLatin1Char('/') + partitionDir);
    const QStringList logs = dir.entryList({ QStringLiteral("*.log") }, QDir::Files, QDir::Name);
    return logs.isEmpty() ? QString() : dir.filePath(logs.last());
}

} // namespace

void TestBrokerDurability::initTestCase()
{
    QVERIFY2(!BrokerProcess::binaryPath().isEmpty(), "SAMSA_BROKER_BIN is not set (run through ctest)");
}

void TestBrokerDurability::acknowledgedMessagesSurviveSigkill_data()
{
    QTest::addColumn<QStringList>("settings");
    QTest::addRow("default flushing") << QStringList();
    QTest::addRow("flush.messages=1") << QStringList { QStringLiteral("--set"), QStringLiteral("flush.messages=1") };
}

void TestBrokerDurability::acknowledgedMessagesSurviveSigkill()
{
    QFETCH(QStringList, settings);
    BrokerProcess broker;
    // "durable" is auto-created on the first produce, with two partitions.
    broker.setExtraArguments(settings + QStringList { QStringLiteral("--set"), QStringLiteral("num.partitions=2") });
    QVERIFY2(broker.start(), broker.errorText());

    QList<KafkaMessage> acknowledged;
    {
        RdKafkaProducer producer(broker.bootstrapServers(), { { "acks", "all" }, { "linger.ms", "2" }, { "message.timeout.ms", "5000" } });
        QVERIFY2(producer.isValid(), qPrintable(producer.error()));
        for (int i = 0; i < 1000; ++i)
            QVERIFY2(producer.produce("durable", i % 2, QByteArray::number(i), valueFor(i)), qPrintable(producer.error()));
        QVERIFY2(producer.flush(), qPrintable(producer.error()));
        QVERIFY2(producer.deliveryErrors().isEmpty(), qPrintable(producer.deliveryErrors()));

        // A second wave still in flight when the process dies.
        for (int i = 1000; i < 3000; ++i)
            QVERIFY2(producer.produce("durable", i % 2, QByteArray::number(i), valueFor(i)), qPrintable(producer.error()));
        const auto someOfTheSecondWaveAcknowledged = [&producer] {
            rd_kafka_poll(producer.handle(), 1);
            return producer.deliveries().size() > 1100;
        };
        QTRY_VERIFY_WITH_TIMEOUT(someOfTheSecondWaveAcknowledged(), 20000);
        broker.kill();
        for (const KafkaMessage& message : producer.deliveries()) {
            if (message.error == RD_KAFKA_RESP_ERR_NO_ERROR)
                acknowledged.append(message);
        }
    }
    QVERIFY(acknowledged.size() >= 1100);

    QVERIFY2(broker.restart(), broker.errorText());
    RdKafkaReader reader(broker.bootstrapServers());
    for (int partition = 0; partition < 2; ++partition) {
        QList<KafkaMessage> stored;
        QVERIFY2(reader.readToEnd("durable", partition, RD_KAFKA_OFFSET_BEGINNING, &stored), qPrintable(reader.error()));
        QHash<qint64, QByteArray> byOffset;
        for (int i = 0; i < stored.size(); ++i) {
            QCOMPARE(stored.at(i).offset, qint64(i));
            byOffset.insert(stored.at(i).offset, stored.at(i).value);
            const int index = stored.at(i).key.toInt();
            QCOMPARE(stored.at(i).value, valueFor(index)); // nothing half-written or foreign
        }
        for (const KafkaMessage& message : std::as_const(acknowledged)) {
            if (message.partition != partition)
                continue;
            QVERIFY2(byOffset.value(message.offset) == message.value,
                     qPrintable(QStringLiteral("acknowledged message at %1/%2 lost").arg(partition).arg(message.offset)));
        }
    }
    QVERIFY2(broker.stop(), broker.errorText());
}

void TestBrokerDurability::tornTailIsTruncated_data()
{
    QTest::addColumn<QString>("tail");
    QTest::addRow("random bytes") << QStringLiteral("random");
    QTest::addRow("half a batch") << QStringLiteral("half");
    QTest::addRow("whole batch with a bad CRC") << QStringLiteral("badcrc");
    QTest::addRow("length field only") << QStringLiteral("length");
}

void TestBrokerDurability::tornTailIsTruncated()
{
    QFETCH(QString, tail);
    BrokerProcess broker;
    QVERIFY2(broker.start(), broker.errorText());
    {
        RdKafkaProducer producer(broker.bootstrapServers(), { { "acks", "all" }, { "linger.ms", "0" } });
        for (int i = 0; i < 100; ++i) {
            QVERIFY(producer.produce("torn", 0, QByteArray::number(i), valueFor(i)));
            if (i % 10 == 9)
                QVERIFY2(producer.flush(), qPrintable(producer.error())); // several batches
        }
        QVERIFY2(producer.deliveryErrors().isEmpty(), qPrintable(producer.deliveryErrors()));
    }
    QVERIFY2(broker.stop(), broker.errorText());

    const QString segment = lastSegment(broker.dataDir(), QStringLiteral("torn-0"));
    QVERIFY2(!segment.isEmpty(), "no segment file in torn-0");
    QFile file(segment);
    QVERIFY(file.open(QIODevice::ReadWrite));
    const qint64 intactSize = file.size();
    QVERIFY(intactSize > 61);
    const QByteArray head = file.read(12);
    const qint32 firstLength = qFromBigEndian<qint32>(head.constData() + 8);
    QVERIFY(firstLength > 49 && 12 + firstLength <= intactSize);
    file.seek(0);
    QByteArray firstBatch = file.read(12 + firstLength);
    QByteArray garbage;
    if (tail == QLatin1String("random")) {
        for (int i = 0; i < 37; ++i)
            garbage.append(char((i * 73 + 11) & 0xff));
    } else if (tail == QLatin1String("half")) {
        garbage = firstBatch.left(firstBatch.size() / 2);
    } else if (tail == QLatin1String("badcrc")) {
        garbage = firstBatch;
        garbage[garbage.size() - 1] = char(garbage.at(garbage.size() - 1) ^ 0x5a);
    } else {
        garbage = firstBatch.left(10);
    }
    file.seek(intactSize);
    QCOMPARE(file.write(garbage), qint64(garbage.size()));
    file.close();

    QVERIFY2(broker.start(), broker.errorText());
    const QString log = QString::fromUtf8(broker.standardError());
    const QRegularExpression cut(QStringLiteral("(trunc|torn|cut).*\\b%1\\b|\\b%1\\b.*(trunc|torn|cut)").arg(garbage.size()),
                                 QRegularExpression::CaseInsensitiveOption);
    QVERIFY2(cut.match(log).hasMatch(),
             qPrintable(QStringLiteral("no log line about cutting %1 bytes:\n%2").arg(garbage.size()).arg(log.right(3000))));
    QCOMPARE(QFile(segment).size(), intactSize);

    RdKafkaReader reader(broker.bootstrapServers());
    QList<KafkaMessage> stored;
    QVERIFY2(reader.readToEnd("torn", 0, RD_KAFKA_OFFSET_BEGINNING, &stored), qPrintable(reader.error()));
    QCOMPARE(stored.size(), 100);
    for (int i = 0; i < stored.size(); ++i) {
        QCOMPARE(stored.at(i).offset, qint64(i));
        QCOMPARE(stored.at(i).value, valueFor(i));
    }
    {
        RdKafkaProducer producer(broker.bootstrapServers(), { { "acks", "all" } });
        QVERIFY(producer.produce("torn", 0, "after", "after the repair"));
        QVERIFY2(producer.flush(), qPrintable(producer.error()));
        QCOMPARE(producer.deliveries().value(0).offset, qint64(100));
    }
    QVERIFY2(broker.stop(), broker.errorText());
}

SAMSA_TEST_MAIN(TestBrokerDurability, QCoreApplication)
#include "tst_broker_durability.moc"
