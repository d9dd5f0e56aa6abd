// samsa-broker refuses a produced batch whose records contradict its header, as Kafka does: raw
// Produce frames (built here, with their own CRC-32C, independent of the broker's code) carrying a
// record count that does not match the records, garbage records, a claim of 2^31-1 records,
// lying varints or a compressed payload that does not decompress get CORRUPT_MESSAGE (2) or
// INVALID_RECORD (87); the log is unchanged and a librdkafka consumer still reads exactly the good
// records at contiguous offsets.

#include "brokerprocess.h"
#include "rawkafka.h"
#include "rdkafkaadmin.h"
#include "rdkafkaclient.h"
#include "testmain.h"

#include <QHostAddress>
#include <QTcpSocket>

using namespace Samsa::Test;

namespace {

constexpr qint16 kProduce = 0;
constexpr qint16 kCorruptMessage = 2;
constexpr qint16 kInvalidRecord = 87;
const QByteArray kTopic("record-validation");

quint32 crc32c(const QByteArray& data, qsizetype from)
{
    quint32 crc = 0xFFFFFFFF;
    for (qsizetype i = from; i < data.size(); ++i) {
        crc ^= quint8(data[i]);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0x82F63B78 & (0u - (crc & 1)));
    }
    return ~crc;
}

void appendVarint(QByteArray& out, qint64 value)
{
    quint64 raw = (quint64(value) << 1) ^ quint64(value >> 63);
    while (raw >= 0x80) {
        out.append(char(raw | 0x80));
        raw >>= 7;
    }
    out.append(char(raw));
}

// The records "value-<first+i>" without key, as a producer frames them.
QByteArray recordBytes(int count, int first = 0)
{
    QByteArray out;
    for (int i = 0; i < count; ++i) {
        QByteArray record;
        record.append(char(0));
        appendVarint(record, i); // timestamp delta
        appendVarint(record, i); // offset delta
        appendVarint(record, -1); // null key
        const QByteArray value = "value-" + QByteArray::number(first + i);
        appendVarint(record, value.size());
        record += value;
        appendVarint(record, 0);
        appendVarint(out, record.size());
        out += record;
    }
    return out;
}

// A batch v2 claiming `count` records (count - 1 as last offset delta) around `records`, whatever
// they are, with a correct CRC.
QByteArray batch(int count, const QByteArray& records, qint16 attributes = 0)
{
    QByteArray out;
    Raw::appendInt64(out, 0);
    Raw::appendInt32(out, qint32(61 - 12 + records.size()));
    Raw::appendInt32(out, -1);
    out.append(char(2));
    Raw::appendInt32(out, 0); // CRC, set below
    Raw::appendInt16(out, attributes);
    Raw::appendInt32(out, count - 1);
    Raw::appendInt64(out, 1'700'000'000'000);
    Raw::appendInt64(out, 1'700'000'000'000 + count);
    Raw::appendInt64(out, -1);
    Raw::appendInt16(out, -1);
    Raw::appendInt32(out, -1);
    Raw::appendInt32(out, count);
    out += records;
    qToBigEndian(crc32c(out, 21), out.data() + 17);
    return out;
}

// zlib data (qCompress without its 4-byte length), which Kafka's gzip codec id also reads.
QByteArray deflated(const QByteArray& data)
{
    return qCompress(data).mid(4);
}

} // namespace

class TestBrokerRecordValidation : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void badBatchesAreRefused_data();
    void badBatchesAreRefused();
    void goodRecordsReadBack();
    void topicCompressionTypeServesClients_data();
    void topicCompressionTypeServesClients();

private:
    // Produce v3 (acks all) of `records` to partition 0: the partition's error code and base offset.
    QPair<qint16, qint64> produce(const QByteArray& records);

    BrokerProcess m_broker;
    QTcpSocket m_socket;
    qint32 m_correlationId = 0;
    int m_goodRecords = 0;
};

