// Kafka's default partitioner for keyed records: Java's Utils.murmur2 test vectors (Kafka's
// UtilsTest, and Akka's Murmur2Spec for every tail length), the sign handling of toPositive, and the explanation text.
// The comparison with librdkafka's murmur2_random on a real broker is in tst_messageproducer.

#include "messages/murmur2partitioner.h"
#include "testmain.h"

using namespace Samsa;

class TestMurmur2Partitioner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void javaVectors_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<qint32>("hash");
        // org.apache.kafka.common.utils.UtilsTest.testMurmur2
        QTest::addRow("21") << QByteArray("21") << qint32(-973932308);
        QTest::addRow("foobar") << QByteArray("foobar") << qint32(-790332482);
        QTest::addRow("a-little-bit-long-string") << QByteArray("a-little-bit-long-string") << qint32(-985981536);
        QTest::addRow("a-little-bit-longer-string") << QByteArray("a-little-bit-longer-string") << qint32(-1486304829);
        QTest::addRow("long") << QByteArray("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8") << qint32(-58897971);
        QTest::addRow("abc") << QByteArray("abc") << qint32(479470107);
        // Every tail length (0 to 3 bytes after the 4-byte blocks), values from Kafka's murmur2 as
        // quoted by Akka's Murmur2Spec.
        QTest::addRow("1") << QByteArray("1") << qint32(-1993445489);
        QTest::addRow("12") << QByteArray("12") << qint32(126087238);
        QTest::addRow("123") << QByteArray("123") << qint32(-267702483);
        QTest::addRow("1234") << QByteArray("1234") << qint32(-1614185708);
        QTest::addRow("12345") << QByteArray("12345") << qint32(-1188365604);
    }

    void javaVectors()
    {
        QFETCH(QByteArray, data);
        QFETCH(qint32, hash);
        QCOMPARE(Murmur2Partitioner::murmur2(data), hash);
        // toPositive clears the sign bit, it does not negate.
        QCOMPARE(Murmur2Partitioner::partitionFor(data, 1000003), int((quint32(hash) & 0x7fffffffu) % 1000003u));
    }

    void partitionsAndEdges()
    {
        QCOMPARE(Murmur2Partitioner::partitionFor("anything", 1), 0);
        QCOMPARE(Murmur2Partitioner::partitionFor("anything", 0), -1);
        QCOMPARE(Murmur2Partitioner::partitionFor("anything", -3), -1);
        // Bytes above 0x7f are unsigned in the hash (Java masks them with & 0xff).
        QVERIFY(
            Murmur2Partitioner::murmur2(QByteArray("\xff\xfe\xfd", 3)) != Murmur2Partitioner::murmur2("\x7f\x7e\x7d"));
        const int partition = Murmur2Partitioner::partitionFor("k", 6);
        QCOMPARE(Murmur2Partitioner::explain("k", 6),
            QStringLiteral(
                "key \"k\" hashes to partition %1 of 6 (murmur2, as Java's default partitioner and librdkafka)")
                .arg(partition));
    }

    void binaryKeysAreShownAsHex()
    {
        const QByteArray key("\x00\xff\x10", 3);
        QVERIFY2(Murmur2Partitioner::explain(key, 4).startsWith(QStringLiteral("key 0x00ff10 hashes to partition ")),
            qPrintable(Murmur2Partitioner::explain(key, 4)));
    }
};

SAMSA_TEST_MAIN(TestMurmur2Partitioner, QCoreApplication)
#include "tst_murmur2partitioner.moc"
