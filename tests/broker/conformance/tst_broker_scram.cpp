// SASL SCRAM-SHA-256 and SCRAM-SHA-512 on the real samsa-broker (issue 12), users from
// sasl.users.file: kcat (librdkafka, SaslAuthenticate), kafka-python (SaslHandshake v0 and raw
// tokens) and kafkajs each produce and consume with both mechanisms, each is refused with a wrong
// password (one warning in the log, no password), a user added to the file logs in after SIGHUP
// without a restart, a bad file on SIGHUP keeps the old users, a file readable by others or an
// unknown mechanism stops the start, and the three clients do the same over SASL_SSL.

#include "brokerprocess.h"
#include "clientrun.h"
#include "rawkafka.h"
#include "scramtestclient.h"
#include "testcertificates.h"
#include "testmain.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <signal.h>
#include <sys/stat.h>

using namespace Samsa::Test;

namespace {

bool writeUsers(const QString& path, const QByteArray& text, mode_t mode = 0600)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
        return false;
    file.close();
    return ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

constexpr qint16 kMetadata = 3;
constexpr qint16 kSaslHandshake = 17;
constexpr qint16 kSaslAuthenticate = 36;
constexpr qint16 kIllegalSaslState = 34;
constexpr qint16 kSaslAuthenticationFailed = 58;

std::unique_ptr<QTcpSocket> connectTo(quint16 port)
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(QHostAddress::LocalHost, port);
    return socket->waitForConnected(5000) ? std::move(socket) : nullptr;
}

// SaslHandshake: the error code, or -1 for no or a malformed answer.
qint16 handshake(QTcpSocket& socket, qint16 version, const QByteArray& mechanism)
{
    QByteArray body;
    Raw::appendString(body, mechanism);
    Raw::Reader in(Raw::roundTrip(socket, Raw::request(kSaslHandshake, version, 7, body)));
    if (in.int32() != 7)
        return -1;
    const qint16 error = in.int16();
    return in.ok() ? error : qint16(-1);
}

struct AuthenticateAnswer {
    qint16 error = -1;
    QByteArray message;
    QByteArray token;
};

// One SaslAuthenticate round (v0 and v1 plain, v2 flexible).
AuthenticateAnswer authenticate(QTcpSocket& socket, qint16 version, const QByteArray& token)
{
    const bool flexible = version >= 2;
    QByteArray body;
    if (flexible) {
        Raw::appendUnsignedVarint(body, quint32(token.size()) + 1);
        body += token;
        Raw::appendEmptyTaggedFields(body);
    } else {
        Raw::appendInt32(body, qint32(token.size()));
        body += token;
    }
    const QByteArray frame = flexible ? Raw::flexibleRequest(kSaslAuthenticate, version, 8, body)
                                      : Raw::request(kSaslAuthenticate, version, 8, body);
    Raw::Reader in(Raw::roundTrip(socket, frame));
    AuthenticateAnswer answer;
    if (in.int32() != 8)
        return answer;
    if (flexible)
        in.skipTaggedFields();
    const qint16 error = in.int16();
    answer.message = flexible ? in.compactString() : in.string();
    answer.token = flexible ? in.compactBytes() : in.bytes();
    if (version >= 1)
        in.int64(); // session lifetime
    if (flexible)
        in.skipTaggedFields();
    if (in.ok() && in.atEnd())
        answer.error = error;
    return answer;
}

// A raw SASL token after SaslHandshake v0 and the raw answer (without its size); empty when the
// broker closed.
QByteArray rawToken(QTcpSocket& socket, const QByteArray& token)
{
    QByteArray frame;
    Raw::appendInt32(frame, qint32(token.size()));
    socket.write(frame + token);
    return Raw::readResponse(socket);
}

bool servesMetadata(QTcpSocket& socket)
{
    QByteArray body;
    Raw::appendInt32(body, 0);
    return Raw::int32At(Raw::roundTrip(socket, Raw::request(kMetadata, 0, 42, body)), 0) == 42;
}

QCryptographicHash::Algorithm algorithmOf(const QString& mechanism)
{
    return mechanism == QStringLiteral("SCRAM-SHA-256") ? QCryptographicHash::Sha256 : QCryptographicHash::Sha512;
}

const QByteArray kUsers = "# users of tst_broker_scram\n"
                          "alice:alice-secret\n"
                          "bob:pw:with,comma=equals\n";

} // namespace

class TestBrokerScram : public QObject {
    Q_OBJECT

private:
    enum class Client { Kcat, KafkaPython, Kafkajs };

