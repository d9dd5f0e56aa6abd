// librdkafka's idempotent producer against samsa-broker: every message exactly once and in order
// although the connections are cut mid-stream (requests written, responses lost, so librdkafka
// retries batches the broker already has) or the broker restarts.

#include "brokerprocess.h"
#include "connectionproxy.h"
#include "rdkafkaclient.h"
#include "testmain.h"

#include <QSet>

using namespace Samsa::Test;

class TestLibrdkafkaIdempotence : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void exactlyOnceAcrossDroppedConnections();
    void exactlyOnceAcrossBrokerRestart();

private:
    void verifyExactlyOnce(const QString& bootstrap, const QByteArray& topic, const RdKafkaProducer& producer, int count);
};

namespace {

constexpr int partitions = 2;

QByteArray valueFor(int i)
{
    return "exactly-once-" + QByteArray::number(i);
}

// The topics are auto-created on the first produce.
QStringList twoPartitions()
{
    return { QStringLiteral("--set"), QStringLiteral("num.partitions=%1").arg(partitions) };
}

KafkaConfig idempotentConfig()
{
    return { { "enable.idempotence", "true" }, { "linger.ms", "1" }, { "batch.num.messages", "50" },
             { "message.timeout.ms", "60000" }, { "retry.backoff.ms", "50" }, { "reconnect.backoff.ms", "50" },
             { "reconnect.backoff.max.ms", "500" } };
}

} // namespace

void TestLibrdkafkaIdempotence::initTestCase()
{
    QVERIFY2(!BrokerProcess::binaryPath().isEmpty(), "SAMSA_BROKER_BIN is not set (run through ctest)");
}

void TestLibrdkafkaIdempotence::verifyExactlyOnce(const QString& bootstrap, const QByteArray& topic,
                                                  const RdKafkaProducer& producer, int count)
{
    QString fatal;
    QVERIFY2(producer.fatalError(&fatal) == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(fatal));
    QVERIFY2(producer.deliveryErrors().isEmpty(), qPrintable(producer.deliveryErrors()));
    QCOMPARE(producer.deliveries().size(), count);

    RdKafkaReader reader(bootstrap);
    QSet<QByteArray> seen;
    for (int partition = 0; partition < partitions; ++partition) {
        QList<KafkaMessage> stored;
        QVERIFY2(reader.readToEnd(topic, partition, RD_KAFKA_OFFSET_BEGINNING, &stored), qPrintable(reader.error()));
        int previous = -1;
        for (int i = 0; i < stored.size(); ++i) {
            QCOMPARE(stored.at(i).offset, qint64(i));
            const int index = stored.at(i).key.toInt();
            QVERIFY2(index > previous, qPrintable(QStringLiteral("partition %1 out of order at offset %2").arg(partition).arg(i)));
            QCOMPARE(index % partitions, partition);
            previous = index;
            QVERIFY2(!seen.contains(stored.at(i).value), qPrintable(QStringLiteral("duplicate %1").arg(QString::fromUtf8(stored.at(i).value))));
            seen.insert(stored.at(i).value);
        }
    }
    QCOMPARE(seen.size(), count);
}

void TestLibrdkafkaIdempotence::exactlyOnceAcrossDroppedConnections()
{
    ConnectionProxy proxy;
    QVERIFY(proxy.listen());
    BrokerProcess broker;
    broker.setExtraArguments(twoPartitions()
                             + QStringList { QStringLiteral("--advertised-listener"), QStringLiteral("127.0.0.1:%1").arg(proxy.listenPort()) });
    QVERIFY2(broker.start(), broker.errorText());
    proxy.setTarget(broker.port());
    const QString bootstrap = QStringLiteral("127.0.0.1:%1").arg(proxy.listenPort());

    RdKafkaProducer producer(bootstrap, idempotentConfig());
    QVERIFY2(producer.isValid(), qPrintable(producer.error()));
    const int count = 6000;
    int drops = 0;
    for (int i = 0; i < count; ++i) {
        QVERIFY2(producer.produce("exactly-once", i % partitions, QByteArray::number(i), valueFor(i)), qPrintable(producer.error()));
        // Cut every connection a few times while batches are in flight.
        if (i % 1000 == 500) {
            const qint64 sent = proxy.bytesToBroker();
            const auto moreSent = [&] {
                rd_kafka_poll(producer.handle(), 1);
                return proxy.bytesToBroker() > sent + 2000;
            };
            QTRY_VERIFY_WITH_TIMEOUT(moreSent(), 20000);
            proxy.dropAll();
            ++drops;
        }
    }
    QVERIFY2(producer.flush(90000), qPrintable(producer.error()));
    QVERIFY2(proxy.acceptedConnections() > drops, // the last drop leaves 499 messages to send
             qPrintable(QStringLiteral("%1 connections for %2 drops").arg(proxy.acceptedConnections()).arg(drops)));
    verifyExactlyOnce(bootstrap, "exactly-once", producer, count);
    QVERIFY2(broker.stop(), broker.errorText());
}

void TestLibrdkafkaIdempotence::exactlyOnceAcrossBrokerRestart()
{
    BrokerProcess broker;
    broker.setExtraArguments(twoPartitions());
    QVERIFY2(broker.start(), broker.errorText());
    RdKafkaProducer producer(broker.bootstrapServers(), idempotentConfig());
    QVERIFY2(producer.isValid(), qPrintable(producer.error()));
    const int count = 4000;
    for (int i = 0; i < count; ++i) {
        QVERIFY2(producer.produce("restart-once", i % partitions, QByteArray::number(i), valueFor(i)), qPrintable(producer.error()));
        if (i == count / 2) {
            const auto someDelivered = [&producer] {
                rd_kafka_poll(producer.handle(), 1);
                return producer.deliveries().size() > 500;
            };
            QTRY_VERIFY_WITH_TIMEOUT(someDelivered(), 20000);
            QVERIFY2(broker.restart(), broker.errorText()); // same data dir, same port
        }
    }
    QVERIFY2(producer.flush(90000), qPrintable(producer.error()));
    verifyExactlyOnce(broker.bootstrapServers(), "restart-once", producer, count);
    QVERIFY2(broker.stop(), broker.errorText());
}

SAMSA_TEST_MAIN(TestLibrdkafkaIdempotence, QCoreApplication)
#include "tst_librdkafka_idempotence.moc"
