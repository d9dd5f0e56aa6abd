// Connection handling of samsa-broker with hand-built frames: bad frames close only their own
// connection, kafka-python's pipelined probe, an unsupported ApiVersions version, 200 clients at
// once, and a client that never reads not stalling the others.

#include "brokerprocess.h"
#include "rawkafka.h"
#include "rdkafkaclient.h"
#include "testmain.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QTcpSocket>

#include <memory>
#include <vector>

using namespace Samsa::Test;

class TestBrokerConnections : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void badFrameClosesOnlyItsConnection_data();
    void badFrameClosesOnlyItsConnection();
    void answersThePipelinedProbe();
    void answersAnUnsupportedApiVersionsVersion();
    void unsupportedVersionOfAnotherApi();
    void servesTwoHundredConnections();
    void slowReaderDoesNotStallOthers();
    void lengthPrefixAloneAllocatesLittle();
    void largeFrameArrivesInPieces();

private:
    std::unique_ptr<QTcpSocket> connectToBroker();
    void verifyServes(QTcpSocket& socket, qint32 correlationId);

    BrokerProcess m_broker;
};

void TestBrokerConnections::initTestCase()
{
    QVERIFY2(m_broker.start(), m_broker.errorText());
}

void TestBrokerConnections::cleanupTestCase()
{
    QVERIFY2(m_broker.stop(), m_broker.errorText());
}

std::unique_ptr<QTcpSocket> TestBrokerConnections::connectToBroker()
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(QHostAddress::LocalHost, m_broker.port());
    return socket->waitForConnected(5000) ? std::move(socket) : nullptr;
}

// An ApiVersions v0 round trip: the connection is alive and the broker answers.
void TestBrokerConnections::verifyServes(QTcpSocket& socket, qint32 correlationId)
{
    socket.write(Raw::apiVersionsV0(correlationId));
    const QByteArray response = Raw::readResponse(socket);
    QVERIFY2(!response.isEmpty(), "no ApiVersions response");
    QCOMPARE(Raw::int32At(response, 0), correlationId);
    QCOMPARE(Raw::int16At(response, 4), qint16(0));
    QVERIFY(Raw::int32At(response, 6) > 0);
}

void TestBrokerConnections::badFrameClosesOnlyItsConnection_data()
{
    QTest::addColumn<QByteArray>("frame");
    QByteArray negative;
    Raw::appendInt32(negative, -5);
    negative += "garbage";
    QTest::addRow("negative size") << negative;
    QByteArray oversized;
    Raw::appendInt32(oversized, 200 * 1024 * 1024); // above socket.request.max.bytes (100 MiB)
    oversized += QByteArray(64, 'x');
    QTest::addRow("oversized") << oversized;
    QByteArray truncatedHeader;
    Raw::appendInt32(truncatedHeader, 3);
    truncatedHeader += QByteArray("\x00\x12\x00", 3);
    QTest::addRow("header shorter than its fixed fields") << truncatedHeader;
    QByteArray badClientId;
    Raw::appendInt32(badClientId, 10);
    Raw::appendInt16(badClientId, 18);
    Raw::appendInt16(badClientId, 0);
    Raw::appendInt32(badClientId, 7);
    Raw::appendInt16(badClientId, 500); // client id longer than the frame
    QTest::addRow("client id beyond the frame") << badClientId;
}

void TestBrokerConnections::badFrameClosesOnlyItsConnection()
{
    QFETCH(QByteArray, frame);
    auto good = connectToBroker();
    auto bad = connectToBroker();
    QVERIFY(good && bad);
    verifyServes(*good, 1);

    bad->write(frame);
    bad->flush();
    QVERIFY2(Raw::waitForClose(*bad), "the broker kept a connection open after a bad frame");

    verifyServes(*good, 2);
    auto fresh = connectToBroker();
    QVERIFY(fresh);
    verifyServes(*fresh, 3);
    QVERIFY2(m_broker.isRunning(), m_broker.errorText());
}

void TestBrokerConnections::answersThePipelinedProbe()
{
    // kafka-python 2.0.2 writes ApiVersions v0 and Metadata v0 back to back and wants both
    // answers, in order, within 2 s.
    auto socket = connectToBroker();
    QVERIFY(socket);
    socket->write(Raw::apiVersionsV0(41) + Raw::metadataV0(42));
    const QByteArray versions = Raw::readResponse(*socket, 2000);
    const QByteArray metadata = Raw::readResponse(*socket, 2000);
    QCOMPARE(Raw::int32At(versions, 0), 41);
    QCOMPARE(Raw::int16At(versions, 4), qint16(0));
    QCOMPARE(Raw::int32At(metadata, 0), 42);
    QCOMPARE(Raw::int32At(metadata, 4), 1); // one broker
}

void TestBrokerConnections::answersAnUnsupportedApiVersionsVersion()
{
    auto socket = connectToBroker();
    QVERIFY(socket);
    socket->write(Raw::request(18, 99, 7));
    const QByteArray response = Raw::readResponse(*socket);
    QVERIFY2(!response.isEmpty(), "no answer to ApiVersions v99");
    // Answered as v0: correlation id, UNSUPPORTED_VERSION, then our ranges including ApiVersions.
    QCOMPARE(Raw::int32At(response, 0), 7);
    QCOMPARE(Raw::int16At(response, 4), qint16(35));
    const qint32 count = Raw::int32At(response, 6);
    QVERIFY(count >= 1);
    bool hasApiVersions = false;
    for (qint32 i = 0; i < count; ++i) {
        const qsizetype at = 10 + i * 6;
        if (Raw::int16At(response, at) == 18) {
            hasApiVersions = true;
            QCOMPARE(Raw::int16At(response, at + 2), qint16(0));
            QVERIFY(Raw::int16At(response, at + 4) >= 3);
        }
    }
    QVERIFY(hasApiVersions);
    verifyServes(*socket, 8);
}