    QTemporaryDir m_dir;
    QString m_usersFile;
    BrokerProcess m_broker;
    TestCertificates m_certificates;
    QString m_kcat;
    QString m_node;
    QString m_python = QStringLiteral("/usr/bin/python3");
    QString m_scripts;
    int m_topics = 0;

    static QStringList mechanismArguments()
    {
        return { QStringLiteral("--set"), QStringLiteral("sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512") };
    }

    QStringList usersArguments() const
    {
        return mechanismArguments()
            + QStringList { QStringLiteral("--set"), QStringLiteral("sasl.users.file=") + m_usersFile };
    }

    // Skips (QSKIP needs the test function's scope: callers check the returned reason).
    QString missing(Client client) const
    {
        if (client == Client::Kcat && m_kcat.isEmpty())
            return QStringLiteral("kcat is not installed");
        if (client == Client::KafkaPython
            && !QFile::exists(QStringLiteral("/usr/lib/python3/dist-packages/kafka/__init__.py")))
            return QStringLiteral("python3-kafka is not installed");
        if (client == Client::Kafkajs
            && (m_node.isEmpty()
                || !QFile::exists(
                    qEnvironmentVariable("SAMSA_SOURCE_DIR") + QStringLiteral("/.npm-peers/node_modules/kafkajs"))))
            return QStringLiteral("node or kafkajs is not installed");
        return {};
    }

    QStringList kcatOptions(const QString& mechanism, const QString& user, const QString& password, bool tls) const
    {
        QStringList options { QStringLiteral("-X"),
            QStringLiteral("security.protocol=")
                + (tls ? QStringLiteral("sasl_ssl") : QStringLiteral("sasl_plaintext")),
            QStringLiteral("-X"), QStringLiteral("sasl.mechanisms=") + mechanism, QStringLiteral("-X"),
            QStringLiteral("sasl.username=") + user, QStringLiteral("-X"),
            QStringLiteral("sasl.password=") + password };
        if (tls)
            options += { QStringLiteral("-X"), QStringLiteral("ssl.ca.location=") + m_certificates.caCertificate() };
        return options;
    }

    // One client logs in, produces and consumes. Exit code 0 with "ok", 3 when the login was
    // refused, anything else for other failures; output says what happened.
    ClientRun login(Client client, const QString& bootstrap, const QString& mechanism, const QString& user,
        const QString& password, bool tls = false)
    {
        const QString ca = tls ? m_certificates.caCertificate() : QString();
        if (client == Client::KafkaPython) {
            QStringList arguments { m_scripts + QStringLiteral("scram_kafkapython.py"), bootstrap, mechanism, user,
                password };
            if (tls)
                arguments << ca;
            return runClient(m_python, arguments);
        }
        if (client == Client::Kafkajs) {
            QStringList arguments { m_scripts + QStringLiteral("scram_kafkajs.js"), bootstrap, mechanism, user,
                password };
            if (tls)
                arguments << ca;
            return runClient(m_node, arguments, {}, nodeEnvironment());
        }
        const QString topic = QStringLiteral("scram-kcat-%1").arg(++m_topics);
        const QStringList options = kcatOptions(mechanism, user, password, tls);
        const ClientRun produced = runClient(m_kcat,
            QStringList { QStringLiteral("-b"), bootstrap, QStringLiteral("-P"), QStringLiteral("-t"), topic,
                QStringLiteral("-m"), QStringLiteral("10") }
                + options,
            "first\nsecond\n");
        if (produced.exitCode != 0) {
            const bool refused = produced.output.contains(QStringLiteral("Authentication failed"));
            return { refused ? 3 : 1, QStringLiteral("produce: ") + produced.output };
        }
        const ClientRun consumed = runClient(m_kcat,
            QStringList { QStringLiteral("-b"), bootstrap, QStringLiteral("-C"), QStringLiteral("-t"), topic,
                QStringLiteral("-o"), QStringLiteral("beginning"), QStringLiteral("-e"), QStringLiteral("-q") }
                + options);
        if (consumed.exitCode != 0 || consumed.output != QStringLiteral("first\nsecond\n"))
            return { 1, QStringLiteral("consume gave %1: %2").arg(consumed.exitCode).arg(consumed.output) };
        return { 0, QStringLiteral("ok") };
    }

