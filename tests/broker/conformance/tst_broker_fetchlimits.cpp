// Fetch's total (cross-partition) byte limit (KIP-74), the broker's fetch.max.bytes, and the
// fetch-session fields of KIP-227 on
// samsa-broker, with Fetch v11 and v12 frames built by hand (rawkafka.h, independent of the broker's
// codec); librdkafka creates the topic and produces.

#include "brokerprocess.h"
#include "rawkafka.h"
#include "rdkafkaadmin.h"
#include "rdkafkaclient.h"
#include "testmain.h"

#include <QHostAddress>
#include <QTcpSocket>

using namespace Samsa::Test;

class TestBrokerFetchLimits : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void fetchTotalByteLimit_data();
    void fetchTotalByteLimit();
    void fetchSessionFields_data();
    void fetchSessionFields();
    void fetchMaxBytesBoundsEveryVersion();

private:
    // One request on the shared connection (flexible for Fetch v12+); the reader stands after the header.
    Raw::Reader call(qint16 apiKey, qint16 version, const QByteArray& body);

    BrokerProcess m_broker;
    QTcpSocket m_socket;
    qint32 m_correlationId = 100;
};

namespace {
constexpr qint16 kFetch = 1;
} // namespace

Raw::Reader TestBrokerFetchLimits::call(qint16 apiKey, qint16 version, const QByteArray& body)
{
    // A failed check may have left the connection closed by the broker: start a fresh one.
    if (m_socket.state() != QAbstractSocket::ConnectedState) {
        m_socket.abort();
        m_socket.connectToHost(QHostAddress::LocalHost, m_broker.port());
        m_socket.waitForConnected(5000);
    }
    const qint32 correlationId = ++m_correlationId;
    const bool flexible = apiKey == kFetch && version >= 12;
    const QByteArray frame = flexible ? Raw::flexibleRequest(apiKey, version, correlationId, body)
                                      : Raw::request(apiKey, version, correlationId, body);
    Raw::Reader in(Raw::roundTrip(m_socket, frame));
    if (in.int32() != correlationId)
        return Raw::Reader(QByteArray(), 1); // not ok(): nothing to read
    if (flexible)
        in.skipTaggedFields();
    return in;
}

void TestBrokerFetchLimits::initTestCase()
{
    QVERIFY2(m_broker.start(), m_broker.errorText());
    {
        RdKafkaAdmin admin(m_broker.bootstrapServers());
        QVERIFY2(admin.isValid(), qPrintable(admin.error()));
        const AdminResult created = admin.createTopic({ "fetch-limits", 2, {} });
        QVERIFY2(created.ok(), created.text());
    }
    // 20 messages of 1000 bytes in each partition, in however many batches the producer makes.
    RdKafkaProducer producer(m_broker.bootstrapServers(), { { "linger.ms", "0" } });
    QVERIFY2(producer.isValid(), qPrintable(producer.error()));
    for (int partition = 0; partition < 2; ++partition) {
        for (int i = 0; i < 20; ++i)
            QVERIFY(producer.produce("fetch-limits", partition, "k", QByteArray(1000, char('a' + i))));
    }
    QVERIFY2(producer.flush(), qPrintable(producer.deliveryErrors()));
    QVERIFY2(producer.deliveryErrors().isEmpty(), qPrintable(producer.deliveryErrors()));
    m_socket.connectToHost(QHostAddress::LocalHost, m_broker.port());
    QVERIFY2(m_socket.waitForConnected(5000), qPrintable(m_socket.errorString()));
}

void TestBrokerFetchLimits::cleanupTestCase()
{
    m_socket.close();
    QVERIFY2(m_broker.stop(), m_broker.errorText());
}

