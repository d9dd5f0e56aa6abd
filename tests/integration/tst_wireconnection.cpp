// WireConnection and the DescribeLogDirs codec against hostile peers: a scripted broker on a thread
// of its own (the connection blocks) answers with lying frame sizes, someone else's correlation id,
// half a frame, or nothing at all; and answers whose counts and lengths lie are refused by the
// decoder. Each must end in a clear error within the deadline, never a hang or a huge allocation.

#include "kafka/wire/describelogdirs.h"
#include "kafka/wire/wirecodec.h"
#include "kafka/wire/wireconnection.h"
#include "testmain.h"

#include <QElapsedTimer>
#include <QTest>
#include <QtEndian>

#include <arpa/inet.h>
#include <atomic>
#include <functional>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace Samsa;

namespace {

// Accepts one connection, reads one request frame and writes what `reply` makes of its correlation
// id; then keeps the connection open until destroyed, or closes it when `closeAfter` is set.
class ScriptedBroker {
public:
    using Reply = std::function<QByteArray(qint32 correlationId)>;

    ScriptedBroker(Reply reply, bool closeAfter)
    {
        m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (::bind(m_listener, reinterpret_cast<sockaddr*>(&address), length) != 0 || ::listen(m_listener, 1) != 0
            || ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
            qFatal("cannot listen on loopback");
        }
        m_port = ntohs(address.sin_port);
        m_thread = std::thread([this, reply = std::move(reply), closeAfter] { serve(reply, closeAfter); });
    }

    ~ScriptedBroker()
    {
        m_stop = true;
        ::shutdown(m_listener, SHUT_RDWR);
        ::close(m_listener);
        if (m_client >= 0)
            ::shutdown(m_client, SHUT_RDWR);
        m_thread.join();
        if (m_client >= 0)
            ::close(m_client);
    }

    int port() const { return m_port; }

private:
    bool readFully(char* data, size_t size)
    {
        while (size > 0) {
            const ssize_t got = ::read(m_client, data, size);
            if (got <= 0)
                return false;
            data += got;
            size -= size_t(got);
        }
        return true;
    }

    void serve(const Reply& reply, bool closeAfter)
    {
        m_client = ::accept(m_listener, nullptr, nullptr);
        if (m_client < 0)
            return;
        char sizeBytes[4];
        if (!readFully(sizeBytes, 4))
            return;
        QByteArray request(qFromBigEndian<qint32>(sizeBytes), Qt::Uninitialized);
        if (!readFully(request.data(), size_t(request.size())))
            return;
        const QByteArray answer = reply(qFromBigEndian<qint32>(request.constData() + 4));
        if (::write(m_client, answer.constData(), size_t(answer.size())) != answer.size())
            return;
        if (closeAfter) {
            ::shutdown(m_client, SHUT_RDWR);
            return;
        }
        char ignored;
        while (!m_stop && ::read(m_client, &ignored, 1) > 0) { }
    }

    int m_listener = -1;
    std::atomic<int> m_client { -1 };
    int m_port = 0;
    std::atomic<bool> m_stop { false };
    std::thread m_thread;
};

QByteArray frame(qint32 correlationId, const QByteArray& body)
{
    WireWriter out;
    out.int32(qint32(body.size() + 4));
    out.int32(correlationId);
    return out.data() + body;
}

QByteArray logDirsBody(qint32 directories, qint16 code, const QString& topic, qint32 partitions)
{
    WireWriter out;
    out.int32(0); // throttle
    out.int32(directories);
    out.int16(code);
    out.string(QStringLiteral("/data"));
    out.int32(1);
    out.string(topic);
    out.int32(partitions);
    for (qint32 p = 0; p < std::min(partitions, 4); ++p) {
        out.int32(p);
        out.int64(1000 * (p + 1));
        out.int64(0);
        out.int8(0);
    }
    return out.data();
}

struct Outcome {
    std::optional<QByteArray> body;
    QString error;
    qint64 elapsedMs = 0;
};

Outcome callOnce(const ScriptedBroker& broker, int deadlineMs, const CancelCheck& isCancelled = {})
{
    WireConnection connection(WireSecurity {}, QStringLiteral("test"));
    Outcome outcome;
    QElapsedTimer timer;
    timer.start();
    const QDeadlineTimer deadline(deadlineMs);
    if (connection.open(QStringLiteral("127.0.0.1"), broker.port(), deadline, isCancelled, &outcome.error)) {
        outcome.body = connection.call(DescribeLogDirs::ApiKey, DescribeLogDirs::Version,
            DescribeLogDirs::encodeRequestAll(), deadline, isCancelled, &outcome.error);
    }
    outcome.elapsedMs = timer.elapsed();
    return outcome;
}

} // namespace

