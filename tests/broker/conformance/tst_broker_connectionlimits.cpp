// Resource limits of samsa-broker's connections, each against a broker process started with the
// setting under test: connections.max.idle.ms, max.connections, sasl.server.max.receive.size,
// connection.failed.authentication.delay.ms, the memory of clients that announce huge frames, and
// accept() backing off (not spinning) when the broker runs out of file descriptors; and error
// messages that reach clients without the server's file paths.

#include "brokerprocess.h"
#include "rawkafka.h"
#include "rdkafkaadmin.h"
#include "rdkafkaclient.h"
#include "testmain.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QTcpSocket>

#include <sys/resource.h>
#include <unistd.h>

#include <memory>
#include <vector>

using namespace Samsa::Test;

namespace {

constexpr qint16 kMetadata = 3;
constexpr qint16 kFetch = 1;
constexpr qint16 kSaslHandshake = 17;
constexpr qint16 kSaslAuthenticate = 36;
constexpr qint16 kSaslAuthenticationFailed = 58;

QStringList setting(const QString& keyValue)
{
    return { QStringLiteral("--set"), keyValue };
}

const QStringList kSaslArguments = setting(QStringLiteral("sasl.enabled.mechanisms=PLAIN"))
    + setting(QStringLiteral("sasl.plain.users=alice:alice-secret"));

std::unique_ptr<QTcpSocket> connectTo(const BrokerProcess& broker)
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(QHostAddress::LocalHost, broker.port());
    return socket->waitForConnected(5000) ? std::move(socket) : nullptr;
}

// True when an ApiVersions v0 request on this connection is answered.
bool serves(QTcpSocket& socket, qint32 correlationId, int timeoutMs = 5000)
{
    return Raw::int32At(Raw::roundTrip(socket, Raw::apiVersionsV0(correlationId), timeoutMs), 0) == correlationId;
}

// A new connection that the broker serves, trying again until the deadline (the broker notices
// closed clients asynchronously); nullptr when none was served in time.
std::unique_ptr<QTcpSocket> servedConnection(const BrokerProcess& broker, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    do {
        auto socket = connectTo(broker);
        if (socket && serves(*socket, 77, 500))
            return socket;
    } while (!deadline.hasExpired());
    return nullptr;
}

QByteArray plainToken(const QByteArray& user, const QByteArray& password)
{
    return QByteArray(1, '\0') + user + QByteArray(1, '\0') + password;
}

bool handshakePlain(QTcpSocket& socket, qint16 version)
{
    QByteArray body;
    Raw::appendString(body, "PLAIN");
    const QByteArray answer = Raw::roundTrip(socket, Raw::request(kSaslHandshake, version, 7, body));
    return Raw::int32At(answer, 0) == 7 && Raw::int16At(answer, 4) == 0;
}

QByteArray saslAuthenticateV1(const QByteArray& token)
{
    QByteArray body;
    Raw::appendInt32(body, qint32(token.size()));
    body += token;
    return Raw::request(kSaslAuthenticate, 1, 8, body);
}

// Metadata v0 naming one topic: auto-creates it.
QByteArray metadataFor(const QByteArray& topic, qint32 correlationId)
{
    QByteArray body;
    Raw::appendInt32(body, 1);
    Raw::appendString(body, topic);
    return Raw::request(kMetadata, 0, correlationId, body);
}

// Fetch v4 of partition 0 from offset 0, waiting up to maxWaitMs for one byte.
QByteArray longPollFetch(const QByteArray& topic, qint32 maxWaitMs, qint32 correlationId)
{
    QByteArray body;
    Raw::appendInt32(body, -1); // replica id
    Raw::appendInt32(body, maxWaitMs);
    Raw::appendInt32(body, 1); // min bytes
    Raw::appendInt32(body, 1024 * 1024);
    Raw::appendInt8(body, 0); // isolation level
    Raw::appendInt32(body, 1);
    Raw::appendString(body, topic);
    Raw::appendInt32(body, 1);
    Raw::appendInt32(body, 0); // partition
    Raw::appendInt64(body, 0); // fetch offset
    Raw::appendInt32(body, 1024 * 1024);
    return Raw::request(kFetch, 4, correlationId, body);
}