QPair<qint16, qint64> TestBrokerRecordValidation::produce(const QByteArray& records)
{
    if (m_socket.state() != QAbstractSocket::ConnectedState) {
        m_socket.abort();
        m_socket.connectToHost(QHostAddress::LocalHost, m_broker.port());
        m_socket.waitForConnected(5000);
    }
    QByteArray body;
    Raw::appendInt16(body, -1); // no transactional id
    Raw::appendInt16(body, -1); // acks all
    Raw::appendInt32(body, 10000);
    Raw::appendInt32(body, 1);
    Raw::appendString(body, kTopic);
    Raw::appendInt32(body, 1);
    Raw::appendInt32(body, 0);
    Raw::appendInt32(body, qint32(records.size()));
    body += records;
    const qint32 correlationId = ++m_correlationId;
    Raw::Reader in(Raw::roundTrip(m_socket, Raw::request(kProduce, 3, correlationId, body)));
    if (in.int32() != correlationId || in.arrayLength() != 1 || in.string() != kTopic || in.arrayLength() != 1
        || in.int32() != 0)
        return { -1, -1 };
    const qint16 error = in.int16();
    const qint64 baseOffset = in.int64();
    return in.ok() ? qMakePair(error, baseOffset) : qMakePair(qint16(-1), qint64(-1));
}

void TestBrokerRecordValidation::initTestCase()
{
    QVERIFY2(m_broker.start(), m_broker.errorText());
    RdKafkaAdmin admin(m_broker.bootstrapServers());
    QVERIFY2(admin.isValid(), qPrintable(admin.error()));
    const AdminResult created = admin.createTopic({ kTopic, 1, {} });
    QVERIFY2(created.ok(), created.text());
    const auto first = produce(batch(3, recordBytes(3)));
    QCOMPARE(first.first, qint16(0));
    QCOMPARE(first.second, qint64(0));
    m_goodRecords = 3;
}

void TestBrokerRecordValidation::badBatchesAreRefused_data()
{
    QTest::addColumn<QByteArray>("records");
    QTest::addColumn<qint16>("error");
    QTest::addRow("count above records") << batch(5, recordBytes(3)) << kInvalidRecord;
    QTest::addRow("count below records") << batch(2, recordBytes(3)) << kInvalidRecord;
    QTest::addRow("2^31-1 records") << batch(INT32_MAX, recordBytes(3)) << kInvalidRecord;
    QByteArray garbage;
    for (int i = 0; i < 300; ++i)
        garbage.append(char((i * 167 + 13) & 0xFF));
    QTest::addRow("garbage records") << batch(3, garbage) << kInvalidRecord;
    QByteArray lying = recordBytes(2);
    lying.append(char(0xFE)); // a third record claiming 127 bytes, with three there
    lying.append(char(0x01));
    lying.append("abc");
    QTest::addRow("record length past batch") << batch(3, lying) << kInvalidRecord;
    QTest::addRow("gzip garbage") << batch(3, garbage, 1) << kCorruptMessage;
    QTest::addRow("gzip count above records") << batch(4, deflated(recordBytes(3)), 1) << kInvalidRecord;
    QTest::addRow("gzip 2^31-1 records") << batch(INT32_MAX, deflated(recordBytes(3)), 1) << kInvalidRecord;
    QTest::addRow("good then bad") << batch(1, recordBytes(1)) + batch(2, recordBytes(3)) << kInvalidRecord;
}

void TestBrokerRecordValidation::badBatchesAreRefused()
{
    QFETCH(QByteArray, records);
    QFETCH(qint16, error);
    const auto answer = produce(records);
    QCOMPARE(answer.first, error);
    // The log is unchanged: the next good batch lands right after the good records before it.
    const auto next = produce(batch(2, recordBytes(2, m_goodRecords)));
    QCOMPARE(next.first, qint16(0));
    QCOMPARE(next.second, qint64(m_goodRecords));
    m_goodRecords += 2;
}