namespace {

struct FetchedPartition {
    qint32 index = -1;
    qint16 error = -1;
    qint64 highWatermark = -1;
    qint64 recordBytes = 0;
};

struct FetchAnswer {
    bool ok = false;
    qint16 error = -1;
    qint32 sessionId = -1;
    QList<FetchedPartition> partitions;
};

// Fetch v11 (the newest non-flexible version) or v12 (flexible) of both partitions of `topic` from
// offset 0.
QByteArray fetchBody(
    const QByteArray& topic, qint32 maxBytes, qint32 sessionId, qint32 sessionEpoch, qint16 version = 11)
{
    const bool flexible = version >= 12;
    QByteArray body;
    Raw::appendInt32(body, -1); // replica id
    Raw::appendInt32(body, 0); // max wait
    Raw::appendInt32(body, 0); // min bytes
    Raw::appendInt32(body, maxBytes);
    Raw::appendInt8(body, 0); // read uncommitted
    Raw::appendInt32(body, sessionId);
    Raw::appendInt32(body, sessionEpoch);
    flexible ? Raw::appendCompactArrayLength(body, 1) : Raw::appendInt32(body, 1);
    flexible ? Raw::appendCompactString(body, topic) : Raw::appendString(body, topic);
    flexible ? Raw::appendCompactArrayLength(body, 2) : Raw::appendInt32(body, 2);
    for (qint32 partition = 0; partition < 2; ++partition) {
        Raw::appendInt32(body, partition);
        Raw::appendInt32(body, -1); // current leader epoch
        Raw::appendInt64(body, 0); // fetch offset
        if (flexible)
            Raw::appendInt32(body, -1); // last fetched epoch
        Raw::appendInt64(body, -1); // log start offset (followers only)
        Raw::appendInt32(body, 1 << 20); // partition max bytes
        if (flexible)
            Raw::appendEmptyTaggedFields(body);
    }
    if (flexible) {
        Raw::appendEmptyTaggedFields(body); // end of the topic
        Raw::appendCompactArrayLength(body, 0); // forgotten topics
        Raw::appendCompactString(body, {}); // rack id
        Raw::appendEmptyTaggedFields(body);
    } else {
        Raw::appendInt32(body, 0); // forgotten topics
        Raw::appendString(body, {}); // rack id
    }
    return body;
}

FetchAnswer parseFetch(Raw::Reader& in, qint16 version = 11)
{
    const bool flexible = version >= 12;
    FetchAnswer answer;
    in.int32(); // throttle
    answer.error = in.int16();
    answer.sessionId = in.int32();
    const qint32 topics = flexible ? in.compactArrayLength() : in.arrayLength();
    for (qint32 t = 0; t < topics && in.ok(); ++t) {
        flexible ? in.compactString() : in.string();
        const qint32 partitions = flexible ? in.compactArrayLength() : in.arrayLength();
        for (qint32 p = 0; p < partitions && in.ok(); ++p) {
            FetchedPartition partition;
            partition.index = in.int32();
            partition.error = in.int16();
            partition.highWatermark = in.int64();
            in.int64(); // last stable offset
            in.int64(); // log start offset
            const qint32 aborted = flexible ? in.compactArrayLength() : in.arrayLength();
            for (qint32 a = 0; a < aborted && in.ok(); ++a) {
                in.skip(16); // producer id, first offset
                if (flexible)
                    in.skipTaggedFields();
            }
            in.int32(); // preferred read replica
            partition.recordBytes = (flexible ? in.compactBytes() : in.bytes()).size();
            if (flexible)
                in.skipTaggedFields();
            answer.partitions.push_back(partition);
        }
        if (flexible)
            in.skipTaggedFields();
    }
    if (flexible)
        in.skipTaggedFields();
    answer.ok = in.ok() && in.atEnd();
    return answer;
}

} // namespace

void TestBrokerFetchLimits::fetchTotalByteLimit_data()
{
    // How the producer split the messages into batches varies: limits are set from what an
    // unlimited fetch returns. Every message is 1000 bytes, so every batch is larger than 500.
    QTest::addColumn<QString>("limit");
    QTest::addColumn<bool>("secondHasData");
    QTest::addRow("unlimited") << QStringLiteral("unlimited") << true;
    // KIP-74: the first partition with data answers even when it alone exceeds the limit.
    QTest::addRow("one byte") << QStringLiteral("one byte") << false;
    QTest::addRow("room for the first partition only") << QStringLiteral("first + 500") << false;
}

void TestBrokerFetchLimits::fetchTotalByteLimit()
{
    QFETCH(QString, limit);
    QFETCH(bool, secondHasData);
    Raw::Reader unlimitedIn = call(kFetch, 11, fetchBody("fetch-limits", 50 << 20, 0, -1));
    const FetchAnswer unlimited = parseFetch(unlimitedIn);
    QVERIFY(unlimited.ok);
    QCOMPARE(unlimited.partitions.size(), 2);
    const qint64 firstBytes = unlimited.partitions[0].recordBytes;
    const qint64 secondBytes = unlimited.partitions[1].recordBytes;
    QVERIFY2(firstBytes > 20000 && secondBytes > 20000,
        qPrintable(QStringLiteral("%1 %2").arg(firstBytes).arg(secondBytes)));

    const qint32 maxBytes = limit == QLatin1String("unlimited") ? (50 << 20)
        : limit == QLatin1String("one byte")                    ? 1
                                                                : qint32(firstBytes + 500);
    Raw::Reader in = call(kFetch, 11, fetchBody("fetch-limits", maxBytes, 0, -1));
    const FetchAnswer answer = parseFetch(in);
    QVERIFY(answer.ok);
    QCOMPARE(answer.error, qint16(0));
    QCOMPARE(answer.partitions.size(), 2);
    for (int p = 0; p < 2; ++p) {
        QCOMPARE(answer.partitions[p].index, p);
        QCOMPARE(answer.partitions[p].error, qint16(0));
        QCOMPARE(answer.partitions[p].highWatermark, qint64(20));
    }
    if (maxBytes == 1)
        QVERIFY(answer.partitions[0].recordBytes >= 1000); // at least one whole batch
    else
        QCOMPARE(answer.partitions[0].recordBytes, firstBytes);
    QCOMPARE(answer.partitions[1].recordBytes, secondHasData ? secondBytes : 0);
}