QList<QByteArray> procFields(qint64 pid, const char* file)
{
    QFile status(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(file)));
    if (!status.open(QIODevice::ReadOnly))
        return {};
    return status.readAll().split('\n');
}

// The broker's resident memory in KiB; -1 when unreadable.
qint64 residentKiB(qint64 pid)
{
    for (const QByteArray& line : procFields(pid, "status")) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// User plus system CPU time of the whole process, in clock ticks; -1 when unreadable.
qint64 cpuTicks(qint64 pid)
{
    const QByteArray stat = procFields(pid, "stat").value(0);
    // Fields after the command name (which may hold spaces) start behind its closing parenthesis.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    return fields[11].toLongLong() + fields[12].toLongLong(); // utime and stime: fields 14 and 15
}

qsizetype openDescriptors(qint64 pid)
{
    return QDir(QStringLiteral("/proc/%1/fd").arg(pid)).entryList(QDir::NoDotAndDotDot | QDir::System).size();
}

} // namespace

class TestBrokerConnectionLimits : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void idleConnectionIsClosed();
    void busyConnectionIsNotIdle();
    void maxConnectionsClosesTheNewest();
    void largeFrameBeforeSaslLoginCloses();
    void failedLoginIsAnsweredAfterTheDelay();
    void failedRawTokenLoginClosesAfterTheDelay();
    void announcedFramesCostNoMemory();
    void acceptBacksOffWithoutDescriptors();
    void errorMessagesCarryNoServerPaths();
};

void TestBrokerConnectionLimits::idleConnectionIsClosed()
{
    BrokerProcess broker;
    broker.setExtraArguments(setting(QStringLiteral("connections.max.idle.ms=300")));
    QVERIFY2(broker.start(), broker.errorText());
    auto socket = connectTo(broker);
    QVERIFY(socket);
    QVERIFY(serves(*socket, 1));
    QElapsedTimer sinceAnswer;
    sinceAnswer.start();
    QVERIFY2(Raw::waitForClose(*socket, 5000), "an idle connection stayed open");
    // The broker counts from its answer, which left before we read it.
    QVERIFY2(sinceAnswer.elapsed() >= 200, qPrintable(QStringLiteral("closed after %1 ms").arg(sinceAnswer.elapsed())));
    QVERIFY2(servedConnection(broker, 5000), "no new connection served after the idle close");
}

void TestBrokerConnectionLimits::busyConnectionIsNotIdle()
{
    BrokerProcess broker;
    broker.setExtraArguments(setting(QStringLiteral("connections.max.idle.ms=600")));
    QVERIFY2(broker.start(), broker.errorText());
    auto socket = connectTo(broker);
    QVERIFY(socket);
    QCOMPARE(Raw::int32At(Raw::roundTrip(*socket, metadataFor("idle-poll", 2)), 0), 2);

    // Requests every 150 ms for longer than the limit: each one is activity.
    QElapsedTimer active;
    active.start();
    for (qint32 id = 10; active.elapsed() < 1200; ++id) {
        QVERIFY2(
            serves(*socket, id), qPrintable(QStringLiteral("closed after %1 ms of activity").arg(active.elapsed())));
        QTest::qWait(150); // pacing the requests, not synchronisation
    }

    // A long-polling Fetch parked for longer than the limit is a request in progress, not idleness.
    QElapsedTimer parked;
    parked.start();
    const QByteArray answer = Raw::roundTrip(*socket, longPollFetch("idle-poll", 1500, 3), 10000);
    QCOMPARE(Raw::int32At(answer, 0), 3);
    QVERIFY2(parked.elapsed() >= 1000,
        qPrintable(QStringLiteral("the fetch was answered after %1 ms, not parked").arg(parked.elapsed())));
    QVERIFY(Raw::waitForClose(*socket, 5000));
}

