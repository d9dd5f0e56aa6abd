// The message producer against the real samsa-broker: a result per record with its partition and
// offset, exactly what was sent read back by librdkafka (null and empty keys and values, headers,
// timestamps), keyed records where Java clients and librdkafka's murmur2_random put them, clear
// errors for unknown topics and partitions, cancel, and an unreachable cluster.

#include "brokerprocess.h"
#include "closedport.h"
#include "kafka/kafkathreads.h"
#include "messages/messageproducer.h"
#include "messages/murmur2partitioner.h"
#include "rdkafkaadmin.h"
#include "rdkafkaclient.h"
#include "testmain.h"

#include <QElapsedTimer>
#include <QSignalSpy>

using namespace Samsa;
using Samsa::Test::BrokerProcess;
using Samsa::Test::KafkaMessage;
using Samsa::Test::RdKafkaAdmin;
using Samsa::Test::RdKafkaProducer;
using Samsa::Test::RdKafkaReader;

namespace {

QList<QPair<QString, QString>> properties(const QString& bootstrap)
{
    return { { QStringLiteral("bootstrap.servers"), bootstrap } };
}

struct Run {
    QList<ProduceResult> results;
    ProduceSummary summary;
    QString failed;
    bool finished = false;
    qint64 lastAnswered = -1;
    qint64 lastTotal = -1;
};

Run produceAll(
    const QString& bootstrap, const QList<ProduceRecord>& records, int timeoutMs = 30000, bool cancelAtOnce = false)
{
    Run run;
    MessageProducer producer(properties(bootstrap));
    QObject::connect(&producer, &MessageProducer::resultsReady, &producer,
        [&run](const QList<ProduceResult>& results) { run.results += results; });
    QObject::connect(&producer, &MessageProducer::progress, &producer, [&run](qint64 answered, qint64 total) {
        run.lastAnswered = answered;
        run.lastTotal = total;
    });
    QObject::connect(&producer, &MessageProducer::finished, &producer, [&run](const ProduceSummary& summary) {
        run.summary = summary;
        run.finished = true;
    });
    QObject::connect(
        &producer, &MessageProducer::failed, &producer, [&run](const QString& error) { run.failed = error; });
    producer.start(records, timeoutMs);
    if (cancelAtOnce) {
        // Once the first results arrive, records are being queued: cancel in the middle.
        QElapsedTimer waited;
        waited.start();
        while (run.results.isEmpty() && !run.finished && waited.elapsed() < 20000)
            QTest::qWait(1);
        producer.cancel();
    }
    QElapsedTimer waited;
    waited.start();
    while (!run.finished && run.failed.isEmpty() && waited.elapsed() < timeoutMs + 15000)
        QTest::qWait(10);
    return run;
}

ProduceRecord recordFor(
    const QString& topic, std::optional<QByteArray> key, std::optional<QByteArray> value, int partition = -1)
{
    ProduceRecord record;
    record.topic = topic;
    record.key = std::move(key);
    record.value = std::move(value);
    record.partition = partition;
    return record;
}

} // namespace