void TestBrokerFetchLimits::fetchSessionFields_data()
{
    QTest::addColumn<qint16>("version");
    QTest::addColumn<qint32>("sessionId");
    QTest::addColumn<qint32>("sessionEpoch");
    QTest::addColumn<qint16>("error");
    for (const qint16 version : { 11, 12 }) {
        QTest::addRow("v%d no session", version) << version << qint32(0) << qint32(-1) << qint16(0);
        // A request for a new session may be answered as a full fetch with session id 0 (KIP-227).
        QTest::addRow("v%d new session", version) << version << qint32(0) << qint32(0) << qint16(0);
        // Closing or restarting a session we do not know is still served in full, as Kafka does.
        QTest::addRow("v%d close unknown session", version) << version << qint32(123456) << qint32(-1) << qint16(0);
        QTest::addRow("v%d restart unknown session", version) << version << qint32(123456) << qint32(0) << qint16(0);
        QTest::addRow("v%d unknown session", version)
            << version << qint32(123456) << qint32(1) << qint16(70); // FETCH_SESSION_ID_NOT_FOUND
    }
}

void TestBrokerFetchLimits::fetchSessionFields()
{
    QFETCH(qint16, version);
    QFETCH(qint32, sessionId);
    QFETCH(qint32, sessionEpoch);
    QFETCH(qint16, error);
    Raw::Reader in = call(kFetch, version, fetchBody("fetch-limits", 50 << 20, sessionId, sessionEpoch, version));
    const FetchAnswer answer = parseFetch(in, version);
    QVERIFY(answer.ok);
    QCOMPARE(answer.error, error);
    QCOMPARE(answer.sessionId, 0);
    if (error != 0) {
        QVERIFY(answer.partitions.isEmpty());
        return;
    }
    QCOMPARE(answer.partitions.size(), 2);
    for (const auto& partition : answer.partitions)
        QVERIFY(partition.recordBytes > 20000);
    // The connection still serves a plain fetch afterwards.
    Raw::Reader again = call(kFetch, 11, fetchBody("fetch-limits", 1, 0, -1));
    QVERIFY(parseFetch(again).ok);
}

void TestBrokerFetchLimits::fetchMaxBytesBoundsEveryVersion()
{
    // Kafka caps every answer at fetch.max.bytes, Fetch v0-v2 (which have no limit of their own)
    // included; for them the broker converts records in memory, so the cap bounds that memory.
    BrokerProcess broker;
    broker.setExtraArguments({ QStringLiteral("--set"), QStringLiteral("fetch.max.bytes=2500") });
    QVERIFY2(broker.start(), broker.errorText());
    {
        RdKafkaAdmin admin(broker.bootstrapServers());
        QVERIFY2(admin.createTopic({ "capped", 1, {} }).ok(), "create capped");
    }
    RdKafkaProducer producer(broker.bootstrapServers(), { { "linger.ms", "0" } });
    for (int i = 0; i < 10; ++i) { // one batch of about 1,070 bytes each
        QVERIFY(producer.produce("capped", 0, "k", QByteArray(1000, char('a' + i))));
        QVERIFY2(producer.flush(), qPrintable(producer.deliveryErrors()));
    }
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, broker.port());
    QVERIFY(socket.waitForConnected(5000));

    // Fetch v11 asking for 1 MiB gets two batches, not ten.
    Raw::Reader modern(Raw::roundTrip(socket, Raw::request(kFetch, 11, 7, fetchBody("capped", 1 << 20, 0, -1))));
    QCOMPARE(modern.int32(), 7);
    const FetchAnswer answer = parseFetch(modern);
    QVERIFY(answer.ok);
    QVERIFY(!answer.partitions.isEmpty());
    QVERIFY2(answer.partitions[0].recordBytes > 1000 && answer.partitions[0].recordBytes <= 2500,
        qPrintable(QString::number(answer.partitions[0].recordBytes)));

    // Fetch v0 asking for 1 MiB of the partition gets at most as many bytes, converted to magic 0.
    QByteArray old;
    Raw::appendInt32(old, -1); // replica id
    Raw::appendInt32(old, 0); // max wait
    Raw::appendInt32(old, 0); // min bytes
    Raw::appendInt32(old, 1);
    Raw::appendString(old, "capped");
    Raw::appendInt32(old, 1);
    Raw::appendInt32(old, 0); // partition
    Raw::appendInt64(old, 0); // fetch offset
    Raw::appendInt32(old, 1 << 20); // partition max bytes
    Raw::Reader in(Raw::roundTrip(socket, Raw::request(kFetch, 0, 8, old)));
    QCOMPARE(in.int32(), 8);
    QCOMPARE(in.arrayLength(), 1);
    in.string();
    QCOMPARE(in.arrayLength(), 1);
    QCOMPARE(in.int32(), 0); // partition
    QCOMPARE(in.int16(), qint16(0));
    QCOMPARE(in.int64(), qint64(10)); // high watermark
    const qsizetype bytes = in.bytes().size();
    QVERIFY2(bytes > 1000 && bytes <= 2500, qPrintable(QString::number(bytes)));
    QVERIFY(in.ok() && in.atEnd());
    QVERIFY2(broker.stop(), broker.errorText());
}

SAMSA_TEST_MAIN(TestBrokerFetchLimits, QCoreApplication)

#include "tst_broker_fetchlimits.moc"