void TestBrokerConnectionLimits::maxConnectionsClosesTheNewest()
{
    BrokerProcess broker;
    broker.setExtraArguments(setting(QStringLiteral("max.connections=3")));
    QVERIFY2(broker.start(), broker.errorText());
    std::vector<std::unique_ptr<QTcpSocket>> served;
    for (int i = 0; i < 3; ++i) {
        served.push_back(connectTo(broker));
        QVERIFY(served.back());
        QVERIFY(serves(*served.back(), 100 + i));
    }
    for (int i = 0; i < 2; ++i) {
        auto beyond = connectTo(broker);
        QVERIFY(beyond); // the kernel completes the handshake; the broker closes it at accept
        beyond->write(Raw::apiVersionsV0(200 + i));
        QVERIFY2(Raw::readResponse(*beyond, 5000).isEmpty(), "a connection beyond max.connections was served");
        QVERIFY(Raw::waitForClose(*beyond, 5000));
    }
    QCOMPARE(broker.standardError().count("max.connections (3) reached"), 1);
    for (const auto& socket : served)
        QVERIFY(serves(*socket, 300));

    served.front()->disconnectFromHost();
    served.erase(served.begin());
    QVERIFY2(servedConnection(broker, 5000), "no connection served after one of three closed");
}

void TestBrokerConnectionLimits::largeFrameBeforeSaslLoginCloses()
{
    BrokerProcess broker;
    broker.setExtraArguments(kSaslArguments);
    QVERIFY2(broker.start(), broker.errorText());

    // A frame announcing more than sasl.server.max.receive.size (512 KiB) before authentication is
    // refused on its size prefix, without waiting for (and buffering) its bytes.
    auto socket = connectTo(broker);
    QVERIFY(socket);
    QByteArray prefix;
    Raw::appendInt32(prefix, 512 * 1024 + 1);
    socket->write(prefix + QByteArray(100, 'x'));
    QVERIFY2(Raw::waitForClose(*socket, 5000), "an unauthenticated 512 KiB frame was waited for");

    // Just within the limit, the frame is read.
    auto within = connectTo(broker);
    QVERIFY(within);
    QByteArray almost;
    Raw::appendInt32(almost, 512 * 1024);
    within->write(almost + QByteArray(100, 'x'));
    QVERIFY(!Raw::waitForClose(*within, 300));

    // After a login the limit is socket.request.max.bytes: a 700 KB produce request goes through.
    RdKafkaProducer producer(broker.bootstrapServers(),
        { { "security.protocol", "SASL_PLAINTEXT" }, { "sasl.mechanisms", "PLAIN" }, { "sasl.username", "alice" },
            { "sasl.password", "alice-secret" }, { "linger.ms", "0" } });
    QVERIFY2(producer.isValid(), qPrintable(producer.error()));
    QVERIFY(producer.produce("sasl-large", 0, "k", QByteArray(700 * 1000, 'v')));
    QVERIFY2(producer.flush(15000) && producer.deliveryErrors().isEmpty(), qPrintable(producer.deliveryErrors()));
}