class TestMessageProducer : public QObject {
    Q_OBJECT

private:
    BrokerProcess m_broker;
    QString m_bootstrap;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_broker.start(), qPrintable(m_broker.error()));
        m_bootstrap = m_broker.bootstrapServers();
        RdKafkaAdmin admin(m_bootstrap);
        QVERIFY(admin.createTopic({ "orders", 4, {} }).ok());
        QVERIFY(admin.createTopic({ "exact", 1, {} }).ok());
        QVERIFY(admin.createTopic({ "hashing", 7, {} }).ok());
        QVERIFY(admin.createTopic({ "bulk", 2, {} }).ok());
    }

    void cleanup() { QVERIFY(KafkaThreads::waitForAll(20000)); }

    void keyedRecordsGoWhereJavaPutsThem()
    {
        QList<ProduceRecord> records;
        for (int i = 0; i < 40; ++i)
            records.append(recordFor(
                QStringLiteral("orders"), "customer-" + QByteArray::number(i % 13), "order " + QByteArray::number(i)));
        const Run run = produceAll(m_bootstrap, records);
        QVERIFY2(run.finished, qPrintable(run.failed));
        QCOMPARE(run.summary.delivered, 40);
        QCOMPARE(run.summary.failed, 0);
        QCOMPARE(run.lastAnswered, 40);
        QCOMPARE(run.lastTotal, 40);
        QCOMPARE(run.results.size(), 40);
        QMap<int, QList<qint64>> offsets;
        QList<bool> seen(40, false);
        for (const ProduceResult& result : run.results) {
            QVERIFY2(result.ok(), qPrintable(result.error));
            QVERIFY(result.index >= 0 && result.index < 40 && !seen[result.index]);
            seen[result.index] = true;
            QCOMPARE(result.partition, Murmur2Partitioner::partitionFor(*records.at(result.index).key, 4));
            offsets[result.partition].append(result.offset);
        }
        for (auto it = offsets.begin(); it != offsets.end(); ++it) {
            std::sort(it.value().begin(), it.value().end());
            for (qsizetype i = 0; i < it.value().size(); ++i)
                QCOMPARE(it.value().at(i), i);
        }
    }

    void sendsExactlyWhatWasAsked()
    {
        QList<ProduceRecord> records;
        records.append(recordFor(QStringLiteral("exact"), std::nullopt, std::nullopt, 0));
        records.append(recordFor(QStringLiteral("exact"), QByteArray(""), QByteArray(""), 0));
        ProduceRecord rich = recordFor(QStringLiteral("exact"), QByteArray("\x00\x01", 2), QByteArray(300000, 'x'), 0);
        rich.headers = { { "trace", QByteArray("abc") }, { "nothing", std::nullopt }, { "blank", QByteArray("") } };
        rich.timestampMs = 1600000000123;
        records.append(rich);
        const Run run = produceAll(m_bootstrap, records);
        QVERIFY2(run.finished, qPrintable(run.failed));
        QCOMPARE(run.summary.delivered, 3);

        // librdkafka reads back what went over the wire.
        RdKafkaReader reader(m_bootstrap);
        QList<KafkaMessage> messages;
        QVERIFY2(reader.readToEnd("exact", 0, RD_KAFKA_OFFSET_BEGINNING, &messages), qPrintable(reader.error()));
        QCOMPARE(messages.size(), 3);
        QVERIFY(messages.at(0).key.isNull());
        QVERIFY(messages.at(0).value.isNull());
        QVERIFY(!messages.at(1).key.isNull() && messages.at(1).key.isEmpty());
        QVERIFY(!messages.at(1).value.isNull() && messages.at(1).value.isEmpty());
        QCOMPARE(messages.at(2).key, QByteArray("\x00\x01", 2));
        QCOMPARE(messages.at(2).value, QByteArray(300000, 'x'));
        QCOMPARE(messages.at(2).timestamp, 1600000000123);
        QCOMPARE(messages.at(2).headers.size(), 3);
        QCOMPARE(messages.at(2).headers.at(0), qMakePair(QByteArray("trace"), QByteArray("abc")));
        QCOMPARE(messages.at(2).headers.at(1).first, QByteArray("nothing"));
        QVERIFY(messages.at(2).headers.at(1).second.isNull());
        QCOMPARE(messages.at(2).headers.at(2).first, QByteArray("blank"));
        QVERIFY(!messages.at(2).headers.at(2).second.isNull());
    }

    void murmur2MatchesLibrdkafka()
    {
        // librdkafka's murmur2_random chooses; our function must predict every choice.
        RdKafkaProducer producer(m_bootstrap, { { "partitioner", "murmur2_random" } });
        QList<QByteArray> keys;
        for (int i = 0; i < 300; ++i) {
            QByteArray key = "key-" + QByteArray::number(i * 7919);
            key.append(QByteArray(i % 5, char(0x80 + i % 100))); // bytes above 0x7f and every tail length
            keys.append(key);
        }
        keys.append(QByteArray("")); // empty, not null: hashed too
        for (const QByteArray& key : std::as_const(keys))
            QVERIFY(producer.produce("hashing", -1, key, "v"));
        QVERIFY(producer.flush(20000));
        QVERIFY2(producer.deliveryErrors().isEmpty(), qPrintable(producer.deliveryErrors()));
        QCOMPARE(producer.deliveries().size(), keys.size());
        QSet<int> used;
        for (const KafkaMessage& delivery : producer.deliveries()) {
            QCOMPARE(Murmur2Partitioner::partitionFor(delivery.key, 7), delivery.partition);
            used.insert(delivery.partition);
        }
        QCOMPARE(used.size(), 7); // the keys were spread: the comparison covered every partition
    }

    void unknownTopicAndPartition()
    {
        QList<ProduceRecord> records;
        records.append(recordFor(QStringLiteral("missing"), QByteArray("k"), QByteArray("v")));
        records.append(recordFor(QStringLiteral("orders"), QByteArray("k"), QByteArray("v"), 9));
        records.append(recordFor(QStringLiteral("orders"), QByteArray("k"), QByteArray("v"), 2));
        const Run run = produceAll(m_bootstrap, records);
        QVERIFY2(run.finished, qPrintable(run.failed));
        QCOMPARE(run.summary.delivered, 1);
        QCOMPARE(run.summary.failed, 2);
        QMap<qsizetype, ProduceResult> byIndex;
        for (const ProduceResult& result : run.results)
            byIndex.insert(result.index, result);
        QCOMPARE(byIndex.value(0).error, QStringLiteral("Topic 'missing' does not exist."));
        QCOMPARE(byIndex.value(1).error,
            QStringLiteral("Partition 9 does not exist in topic 'orders' (it has 4 partitions)."));
        QVERIFY(byIndex.value(2).ok());
        QCOMPARE(byIndex.value(2).partition, 2);
    }

    void brokerRejectsATooLargeRecord()
    {
        RdKafkaAdmin admin(m_bootstrap);
        QVERIFY(admin.createTopic({ "small", 1, { { "max.message.bytes", "1000" } } }).ok());
        const Run run
            = produceAll(m_bootstrap, { recordFor(QStringLiteral("small"), std::nullopt, QByteArray(5000, 'x')) });
        QVERIFY2(run.finished, qPrintable(run.failed));
        QCOMPARE(run.summary.failed, 1);
        QCOMPARE(run.results.size(), 1);
        QVERIFY2(run.results.first().error.contains(QStringLiteral("too large"), Qt::CaseInsensitive),
            qPrintable(run.results.first().error));
    }

    void cancelStopsSending()
    {
        QList<ProduceRecord> records;
        for (int i = 0; i < 300000; ++i)
            records.append(recordFor(QStringLiteral("bulk"), QByteArray::number(i), QByteArray(200, 'b')));
        const Run run = produceAll(m_bootstrap, records, 30000, true);
        QVERIFY2(run.finished, qPrintable(run.failed));
        QVERIFY(run.summary.cancelled);
        QVERIFY2(run.summary.notSent > 0, "cancel came too late to leave anything unsent");
        QCOMPARE(run.summary.delivered + run.summary.failed + run.summary.notSent, 300000);
        qsizetype deliveredResults = 0;
        for (const ProduceResult& result : run.results)
            deliveredResults += result.ok() ? 1 : 0;
        QCOMPARE(deliveredResults, run.summary.delivered);
    }

    void unreachableClusterFails()
    {
        QElapsedTimer timer;
        timer.start();
        const QString bootstrap = QStringLiteral("127.0.0.1:%1").arg(Samsa::Test::closedLocalPort());
        const Run run
            = produceAll(bootstrap, { recordFor(QStringLiteral("orders"), QByteArray("k"), QByteArray("v")) }, 2000);
        QVERIFY(!run.finished);
        QVERIFY2(run.failed.startsWith(QStringLiteral("Could not reach the cluster: ")), qPrintable(run.failed));
        QVERIFY(timer.elapsed() < 10000);
    }
};

SAMSA_TEST_MAIN(TestMessageProducer, QCoreApplication)
#include "tst_messageproducer.moc"