void TestBrokerRecordValidation::goodRecordsReadBack()
{
    // The compressed good batch is accepted too.
    const auto compressed = produce(batch(3, deflated(recordBytes(3, m_goodRecords)), 1));
    QCOMPARE(compressed.first, qint16(0));
    QCOMPARE(compressed.second, qint64(m_goodRecords));
    m_goodRecords += 3;

    RdKafkaReader reader(m_broker.bootstrapServers());
    QVERIFY2(reader.isValid(), qPrintable(reader.error()));
    qint64 low = -1;
    qint64 high = -1;
    QVERIFY2(reader.watermarks(kTopic, 0, &low, &high), qPrintable(reader.error()));
    QCOMPARE(high, qint64(m_goodRecords));
    QList<KafkaMessage> messages;
    QVERIFY2(reader.readToEnd(kTopic, 0, 0, &messages), qPrintable(reader.error()));
    QCOMPARE(messages.size(), m_goodRecords);
    for (int i = 0; i < messages.size(); ++i) {
        QCOMPARE(messages[i].offset, qint64(i));
        QCOMPARE(messages[i].value, "value-" + QByteArray::number(i));
    }
}

void TestBrokerRecordValidation::topicCompressionTypeServesClients_data()
{
    QTest::addColumn<QByteArray>("topicCodec");
    QTest::addColumn<QByteArray>("producerCodec");
    QTest::addRow("zstd topic, plain producer") << QByteArray("zstd") << QByteArray("none");
    QTest::addRow("gzip topic, lz4 producer") << QByteArray("gzip") << QByteArray("lz4");
    QTest::addRow("snappy topic, zstd producer") << QByteArray("snappy") << QByteArray("zstd");
    QTest::addRow("lz4 topic, gzip producer") << QByteArray("lz4") << QByteArray("gzip");
    QTest::addRow("uncompressed topic, snappy producer") << QByteArray("uncompressed") << QByteArray("snappy");
}

void TestBrokerRecordValidation::topicCompressionTypeServesClients()
{
    // The broker re-encodes what librdkafka sends into the topic's codec; librdkafka reads it back,
    // and finds records by timestamp inside the (now compressed) batches.
    QFETCH(QByteArray, topicCodec);
    QFETCH(QByteArray, producerCodec);
    const QByteArray topic = "compression-" + topicCodec;
    RdKafkaAdmin admin(m_broker.bootstrapServers());
    QVERIFY2(admin.isValid(), qPrintable(admin.error()));
    const AdminResult created = admin.createTopic({ topic, 1, { { "compression.type", topicCodec } } });
    QVERIFY2(created.ok(), created.text());
    RdKafkaProducer producer(
        m_broker.bootstrapServers(), { { "compression.codec", producerCodec }, { "linger.ms", "50" } });
    QVERIFY2(producer.isValid(), qPrintable(producer.error()));
    const int count = 40;
    for (int i = 0; i < count; ++i)
        QVERIFY(producer.produce(topic, 0, "k" + QByteArray::number(i % 5), QByteArray(30 + i, char('a' + i % 26)), {},
            2'000'000'000'000 + 10 * i));
    QVERIFY2(producer.flush(), qPrintable(producer.deliveryErrors()));
    QVERIFY2(producer.deliveryErrors().isEmpty(), qPrintable(producer.deliveryErrors()));
    RdKafkaReader reader(m_broker.bootstrapServers());
    QList<KafkaMessage> messages;
    QVERIFY2(reader.readToEnd(topic, 0, 0, &messages), qPrintable(reader.error()));
    QCOMPARE(messages.size(), count);
    for (int i = 0; i < count; ++i) {
        QCOMPARE(messages[i].offset, qint64(i));
        QCOMPARE(messages[i].value, QByteArray(30 + i, char('a' + i % 26)));
        QCOMPARE(messages[i].timestamp, 2'000'000'000'000 + 10 * i);
    }
    rd_kafka_topic_partition_list_t* wanted = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(wanted, topic.constData(), 0)->offset = 2'000'000'000'000 + 10 * 17 - 5;
    const rd_kafka_resp_err_t error = rd_kafka_offsets_for_times(reader.handle(), wanted, 10000);
    const qint64 found = wanted->elems[0].offset;
    rd_kafka_topic_partition_list_destroy(wanted);
    QCOMPARE(error, RD_KAFKA_RESP_ERR_NO_ERROR);
    QCOMPARE(found, qint64(17));
}

SAMSA_TEST_MAIN(TestBrokerRecordValidation, QCoreApplication)
#include "tst_broker_recordvalidation.moc"