void TestBrokerConnectionLimits::failedLoginIsAnsweredAfterTheDelay()
{
    BrokerProcess broker;
    // One network thread: the delay must not hold it, or the other connection below would wait too.
    broker.setExtraArguments(kSaslArguments + setting(QStringLiteral("connection.failed.authentication.delay.ms=600"))
        + setting(QStringLiteral("num.network.threads=1")));
    QVERIFY2(broker.start(), broker.errorText());
    auto guesser = connectTo(broker);
    auto other = connectTo(broker);
    QVERIFY(guesser && other);
    QVERIFY(handshakePlain(*guesser, 1));

    QElapsedTimer elapsed;
    elapsed.start();
    guesser->write(saslAuthenticateV1(plainToken("alice", "guess")));
    guesser->waitForBytesWritten(1000);
    // Served while the failed login waits: the wait is a timer, not a blocked thread.
    QVERIFY(serves(*other, 5));
    QVERIFY2(guesser->bytesAvailable() == 0 || elapsed.elapsed() >= 600, "the failed login was answered early");
    const QByteArray answer = Raw::readResponse(*guesser, 5000);
    const qint64 answeredAfter = elapsed.elapsed();
    QCOMPARE(Raw::int32At(answer, 0), 8);
    QCOMPARE(Raw::int16At(answer, 4), kSaslAuthenticationFailed);
    QVERIFY2(answeredAfter >= 600, qPrintable(QStringLiteral("answered after %1 ms").arg(answeredAfter)));
    QVERIFY(Raw::waitForClose(*guesser, 5000));

    // The right password is not delayed by the failures of others.
    auto user = connectTo(broker);
    QVERIFY(user);
    QVERIFY(handshakePlain(*user, 1));
    const QByteArray accepted = Raw::roundTrip(*user, saslAuthenticateV1(plainToken("alice", "alice-secret")));
    QCOMPARE(Raw::int16At(accepted, 4), qint16(0));
}

void TestBrokerConnectionLimits::failedRawTokenLoginClosesAfterTheDelay()
{
    BrokerProcess broker;
    broker.setExtraArguments(kSaslArguments + setting(QStringLiteral("connection.failed.authentication.delay.ms=600")));
    QVERIFY2(broker.start(), broker.errorText());
    auto socket = connectTo(broker);
    QVERIFY(socket);
    QVERIFY(handshakePlain(*socket, 0)); // v0: the token follows as a bare frame, failure is a close
    const QByteArray token = plainToken("alice", "guess");
    QByteArray frame;
    Raw::appendInt32(frame, qint32(token.size()));
    QElapsedTimer elapsed;
    elapsed.start();
    socket->write(frame + token);
    QVERIFY(Raw::waitForClose(*socket, 5000));
    QVERIFY2(elapsed.elapsed() >= 600, qPrintable(QStringLiteral("closed after %1 ms").arg(elapsed.elapsed())));
}

void TestBrokerConnectionLimits::announcedFramesCostNoMemory()
{
    BrokerProcess broker;
    QVERIFY2(broker.start(), broker.errorText());
    // Warm up what any connection costs once (threads' arenas, the first allocations).
    {
        auto warm = connectTo(broker);
        QVERIFY(warm && serves(*warm, 1));
    }
    const qint64 before = residentKiB(broker.pid());
    QVERIFY(before > 0);
    constexpr int Clients = 200;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < Clients; ++i) {
        sockets.push_back(connectTo(broker));
        QVERIFY(sockets.back());
        // A real request first: its answer shows that the announcement behind it has arrived.
        QByteArray announcement;
        Raw::appendInt32(announcement, 100 * 1024 * 1024 - 16);
        sockets.back()->write(Raw::apiVersionsV0(1000 + i) + announcement + QByteArray(10, 'x'));
    }
    for (int i = 0; i < Clients; ++i)
        QCOMPARE(Raw::int32At(Raw::readResponse(*sockets[size_t(i)]), 0), 1000 + i);
    const qint64 after = residentKiB(broker.pid());
    // Per connection: its socket, its state and a small receive buffer. Each buffer sized to the
    // announcement would be 20 GB; even the 64 KiB each connection used to hold from accept is 12.5 MiB.
    const qint64 perConnection = (after - before) / Clients;
    QVERIFY2(perConnection < 24,
        qPrintable(QStringLiteral("resident memory grew from %1 to %2 KiB (%3 KiB a connection)")
                       .arg(before)
                       .arg(after)
                       .arg(perConnection)));
    QVERIFY(broker.isRunning());
}