class TestWireConnection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsAWellFormedAnswer()
    {
        ScriptedBroker broker([](qint32 id) { return frame(id, logDirsBody(1, 0, QStringLiteral("orders"), 2)); }, false);
        const Outcome outcome = callOnce(broker, 5000);
        QVERIFY2(outcome.body, qPrintable(outcome.error));
        LogDirsAnswer answer;
        QString error;
        QVERIFY2(DescribeLogDirs::decodeResponse(*outcome.body, &answer, &error), qPrintable(error));
        QCOMPARE(answer.partitions.size(), 2);
        QCOMPARE(answer.partitions[1].topic, QStringLiteral("orders"));
        QCOMPARE(answer.partitions[1].partition, 1);
        QCOMPARE(answer.partitions[1].bytes, 2000);
    }

    void refusesBrokenFrames_data()
    {
        QTest::addColumn<QByteArray>("tag");
        QTest::addColumn<QString>("expected");
        QTest::addRow("frame of 2 GiB") << QByteArray("huge") << QStringLiteral("sent a frame of 2147483647 bytes");
        QTest::addRow("negative frame") << QByteArray("negative") << QStringLiteral("sent a frame of -5 bytes");
        QTest::addRow("someone else's answer") << QByteArray("correlation") << QStringLiteral("answered another request");
        QTest::addRow("half a frame, then closed") << QByteArray("half") << QStringLiteral("Reading the answer failed");
    }

    void refusesBrokenFrames()
    {
        QFETCH(QByteArray, tag);
        QFETCH(QString, expected);
        const bool close = tag == "half";
        ScriptedBroker broker(
            [tag](qint32 id) -> QByteArray {
                WireWriter out;
                if (tag == "huge") {
                    out.int32(0x7fffffff);
                    return out.data() + QByteArray(64, 'x');
                }
                if (tag == "negative") {
                    out.int32(-5);
                    return out.data();
                }
                if (tag == "correlation")
                    return frame(id + 1, logDirsBody(0, 0, QString(), 0));
                return frame(id, logDirsBody(1, 0, QStringLiteral("t"), 4)).left(20);
            },
            close);
        const Outcome outcome = callOnce(broker, 5000);
        QVERIFY(!outcome.body);
        QVERIFY2(outcome.error.contains(expected), qPrintable(outcome.error));
        QVERIFY2(outcome.elapsedMs < 4000, "a broken frame is found at once, not at the deadline");
    }

    // A peer that accepts and never answers, or trickles an announced frame, is given up at the
    // deadline; a cancel is seen within a step.
    void silentPeerEndsAtTheDeadline()
    {
        ScriptedBroker broker([](qint32) { return QByteArray::fromHex("000000ff0000"); }, false);
        const Outcome outcome = callOnce(broker, 600);
        QVERIFY(!outcome.body);
        QVERIFY2(outcome.error.contains(QStringLiteral("timed out")), qPrintable(outcome.error));
        QVERIFY(outcome.elapsedMs >= 550 && outcome.elapsedMs < 3000);
    }

    void cancelStopsTheWait()
    {
        ScriptedBroker broker([](qint32) { return QByteArray(); }, false);
        QElapsedTimer sinceStart;
        sinceStart.start();
        const Outcome outcome = callOnce(broker, 60000, [&] { return sinceStart.elapsed() > 300; });
        QVERIFY(!outcome.body);
        QCOMPARE(outcome.error, QStringLiteral("cancelled"));
        QVERIFY(outcome.elapsedMs < 3000);
    }

    void decoderRefusesLies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::addRow("a billion directories") << logDirsBody(1'000'000'000, 0, QStringLiteral("t"), 1)
                                               << QStringLiteral("claims 1000000000 entries");
        QTest::addRow("a billion partitions") << logDirsBody(1, 0, QStringLiteral("t"), 1'000'000'000)
                                              << QStringLiteral("claims 1000000000 entries");
        QTest::addRow("negative count") << logDirsBody(-7, 0, QStringLiteral("t"), 1) << QStringLiteral("the count -7");
        QByteArray badString = logDirsBody(1, 0, QStringLiteral("t"), 1);
        badString[10] = char(0xff); // the directory name's length becomes negative
        QTest::addRow("negative string length") << badString << QStringLiteral("a string has the length");
        QByteArray longName = logDirsBody(1, 0, QStringLiteral("topic-name"), 1);
        longName[22] = char(200); // the topic name claims 200 bytes
        QTest::addRow("string past the end") << longName << QStringLiteral("ends early");
        QTest::addRow("bytes after the end") << logDirsBody(1, 0, QStringLiteral("t"), 1) + "zz"
                                             << QStringLiteral("left over");
    }

    void decoderRefusesLies()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        LogDirsAnswer answer;
        QString error;
        QVERIFY(!DescribeLogDirs::decodeResponse(body, &answer, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    // A directory with an error is named; its partitions are not taken as sizes. Invalid UTF-8 in a
    // topic name is kept as replacement characters, not a failure.
    void directoryErrorsAndOddNames()
    {
        LogDirsAnswer answer;
        QString error;
        QVERIFY(DescribeLogDirs::decodeResponse(logDirsBody(1, 56, QStringLiteral("t"), 1), &answer, &error));
        QCOMPARE(answer.partitions.size(), 0);
        QCOMPARE(answer.directoryErrors.size(), 1);
        QVERIFY2(answer.directoryErrors[0].contains(QStringLiteral("KAFKA_STORAGE_ERROR")), qPrintable(answer.directoryErrors[0]));

        QByteArray odd = logDirsBody(1, 0, QStringLiteral("ab"), 1);
        const qsizetype name = odd.indexOf("ab");
        odd[name] = char(0xc3); // a lead byte without its continuation
        answer = {};
        QVERIFY2(DescribeLogDirs::decodeResponse(odd, &answer, &error), qPrintable(error));
        QCOMPARE(answer.partitions.size(), 1);
        QVERIFY(answer.partitions[0].topic.contains(QChar::ReplacementCharacter));
    }

    void securityItCannotSpeakIsNamed()
    {
        const WireSecurity scram = WireSecurity::fromProperties({ { QStringLiteral("security.protocol"), QStringLiteral("sasl_ssl") },
            { QStringLiteral("sasl.mechanisms"), QStringLiteral("SCRAM-SHA-512") } });
        QVERIFY(scram.tls && scram.sasl);
        QVERIFY2(scram.unsupportedReason().contains(QStringLiteral("SCRAM-SHA-512")), qPrintable(scram.unsupportedReason()));
        const WireSecurity plain = WireSecurity::fromProperties({ { QStringLiteral("security.protocol"), QStringLiteral("SASL_PLAINTEXT") },
            { QStringLiteral("sasl.mechanisms"), QStringLiteral("PLAIN") } });
        QVERIFY(plain.unsupportedReason().isEmpty());
        QVERIFY(!WireSecurity::fromProperties({ { QStringLiteral("security.protocol"), QStringLiteral("carrier-pigeon") } })
                     .unsupportedReason()
                     .isEmpty());
    }
};

SAMSA_TEST_MAIN(TestWireConnection, QCoreApplication)
#include "tst_wireconnection.moc"