    static void addClientRows()
    {
        QTest::addColumn<int>("client");
        QTest::addColumn<QString>("mechanism");
        const std::pair<Client, const char*> clients[]
            = { { Client::Kcat, "kcat" }, { Client::KafkaPython, "kafka-python" }, { Client::Kafkajs, "kafkajs" } };
        for (const auto& [client, name] : clients) {
            for (const char* mechanism : { "SCRAM-SHA-256", "SCRAM-SHA-512" })
                QTest::addRow("%s %s", name, mechanism) << int(client) << QString::fromLatin1(mechanism);
        }
    }

    static QString describe(const ClientRun& run)
    {
        return QStringLiteral("exit code %1: %2").arg(run.exitCode).arg(run.output.right(1500));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!BrokerProcess::binaryPath().isEmpty(), "SAMSA_BROKER_BIN is not set (run through ctest)");
        m_kcat = QStandardPaths::findExecutable(QStringLiteral("kcat"));
        m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
        m_scripts = qEnvironmentVariable("SAMSA_SOURCE_DIR") + QStringLiteral("/tests/broker/conformance/");
        m_usersFile = m_dir.filePath(QStringLiteral("users"));
        QVERIFY(writeUsers(m_usersFile, kUsers));
        m_broker.setExtraArguments(usersArguments());
        QVERIFY2(m_broker.start(), m_broker.errorText());
    }

    void cleanupTestCase() { QVERIFY2(m_broker.stop(), m_broker.errorText()); }

    void producesAndConsumes_data() { addClientRows(); }
    void producesAndConsumes()
    {
        QFETCH(int, client);
        QFETCH(QString, mechanism);
        if (const QString reason = missing(Client(client)); !reason.isEmpty())
            QSKIP(qPrintable(reason));
        // bob's password has a ',' and a '=': nothing in it needs escaping, only in user names.
        const ClientRun run = login(Client(client), m_broker.bootstrapServers(), mechanism, QStringLiteral("bob"),
            QStringLiteral("pw:with,comma=equals"));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    }

    void wrongPasswordIsRefused_data() { addClientRows(); }
    void wrongPasswordIsRefused()
    {
        QFETCH(int, client);
        QFETCH(QString, mechanism);
        if (const QString reason = missing(Client(client)); !reason.isEmpty())
            QSKIP(qPrintable(reason));
        const qsizetype logBefore = m_broker.standardError().size();
        const ClientRun run = login(Client(client), m_broker.bootstrapServers(), mechanism, QStringLiteral("alice"),
            QStringLiteral("not-alices-password"));
        QVERIFY2(run.exitCode == 3, qPrintable(describe(run)));
        // The clients that read SaslAuthenticate answers show the broker's reason.
        if (Client(client) != Client::KafkaPython)
            QVERIFY2(run.output.contains(QStringLiteral("Invalid user credentials")), qPrintable(run.output));
        const QByteArray log = m_broker.standardError().mid(logBefore);
        QVERIFY2(log.contains(
                     QByteArray("SASL/" + mechanism.toLatin1() + " authentication failed for a client at 127.0.0.1")),
            log.constData());
        QVERIFY(!log.contains("not-alices-password"));
        QVERIFY(!m_broker.standardError().contains("alice-secret"));
    }

    void unknownUserIsRefused()
    {
        if (m_kcat.isEmpty())
            QSKIP("kcat is not installed");
        const ClientRun run = login(Client::Kcat, m_broker.bootstrapServers(), QStringLiteral("SCRAM-SHA-512"),
            QStringLiteral("mallory"), QStringLiteral("alice-secret"));
        QVERIFY2(run.exitCode == 3 && run.output.contains(QStringLiteral("Invalid user credentials")),
            qPrintable(describe(run)));
    }

    // A user added to the file logs in after SIGHUP, with no restart; a file gone bad on SIGHUP
    // leaves the users as they were.
    void sighupReloadsTheUsersFile()
    {
        if (m_kcat.isEmpty())
            QSKIP("kcat is not installed");
        const QString bootstrap = m_broker.bootstrapServers();
        const QString sha512 = QStringLiteral("SCRAM-SHA-512");
        ClientRun run = login(Client::Kcat, bootstrap, sha512, QStringLiteral("dora"), QStringLiteral("dora-pw"));
        QVERIFY2(run.exitCode == 3, qPrintable(describe(run)));

        const qint64 pid = m_broker.pid();
        QVERIFY(writeUsers(m_usersFile, kUsers + "dora:dora-pw\n"));
        QVERIFY(::kill(pid_t(pid), SIGHUP) == 0);
        QTRY_VERIFY_WITH_TIMEOUT(m_broker.standardError().contains("SIGHUP: 3 SASL users loaded"), 10000);
        for (const Client client : { Client::Kcat, Client::KafkaPython, Client::Kafkajs }) {
            if (!missing(client).isEmpty())
                continue;
            run = login(client, bootstrap, sha512, QStringLiteral("dora"), QStringLiteral("dora-pw"));
            QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        }
        QCOMPARE(m_broker.pid(), pid);

        // Readable by others: refused, and dora and alice still log in.
        QVERIFY(writeUsers(m_usersFile, "mallory:m\n", 0644));
        QVERIFY(::kill(pid_t(pid), SIGHUP) == 0);
        QTRY_VERIFY_WITH_TIMEOUT(m_broker.standardError().contains("keeping the 3 SASL users loaded before"), 10000);
        run = login(Client::Kcat, bootstrap, sha512, QStringLiteral("dora"), QStringLiteral("dora-pw"));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        run = login(Client::Kcat, bootstrap, sha512, QStringLiteral("mallory"), QStringLiteral("m"));
        QVERIFY2(run.exitCode == 3, qPrintable(describe(run)));
        QVERIFY(!m_broker.standardError().contains("dora-pw"));
        QVERIFY(writeUsers(m_usersFile, kUsers));
    }

    void brokerRefusesAUsersFileOthersCanRead()
    {
        const QString path = m_dir.filePath(QStringLiteral("shared-users"));
        QVERIFY(writeUsers(path, kUsers, 0644));
        BrokerProcess broker;
        broker.setExtraArguments(
            mechanismArguments() + QStringList { QStringLiteral("--set"), QStringLiteral("sasl.users.file=") + path });
        QVERIFY(!broker.start());
        QCOMPARE(broker.exitCode(), 2);
        QVERIFY2(broker.standardError().contains("is readable or writable by group or others (mode 0644)"),
            broker.standardError().constData());
        QVERIFY(!broker.standardError().contains("alice-secret"));
    }

    void brokerRefusesABadUsersFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("bad-users"));
        QVERIFY(writeUsers(path, "alice:alice-secret\nno-colon-secret\n"));
        BrokerProcess broker;
        broker.setExtraArguments(
            mechanismArguments() + QStringList { QStringLiteral("--set"), QStringLiteral("sasl.users.file=") + path });
        QVERIFY(!broker.start());
        QCOMPARE(broker.exitCode(), 2);
        QVERIFY2(broker.standardError().contains("line 2: expected NAME:PASSWORD"), broker.standardError().constData());
        QVERIFY(!broker.standardError().contains("no-colon-secret"));
    }

    void brokerRefusesAnUnknownMechanism()
    {
        BrokerProcess broker;
        broker.setExtraArguments(
            { QStringLiteral("--set"), QStringLiteral("sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-1") });
        QVERIFY(!broker.start());
        QCOMPARE(broker.exitCode(), 2);
        QVERIFY2(broker.standardError().contains("sasl.enabled.mechanisms"), broker.standardError().constData());
    }

    // SCRAM carried by SaslAuthenticate v0, v1 and v2 (hand-built frames, a client from
    // scramtestclient.h): server-first and server-final come back in auth_bytes; a wrong proof gets
    // SASL_AUTHENTICATION_FAILED with e=invalid-proof and the connection closes.
    void saslAuthenticateCarriesScram_data()
    {
        QTest::addColumn<qint16>("version");
        QTest::addColumn<QString>("mechanism");
        QTest::addColumn<bool>("rightPassword");
        for (const qint16 version : { 0, 1, 2 }) {
            for (const char* mechanism : { "SCRAM-SHA-256", "SCRAM-SHA-512" }) {
                QTest::addRow("v%d %s", version, mechanism) << version << QString::fromLatin1(mechanism) << true;
                QTest::addRow("v%d %s wrong password", version, mechanism)
                    << version << QString::fromLatin1(mechanism) << false;
            }
        }
    }
    void saslAuthenticateCarriesScram()
    {
        QFETCH(qint16, version);
        QFETCH(QString, mechanism);
        QFETCH(bool, rightPassword);
        auto socket = connectTo(m_broker.port());
        QVERIFY(socket);
        QCOMPARE(handshake(*socket, 1, mechanism.toLatin1()), qint16(0));
        ScramTestClient client(algorithmOf(mechanism), "alice", rightPassword ? "alice-secret" : "alice-secreT");
        const AuthenticateAnswer first = authenticate(*socket, version, client.firstMessage());
        QCOMPARE(first.error, qint16(0));
        QVERIFY(first.message.isNull());
        QVERIFY2(first.token.startsWith(QByteArray("r=" + client.nonce)), first.token.constData());
        const AuthenticateAnswer last = authenticate(*socket, version, client.finalMessage(first.token));
        if (!rightPassword) {
            QCOMPARE(last.error, kSaslAuthenticationFailed);
            QCOMPARE(last.message, QByteArray("Authentication failed: Invalid user credentials"));
            QCOMPARE(last.token, QByteArray("e=invalid-proof"));
            QVERIFY(Raw::waitForClose(*socket));
            return;
        }
        QCOMPARE(last.error, qint16(0));
        QCOMPARE(last.token, client.expectedServerFinal);
        QVERIFY(servesMetadata(*socket));
    }

    // kafka-python's path, checked byte for byte: SaslHandshake v0, then both SCRAM rounds as raw
    // frames without Kafka headers, raw answers back; a bad proof closes the connection.
    void rawTokensAfterHandshakeV0_data()
    {
        QTest::addColumn<bool>("rightPassword");
        QTest::addRow("right password") << true;
        QTest::addRow("wrong password") << false;
    }
    void rawTokensAfterHandshakeV0()
    {
        QFETCH(bool, rightPassword);
        auto socket = connectTo(m_broker.port());
        QVERIFY(socket);
        QCOMPARE(handshake(*socket, 0, "SCRAM-SHA-512"), qint16(0));
        ScramTestClient client(QCryptographicHash::Sha512, "alice", rightPassword ? "alice-secret" : "nope");
        const QByteArray serverFirst = rawToken(*socket, client.firstMessage());
        QVERIFY2(serverFirst.startsWith(QByteArray("r=" + client.nonce)), serverFirst.constData());
        const QByteArray final = rawToken(*socket, client.finalMessage(serverFirst));
        if (!rightPassword) {
            QVERIFY(final.isEmpty());
            QVERIFY(Raw::waitForClose(*socket));
            return;
        }
        QCOMPARE(final, client.expectedServerFinal);
        QVERIFY(servesMetadata(*socket));
    }

    // Kafka answers a SaslHandshake on a listener without SASL with ILLEGAL_SASL_STATE, even when
    // another listener of the broker takes SASL logins; no login happens there.
    void handshakeOnAListenerWithoutSaslIsOutOfPlace()
    {
        BrokerProcess broker;
        broker.setListen(QStringLiteral("PLAINTEXT://127.0.0.1:0,SASL_PLAINTEXT://127.0.0.1:0"));
        broker.setExtraArguments(usersArguments());
        QVERIFY2(broker.start(), broker.errorText());
        auto plain = connectTo(broker.listenerPort(QStringLiteral("PLAINTEXT")));
        QVERIFY(plain);
        QCOMPARE(handshake(*plain, 1, "SCRAM-SHA-256"), kIllegalSaslState);
        auto sasl = connectTo(broker.listenerPort(QStringLiteral("SASL_PLAINTEXT")));
        QVERIFY(sasl);
        QCOMPARE(handshake(*sasl, 1, "SCRAM-SHA-256"), qint16(0));
        QVERIFY2(broker.stop(), broker.errorText());
    }

    void overSaslSsl_data() { addClientRows(); }
    void overSaslSsl()
    {
        QFETCH(int, client);
        QFETCH(QString, mechanism);
        if (const QString reason = missing(Client(client)); !reason.isEmpty())
            QSKIP(qPrintable(reason));
        if (m_certificates.directory().isEmpty() || !QFile::exists(m_certificates.caCertificate()))
            QVERIFY2(m_certificates.create(), m_certificates.errorText());
        BrokerProcess broker;
        broker.setListen(QStringLiteral("SASL_SSL://127.0.0.1:0"));
        broker.setExtraArguments(m_certificates.brokerArguments() + usersArguments());
        QVERIFY2(broker.start(), broker.errorText());
        const QString bootstrap = QStringLiteral("127.0.0.1:%1").arg(broker.listenerPort(QStringLiteral("SASL_SSL")));
        ClientRun run = login(
            Client(client), bootstrap, mechanism, QStringLiteral("alice"), QStringLiteral("alice-secret"), true);
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        run = login(Client(client), bootstrap, mechanism, QStringLiteral("alice"), QStringLiteral("wrong"), true);
        QVERIFY2(run.exitCode == 3, qPrintable(describe(run)));
        QVERIFY2(broker.stop(), broker.errorText());
    }
};

SAMSA_TEST_MAIN(TestBrokerScram, QCoreApplication)

#include "tst_broker_scram.moc"