void TestBrokerConnectionLimits::acceptBacksOffWithoutDescriptors()
{
    BrokerProcess broker;
    QVERIFY2(broker.start(), broker.errorText());
    const qint64 pid = broker.pid();
    // Once a connection is served, the broker has opened what it opens at start (its signal pipe
    // comes after the ready line). Leave it a handful more descriptors: a few connections exhaust them.
    auto first = connectTo(broker);
    QVERIFY(first && serves(*first, 1));
    const qsizetype open = openDescriptors(pid);
    QVERIFY(open > 0);
    rlimit limit {};
    QCOMPARE(prlimit(pid_t(pid), RLIMIT_NOFILE, nullptr, &limit), 0);
    limit.rlim_cur = rlim_t(open + 4);
    QCOMPARE(prlimit(pid_t(pid), RLIMIT_NOFILE, &limit, nullptr), 0);

    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 12; ++i) {
        clients.push_back(connectTo(broker));
        QVERIFY(clients.back());
    }
    QDeadlineTimer failing(5000);
    while (!broker.standardError().contains("accept failed") && !failing.hasExpired())
        QTest::qWait(20);
    QVERIFY2(broker.standardError().contains("accept failed"), "accept never ran out of descriptors");

    // Over about a second the broker, with connections pending that it cannot accept, stays quiet.
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    const qint64 ticksBefore = cpuTicks(pid);
    QElapsedTimer window;
    window.start();
    QTest::qWait(1000); // a measurement window, not synchronisation
    const qint64 used = cpuTicks(pid) - ticksBefore;
    const qint64 windowMs = window.elapsed();
    QVERIFY(ticksBefore >= 0);
    QVERIFY2(used * 1000 < qint64(ticksPerSecond) * windowMs / 10,
        qPrintable(QStringLiteral("%1 ticks of CPU in %2 ms").arg(used).arg(windowMs)));
    QCOMPARE(broker.standardError().count("accept failed"), 1);

    clients.clear();
    first.reset();
    auto fresh = servedConnection(broker, 10000);
    QVERIFY2(fresh,
        QByteArray(
            "the broker did not accept again after descriptors were freed:\n" + broker.standardError().right(2000))
            .constData());
    QVERIFY(broker.standardError().contains("accepting connections again"));
}

void TestBrokerConnectionLimits::errorMessagesCarryNoServerPaths()
{
    BrokerProcess broker;
    QVERIFY2(broker.start(), broker.errorText());
    RdKafkaAdmin admin(broker.bootstrapServers());
    QVERIFY2(admin.isValid(), qPrintable(admin.error()));
    const AdminResult created = admin.createTopic({ "paths", 1, {} });
    QVERIFY2(created.ok(), created.text());
    // A directory where the topics file's temporary copy goes: saving the new config fails with a
    // storage error whose text names that file.
    QVERIFY(QDir().mkpath(broker.dataDir() + QStringLiteral("/topics.tmp/blocked")));
    const AdminResult altered = admin.alterConfigs(RD_KAFKA_RESOURCE_TOPIC, "paths", { { "retention.ms", "60000" } });
    QCOMPARE(altered.error, RD_KAFKA_RESP_ERR_KAFKA_STORAGE_ERROR);
    QVERIFY2(!altered.message.contains(broker.temporaryPath()), qPrintable(altered.message));
    QVERIFY2(altered.message.contains(QStringLiteral("Is a directory")), qPrintable(altered.message));
    // The full text stays in the broker's log.
    QVERIFY(broker.standardError().contains(QByteArray(broker.dataDir().toUtf8() + "/topics.tmp")));
}

SAMSA_TEST_MAIN(TestBrokerConnectionLimits, QCoreApplication)
#include "tst_broker_connectionlimits.moc"
