// __consumer_offsets under a commit storm: one million commits over 100 keys (one group, 100
// partitions, 10,000 OffsetCommit requests) written through 1 MiB segments. The cleaner keeps the
// partition's size bounded by its live keys while the storm goes on, and after a restart every
// partition's committed offset is its last one.

#include "brokerprocess.h"
#include "rawkafka.h"
#include "rdkafkaadmin.h"
#include "testmain.h"

#include <QDirIterator>
#include <QtTest>

using namespace Samsa::Test;
using namespace Samsa::Test::Raw;

namespace {

constexpr int Partitions = 100;
constexpr int Rounds = 10000;
constexpr int InFlight = 64;
constexpr qint64 SegmentBytes = 1024 * 1024;
const QByteArray Group("storm-group");
const QByteArray Topic("storm");

qint64 offsetOf(int round, int partition)
{
    return qint64(round) * 1000 + partition;
}

// OffsetCommit v2 of every partition, as a group-less ("simple") consumer commits.
QByteArray commitRequest(qint32 correlationId, int round)
{
    QByteArray body;
    appendString(body, Group);
    appendInt32(body, -1); // generation
    appendString(body, "");
    appendInt64(body, -1); // retention: the broker's
    appendInt32(body, 1);
    appendString(body, Topic);
    appendInt32(body, Partitions);
    for (int p = 0; p < Partitions; ++p) {
        appendInt32(body, p);
        appendInt64(body, offsetOf(round, p));
        appendString(body, "");
    }
    return request(8, 2, correlationId, body);
}

// The error codes of an OffsetCommit v2 response; empty when it does not parse.
QList<qint16> commitErrors(const QByteArray& response)
{
    QList<qint16> errors;
    qsizetype at = 4; // correlation id
    if (int32At(response, at) != 1)
        return {};
    at += 4;
    at += 2 + int16At(response, at); // topic name
    const qint32 count = int32At(response, at);
    at += 4;
    for (qint32 i = 0; i < count && at + 6 <= response.size(); ++i, at += 6)
        errors.append(int16At(response, at + 4));
    return errors.size() == Partitions ? errors : QList<qint16> {};
}

// Committed offsets by partition through OffsetFetch v1.
QMap<int, qint64> fetchCommitted(QTcpSocket& socket)
{
    QByteArray body;
    appendString(body, Group);
    appendInt32(body, 1);
    appendString(body, Topic);
    appendInt32(body, Partitions);
    for (int p = 0; p < Partitions; ++p)
        appendInt32(body, p);
    socket.write(request(9, 1, 7, body));
    const QByteArray response = readResponse(socket, 15000);
    QMap<int, qint64> offsets;
    qsizetype at = 4;
    if (int32At(response, at) != 1)
        return offsets;
    at += 4;
    at += 2 + int16At(response, at);
    const qint32 count = int32At(response, at);
    at += 4;
    for (qint32 i = 0; i < count && at + 14 <= response.size(); ++i) {
        const qint32 partition = int32At(response, at);
        const qint64 offset = int64At(response, at + 4);
        const qint16 metadataLength = int16At(response, at + 12);
        at += 14 + qMax<qint16>(0, metadataLength);
        const qint16 error = int16At(response, at);
        at += 2;
        if (error == 0)
            offsets.insert(partition, offset);
    }
    return offsets;
}

qint64 offsetsTopicBytes(const QString& dataDir)
{
    qint64 total = 0;
    QDirIterator files(dataDir + QStringLiteral("/__consumer_offsets-0"), { QStringLiteral("*.log") }, QDir::Files);
    while (files.hasNext())
        total += QFileInfo(files.next()).size();
    return total;
}

bool connectTo(QTcpSocket& socket, const QString& bootstrap)
{
    const qsizetype colon = bootstrap.lastIndexOf(QLatin1Char(':'));
    socket.connectToHost(bootstrap.left(colon), quint16(bootstrap.mid(colon + 1).toUInt()));
    return socket.waitForConnected(5000);
}

} // namespace

class TestBrokerOffsetsStorm : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void millionCommitsStayBounded()
    {
        BrokerProcess broker;
        broker.setExtraArguments({ QStringLiteral("--set"), QStringLiteral("offsets.topic.num.partitions=1"),
            QStringLiteral("--set"), QStringLiteral("offsets.topic.segment.bytes=%1").arg(SegmentBytes),
            QStringLiteral("--set"), QStringLiteral("log.cleaner.backoff.ms=100") });
        QVERIFY2(broker.start(), qPrintable(broker.error()));
        {
            RdKafkaAdmin admin(broker.bootstrapServers());
            const AdminResult created = admin.createTopic({ Topic, Partitions, {} });
            QVERIFY2(created.ok(), created.text().constData());
        }

        QTcpSocket socket;
        QVERIFY(connectTo(socket, broker.bootstrapServers()));
        qint64 largest = 0;
        int sent = 0;
        int answered = 0;
        while (answered < Rounds) {
            while (sent < Rounds && sent - answered < InFlight) {
                socket.write(commitRequest(sent, sent + 1));
                ++sent;
            }
            socket.waitForBytesWritten(0);
            const QByteArray response = readResponse(socket, 15000);
            QVERIFY2(!response.isEmpty(), qPrintable(QStringLiteral("no answer to commit %1").arg(answered)));
            const QList<qint16> errors = commitErrors(response);
            QCOMPARE(errors, QList<qint16>(Partitions, 0));
            ++answered;
            if (answered % 500 == 0)
                largest = qMax(largest, offsetsTopicBytes(broker.dataDir()));
        }
        // About 60 MB went through the partition. While it did, the cleaner kept it to a few
        // segments, and once it has caught up only the active segment and the live keys remain.
        qInfo("largest __consumer_offsets-0 during the storm: %lld bytes", largest);
        QVERIFY2(largest <= 20 * SegmentBytes, qPrintable(QStringLiteral("grew to %1 bytes").arg(largest)));
        QTRY_VERIFY_WITH_TIMEOUT(offsetsTopicBytes(broker.dataDir()) <= 2 * SegmentBytes, 30000);

        socket.disconnectFromHost();
        QVERIFY2(broker.restart(), qPrintable(broker.error()));
        QTcpSocket again;
        QVERIFY(connectTo(again, broker.bootstrapServers()));
        const QMap<int, qint64> committed = fetchCommitted(again);
        QCOMPARE(committed.size(), Partitions);
        for (int p = 0; p < Partitions; ++p)
            QCOMPARE(committed.value(p), offsetOf(Rounds, p));
    }
};

SAMSA_TEST_MAIN(TestBrokerOffsetsStorm, QCoreApplication)
#include "tst_broker_offsetsstorm.moc"