void TestBrokerConnections::unsupportedVersionOfAnotherApi()
{
    // Metadata v999 must be answered (UNSUPPORTED_VERSION) or the connection closed, never left hanging.
    auto socket = connectToBroker();
    QVERIFY(socket);
    QByteArray body;
    Raw::appendInt32(body, 0);
    socket->write(Raw::request(3, 999, 9, body));
    const QByteArray response = Raw::readResponse(*socket, 5000);
    if (response.isEmpty())
        QVERIFY2(Raw::waitForClose(*socket, 1000), "no answer and no close for Metadata v999");
    else
        QCOMPARE(Raw::int32At(response, 0), 9);
    auto fresh = connectToBroker();
    QVERIFY(fresh);
    verifyServes(*fresh, 10);
}

void TestBrokerConnections::servesTwoHundredConnections()
{
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < 200; ++i) {
        sockets.push_back(connectToBroker());
        QVERIFY2(sockets.back(), qPrintable(QStringLiteral("connection %1 failed").arg(i)));
    }
    for (int i = 0; i < 200; ++i)
        sockets[size_t(i)]->write(Raw::apiVersionsV0(1000 + i));
    for (int i = 0; i < 200; ++i) {
        const QByteArray response = Raw::readResponse(*sockets[size_t(i)]);
        QVERIFY2(Raw::int32At(response, 0) == 1000 + i, qPrintable(QStringLiteral("connection %1 got no answer").arg(i)));
    }
}

void TestBrokerConnections::slowReaderDoesNotStallOthers()
{
    auto slow = connectToBroker();
    QVERIFY(slow);
    // Far more response bytes than the socket buffers hold, and this client never reads them.
    QByteArray flood;
    for (int i = 0; i < 50000; ++i)
        flood += Raw::apiVersionsV0(i);
    slow->write(flood);
    slow->waitForBytesWritten(2000);

    auto other = connectToBroker();
    QVERIFY(other);
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 20; ++i)
        verifyServes(*other, 50000 + i);
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QStringLiteral("20 round trips took %1 ms").arg(timer.elapsed())));
    QVERIFY2(m_broker.isRunning(), m_broker.errorText());
}

namespace {

// The broker's resident memory in KiB, from /proc; -1 when unreadable.
qint64 residentKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

void TestBrokerConnections::lengthPrefixAloneAllocatesLittle()
{
    // Clients that announce frames just under socket.request.max.bytes (100 MiB) and send nothing
    // more must not make the broker allocate the announced size.
    const qint64 before = residentKiB(m_broker.pid());
    QVERIFY(before > 0);
    constexpr int Connections = 4;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < Connections; ++i) {
        sockets.push_back(connectToBroker());
        QVERIFY(sockets.back());
        // A real request first, then the prefix: its answer shows the prefix has reached the broker.
        QByteArray prefix;
        Raw::appendInt32(prefix, 100 * 1024 * 1024 - 16);
        sockets.back()->write(Raw::apiVersionsV0(300 + i) + prefix + QByteArray(100, 'x'));
        QCOMPARE(Raw::int32At(Raw::readResponse(*sockets.back()), 0), 300 + i);
    }
    // Watch for a while: a buffer sized to the announcement would show within milliseconds.
    QDeadlineTimer watch(1000);
    qint64 peak = before;
    while (!watch.hasExpired()) {
        peak = qMax(peak, residentKiB(m_broker.pid()));
        // Four announced frames would be 400 MiB; the margin absorbs the broker's other activity.
        QVERIFY2(peak - before < 160 * 1024,
            qPrintable(QStringLiteral("resident memory grew from %1 to %2 KiB").arg(before).arg(peak)));
        QTest::qWait(20); // pacing the samples, not synchronisation
    }
    auto fresh = connectToBroker();
    QVERIFY(fresh);
    verifyServes(*fresh, 400);
}

void TestBrokerConnections::largeFrameArrivesInPieces()
{
    // A produce request of about 900 KB: the input buffer grows step by step as it arrives.
    RdKafkaProducer producer(m_broker.bootstrapServers(), { { "linger.ms", "0" } });
    QVERIFY2(producer.isValid(), qPrintable(producer.error()));
    QByteArray value(900 * 1000, Qt::Uninitialized);
    for (qsizetype i = 0; i < value.size(); ++i)
        value[i] = char('a' + (i * 7919) % 26);
    QVERIFY(producer.produce("large-frame", 0, "k", value));
    QVERIFY2(producer.flush(15000) && producer.deliveryErrors().isEmpty(), qPrintable(producer.deliveryErrors()));
    RdKafkaReader reader(m_broker.bootstrapServers(), { { "fetch.message.max.bytes", "2000000" } });
    QList<KafkaMessage> messages;
    QVERIFY2(
        reader.readToEnd("large-frame", 0, RD_KAFKA_OFFSET_BEGINNING, &messages, 15000), qPrintable(reader.error()));
    QCOMPARE(messages.size(), 1);
    QVERIFY(messages.first().value == value);
}

SAMSA_TEST_MAIN(TestBrokerConnections, QCoreApplication)
#include "tst_broker_connections.moc"
