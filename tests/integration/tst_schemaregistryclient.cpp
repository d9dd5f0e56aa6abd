// SchemaRegistryClient: every operation the Schema Registry page and producing use, against the
// registry embedded in samsa-broker; and against a tiny hostile HTTP peer (a QTcpServer here) that
// answers garbage, the wrong shape, hangs, trickles or closes half-way: each is a clear error in
// bounded time, never a hang or a success.

#include "brokerprocess.h"
#include "closedport.h"
#include "registrytestsupport.h"
#include "testmain.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

using namespace Samsa;
using Samsa::Test::BrokerProcess;
using Samsa::Test::RegistryReply;

namespace {

QByteArray record(const char* name, const QByteArray& fields)
{
    return "{\"type\":\"record\",\"name\":\"" + QByteArray(name) + "\",\"fields\":[" + fields + "]}";
}

const QByteArray IdInt = R"({"name":"id","type":"int"})";
const QByteArray IdString = R"({"name":"id","type":"string"})";
const QByteArray NoteWithDefault = R"({"name":"note","type":"string","default":""})";

// A peer that reads a request and then behaves as told.
class HostilePeer : public QObject {
public:
    enum class Behaviour { Answer, Hang, Trickle, CloseHalfWay, HugeAnnounced };

    explicit HostilePeer(Behaviour behaviour, QByteArray answer = {})
        : m_behaviour(behaviour)
        , m_answer(std::move(answer))
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { onRequest(socket); });
            }
        });
    }

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }
    QByteArray lastRequest() const { return m_request; }

    static QByteArray http(const QByteArray& body, int status = 200)
    {
        return "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }

private:
    void onRequest(QTcpSocket* socket)
    {
        m_request += socket->readAll();
        if (!m_request.contains("\r\n\r\n") || socket->property("answered").toBool())
            return;
        socket->setProperty("answered", true);
        switch (m_behaviour) {
        case Behaviour::Answer:
            socket->write(m_answer);
            socket->disconnectFromHost();
            break;
        case Behaviour::Hang:
            break;
        case Behaviour::Trickle: {
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n[");
            auto* timer = new QTimer(socket);
            QObject::connect(timer, &QTimer::timeout, socket, [socket] { socket->write("1,"); });
            timer->start(20);
            break;
        }
        case Behaviour::CloseHalfWay:
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"schema\": \"{\\\"ty");
            socket->flush();
            socket->disconnectFromHost();
            break;
        case Behaviour::HugeAnnounced:
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: 999999999999\r\n\r\n[");
            break;
        }
    }

    QTcpServer m_server;
    Behaviour m_behaviour;
    QByteArray m_answer;
    QByteArray m_request;
};

} // namespace

class TestSchemaRegistryClient : public QObject {
    Q_OBJECT

private:
    BrokerProcess m_broker;
    std::unique_ptr<SchemaRegistryClient> m_client;

private Q_SLOTS:
    void initTestCase()
    {
        m_broker.enableSchemaRegistry();
        QVERIFY2(m_broker.start(), qPrintable(m_broker.error()));
        m_client = std::make_unique<SchemaRegistryClient>(QUrl(m_broker.schemaRegistryUrl()));
    }

    void cleanupTestCase()
    {
        m_client.reset();
        QVERIFY(m_broker.stop());
    }

    // --- the embedded registry ---------------------------------------------------------------

    void subjectsVersionsAndIds()
    {
        const QString subject = QStringLiteral("browse-value");
        RegistryReply<int> first;
        m_client->registerSchema(subject, record("Browse", IdInt), QString(), {}, first.callback());
        SAMSA_AWAIT_OK(first);
        RegistryReply<int> second;
        m_client->registerSchema(subject, record("Browse", IdInt + ',' + NoteWithDefault), QStringLiteral("AVRO"), {},
            second.callback());
        SAMSA_AWAIT_OK(second);
        QVERIFY(second.value != first.value);

        RegistryReply<QStringList> subjects;
        m_client->listSubjects(false, subjects.callback());
        SAMSA_AWAIT_OK(subjects);
        QVERIFY(subjects.value.contains(subject));

        RegistryReply<QList<int>> versions;
        m_client->listVersions(subject, false, versions.callback());
        SAMSA_AWAIT_OK(versions);
        QCOMPARE(versions.value, (QList<int> { 1, 2 }));

        RegistryReply<SchemaVersion> latest;
        m_client->fetchVersion(subject, QStringLiteral("latest"), false, latest.callback());
        SAMSA_AWAIT_OK(latest);
        QCOMPARE(latest.value.subject, subject);
        QCOMPARE(latest.value.version, 2);
        QCOMPARE(latest.value.id, second.value);
        QCOMPARE(latest.value.schemaType, QStringLiteral("AVRO"));
        QVERIFY(latest.value.schema.contains("note"));

        RegistryReply<SchemaVersion> byId;
        m_client->fetchSchemaById(first.value, byId.callback());
        SAMSA_AWAIT_OK(byId);
        QCOMPARE(byId.value.id, first.value);
        QVERIFY(!byId.value.schema.contains("note"));

        RegistryReply<QList<SubjectVersion>> ofId;
        m_client->fetchSubjectVersionsOfId(second.value, ofId.callback());
        SAMSA_AWAIT_OK(ofId);
        QCOMPARE(ofId.value.size(), 1);
        QCOMPARE(ofId.value.first().subject, subject);
        QCOMPARE(ofId.value.first().version, 2);

        RegistryReply<SchemaVersion> found;
        m_client->lookupSchema(subject, record("Browse", IdInt), false, found.callback());
        SAMSA_AWAIT_OK(found);
        QCOMPARE(found.value.version, 1);
        QCOMPARE(found.value.id, first.value);

        // The old callback API still works (sample data uses it).
        QByteArray schema;
        QString error = QStringLiteral("unset");
        m_client->fetchSchema(second.value, [&](const QByteArray& json, const QString& e) {
            schema = json;
            error = e;
        });
        QVERIFY(QTest::qWaitFor([&] { return error != QLatin1String("unset"); }, 15000));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(schema.contains("note"));

        RegistryReply<SchemaVersion> missing;
        m_client->fetchSchemaById(99999, missing.callback());
        QVERIFY(missing.wait());
        QCOMPARE(missing.error.kind, RegistryError::Kind::Http);
        QCOMPARE(missing.error.errorCode, RegistryErrorCode::SchemaNotFound);
        QVERIFY(missing.error.message.contains(m_broker.schemaRegistryUrl()));
    }

    void compatibilityLevels()
    {
        const QString subject = QStringLiteral("levels-value");
        RegistryReply<int> registered;
        m_client->registerSchema(subject, record("Levels", IdInt), QString(), {}, registered.callback());
        SAMSA_AWAIT_OK(registered);

        RegistryReply<CompatibilityLevel> global;
        m_client->fetchCompatibility(QString(), global.callback());
        SAMSA_AWAIT_OK(global);
        QCOMPARE(global.value.level, QStringLiteral("BACKWARD"));
        QVERIFY(!global.value.inherited);

        // Without a level of its own the subject shows the registry's default, marked inherited.
        RegistryReply<CompatibilityLevel> inherited;
        m_client->fetchCompatibility(subject, inherited.callback());
        SAMSA_AWAIT_OK(inherited);
        QCOMPARE(inherited.value.level, QStringLiteral("BACKWARD"));
        QVERIFY(inherited.value.inherited);

        RegistryReply<CompatibilityLevel> set;
        m_client->setCompatibility(subject, QStringLiteral("full_transitive"), set.callback());
        SAMSA_AWAIT_OK(set);
        QCOMPARE(set.value.level, QStringLiteral("FULL_TRANSITIVE"));
        RegistryReply<CompatibilityLevel> own;
        m_client->fetchCompatibility(subject, own.callback());
        SAMSA_AWAIT_OK(own);
        QCOMPARE(own.value.level, QStringLiteral("FULL_TRANSITIVE"));
        QVERIFY(!own.value.inherited);

        RegistryReply<CompatibilityLevel> invalid;
        m_client->setCompatibility(subject, QStringLiteral("SOMETIMES"), invalid.callback());
        QVERIFY(invalid.wait());
        QCOMPARE(invalid.error.kind, RegistryError::Kind::Http);
        QVERIFY2(invalid.error.reason.contains(QLatin1String("Invalid compatibility level")), qPrintable(invalid.error.reason));

        RegistryReply<CompatibilityLevel> cleared;
        m_client->clearCompatibility(subject, cleared.callback());
        SAMSA_AWAIT_OK(cleared);
        RegistryReply<CompatibilityLevel> again;
        m_client->fetchCompatibility(subject, again.callback());
        SAMSA_AWAIT_OK(again);
        QVERIFY(again.value.inherited);
        QVERIFY(Samsa::compatibilityLevels().contains(again.value.level));
    }

    void compatibilityCheckListsReasons()
    {
        const QString subject = QStringLiteral("check-value");
        RegistryReply<int> registered;
        m_client->registerSchema(subject, record("Check", IdInt), QString(), {}, registered.callback());
        SAMSA_AWAIT_OK(registered);

        RegistryReply<CompatibilityCheck> compatible;
        m_client->checkCompatibility(
            subject, QStringLiteral("latest"), record("Check", IdInt + ',' + NoteWithDefault), compatible.callback());
        SAMSA_AWAIT_OK(compatible);
        QVERIFY(compatible.value.compatible);
        QVERIFY(!compatible.value.subjectIsNew);

        RegistryReply<CompatibilityCheck> incompatible;
        m_client->checkCompatibility(subject, QStringLiteral("1"), record("Check", IdString), incompatible.callback());
        SAMSA_AWAIT_OK(incompatible);
        QVERIFY(!incompatible.value.compatible);
        QVERIFY(!incompatible.value.messages.isEmpty());
        QVERIFY2(incompatible.value.messages.join(QLatin1Char('\n')).contains(QLatin1String("type mismatch")),
            qPrintable(incompatible.value.messages.join(QLatin1Char('\n'))));

        RegistryReply<CompatibilityCheck> fresh;
        m_client->checkCompatibility(QStringLiteral("no-such-subject"), QStringLiteral("latest"), record("New", IdInt),
            fresh.callback());
        SAMSA_AWAIT_OK(fresh);
        QVERIFY(fresh.value.compatible);
        QVERIFY(fresh.value.subjectIsNew);

        // Registering the incompatible one is refused with the registry's reason.
        RegistryReply<int> refused;
        m_client->registerSchema(subject, record("Check", IdString), QString(), {}, refused.callback());
        QVERIFY(refused.wait());
        QCOMPARE(refused.error.kind, RegistryError::Kind::Http);
        QCOMPARE(refused.error.httpStatus, 409);
        QVERIFY2(refused.error.reason.contains(QLatin1String("incompatible")), qPrintable(refused.error.reason));
    }

    void softAndHardDelete()
    {
        const QString subject = QStringLiteral("delete-value");
        for (const QByteArray& fields : { IdInt, QByteArray(IdInt + ',' + NoteWithDefault) }) {
            RegistryReply<int> registered;
            m_client->registerSchema(subject, record("Del", fields), QString(), {}, registered.callback());
            SAMSA_AWAIT_OK(registered);
        }
        // A version: hard needs soft first.
        RegistryReply<int> hardFirst;
        m_client->deleteVersion(subject, QStringLiteral("1"), true, hardFirst.callback());
        QVERIFY(hardFirst.wait());
        QCOMPARE(hardFirst.error.errorCode, RegistryErrorCode::VersionNotSoftDeleted);
        RegistryReply<int> soft;
        m_client->deleteVersion(subject, QStringLiteral("1"), false, soft.callback());
        SAMSA_AWAIT_OK(soft);
        QCOMPARE(soft.value, 1);
        RegistryReply<QList<int>> live;
        m_client->listVersions(subject, false, live.callback());
        SAMSA_AWAIT_OK(live);
        QCOMPARE(live.value, QList<int> { 2 });
        RegistryReply<QList<int>> withDeleted;
        m_client->listVersions(subject, true, withDeleted.callback());
        SAMSA_AWAIT_OK(withDeleted);
        QCOMPARE(withDeleted.value, (QList<int> { 1, 2 }));
        RegistryReply<int> hard;
        m_client->deleteVersion(subject, QStringLiteral("1"), true, hard.callback());
        SAMSA_AWAIT_OK(hard);
        RegistryReply<QList<int>> afterHard;
        m_client->listVersions(subject, true, afterHard.callback());
        SAMSA_AWAIT_OK(afterHard);
        QCOMPARE(afterHard.value, QList<int> { 2 });

        // The subject: soft, visible only with deleted=true, then hard.
        RegistryReply<QList<int>> softSubject;
        m_client->deleteSubject(subject, false, softSubject.callback());
        SAMSA_AWAIT_OK(softSubject);
        QCOMPARE(softSubject.value, QList<int> { 2 });
        RegistryReply<QStringList> visible;
        m_client->listSubjects(false, visible.callback());
        SAMSA_AWAIT_OK(visible);
        QVERIFY(!visible.value.contains(subject));
        RegistryReply<QStringList> deleted;
        m_client->listSubjects(true, deleted.callback());
        SAMSA_AWAIT_OK(deleted);
        QVERIFY(deleted.value.contains(subject));
        RegistryReply<QList<int>> hardSubject;
        m_client->deleteSubject(subject, true, hardSubject.callback());
        SAMSA_AWAIT_OK(hardSubject);
        RegistryReply<QStringList> gone;
        m_client->listSubjects(true, gone.callback());
        SAMSA_AWAIT_OK(gone);
        QVERIFY(!gone.value.contains(subject));
    }

    void subjectNamesAreEncoded()
    {
        // A subject may hold '/', '?' and spaces (RecordNameStrategy names are free-form).
        const QString subject = QStringLiteral("odd/name ?x=1");
        RegistryReply<int> registered;
        m_client->registerSchema(subject, record("Odd", IdInt), QString(), {}, registered.callback());
        SAMSA_AWAIT_OK(registered);
        RegistryReply<SchemaVersion> latest;
        m_client->fetchVersion(subject, QStringLiteral("latest"), false, latest.callback());
        SAMSA_AWAIT_OK(latest);
        QCOMPARE(latest.value.subject, subject);
    }

    // --- hostile or broken peers ----------------------------------------------------------------

    void garbageIsAClearError_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<QString>("expected");
        QTest::addRow("not json") << HostilePeer::http("<html>hello</html>")
                                  << QStringLiteral("answered something that is not JSON: \"<html>hello</html>\"");
        QTest::addRow("wrong shape") << HostilePeer::http(R"({"schemas": []})") << QStringLiteral("answered without a schema");
        QTest::addRow("schema not a string") << HostilePeer::http(R"({"schema": 42})")
                                             << QStringLiteral("answered without a schema");
        QTest::addRow("empty body") << HostilePeer::http("") << QStringLiteral("answered with an empty body");
        QTest::addRow("error without message") << HostilePeer::http("oops", 500) << QStringLiteral("answered HTTP 500");
        QTest::addRow("not http") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n") << QString();
    }

    void garbageIsAClearError()
    {
        QFETCH(QByteArray, answer);
        QFETCH(QString, expected);
        HostilePeer peer(HostilePeer::Behaviour::Answer, answer);
        SchemaRegistryClient client(peer.url());
        RegistryReply<SchemaVersion> reply;
        client.fetchSchemaById(5, reply.callback());
        QVERIFY(reply.wait());
        QVERIFY(reply.error.isError());
        QVERIFY2(reply.error.message.startsWith(QStringLiteral("Schema Registry at %1").arg(peer.url().toString())),
            qPrintable(reply.error.message));
        if (!expected.isEmpty())
            QVERIFY2(reply.error.message.contains(expected), qPrintable(reply.error.message));
    }

    void wrongShapesOfLists()
    {
        HostilePeer peer(HostilePeer::Behaviour::Answer, HostilePeer::http(R"(["a", 3])"));
        SchemaRegistryClient client(peer.url());
        RegistryReply<QStringList> subjects;
        client.listSubjects(false, subjects.callback());
        QVERIFY(subjects.wait());
        QCOMPARE(subjects.error.kind, RegistryError::Kind::BadAnswer);
        RegistryReply<QList<int>> versions;
        client.listVersions(QStringLiteral("s"), false, versions.callback());
        QVERIFY(versions.wait());
        QCOMPARE(versions.error.kind, RegistryError::Kind::BadAnswer);
        RegistryReply<CompatibilityCheck> check;
        client.checkCompatibility(QStringLiteral("s"), QString(), "\"int\"", check.callback());
        QVERIFY(check.wait());
        QCOMPARE(check.error.kind, RegistryError::Kind::BadAnswer);
        QVERIFY(check.error.message.contains(QLatin1String("is_compatible")));
    }

    void slowPeersTimeOut_data()
    {
        QTest::addColumn<int>("behaviour");
        QTest::addRow("hangs") << int(HostilePeer::Behaviour::Hang);
        QTest::addRow("trickles forever") << int(HostilePeer::Behaviour::Trickle);
    }

    void slowPeersTimeOut()
    {
        QFETCH(int, behaviour);
        HostilePeer peer { HostilePeer::Behaviour(behaviour) };
        SchemaRegistryClient client(peer.url());
        client.setTimeout(500);
        QElapsedTimer elapsed;
        elapsed.start();
        RegistryReply<QStringList> reply;
        client.listSubjects(false, reply.callback());
        QVERIFY(!reply.done); // asynchronous: the caller never waits
        QVERIFY(reply.wait(10000));
        QCOMPARE(reply.error.kind, RegistryError::Kind::Timeout);
        QCOMPARE(reply.error.reason, QStringLiteral("no answer within 0.5 s"));
        QVERIFY(reply.error.isUnreachable());
        QVERIFY2(elapsed.elapsed() < 5000, qPrintable(QString::number(elapsed.elapsed())));
    }

    void closedHalfWayIsAnError()
    {
        HostilePeer peer(HostilePeer::Behaviour::CloseHalfWay);
        SchemaRegistryClient client(peer.url());
        client.setTimeout(5000);
        RegistryReply<SchemaVersion> reply;
        client.fetchSchemaById(1, reply.callback());
        QVERIFY(reply.wait());
        QVERIFY2(reply.error.isError(), "a cut-off answer must not pass as a schema");
        QVERIFY(!reply.error.message.isEmpty());
    }

    void hugeAnswerIsRefused()
    {
        HostilePeer peer(HostilePeer::Behaviour::HugeAnnounced);
        SchemaRegistryClient client(peer.url());
        RegistryReply<QStringList> reply;
        client.listSubjects(false, reply.callback());
        QVERIFY(reply.wait());
        QCOMPARE(reply.error.kind, RegistryError::Kind::BadAnswer);
        QVERIFY2(reply.error.reason.contains(QLatin1String("larger than")), qPrintable(reply.error.reason));
    }

    void refusedConnectionIsUnreachable()
    {
        SchemaRegistryClient client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(Samsa::Test::closedLocalPort())));
        RegistryReply<QStringList> reply;
        client.listSubjects(false, reply.callback());
        QVERIFY(reply.wait());
        QCOMPARE(reply.error.kind, RegistryError::Kind::Unreachable);
        QVERIFY2(reply.error.message.contains(QLatin1String("unreachable")), qPrintable(reply.error.message));
    }

    void sendsBasicAuth()
    {
        HostilePeer peer(HostilePeer::Behaviour::Answer, HostilePeer::http("[]"));
        SchemaRegistryClient client(peer.url());
        client.setBasicAuth(QStringLiteral("alice"), QStringLiteral("s3cret"));
        RegistryReply<QStringList> reply;
        client.listSubjects(true, reply.callback());
        SAMSA_AWAIT_OK(reply);
        QVERIFY(reply.value.isEmpty());
        QVERIFY2(peer.lastRequest().contains(QByteArray("Authorization: Basic " + QByteArray("alice:s3cret").toBase64())),
            peer.lastRequest().constData());
        QVERIFY(peer.lastRequest().startsWith("GET /subjects?deleted=true HTTP/1.1"));
    }

    void unreadableCaFileFailsEveryRequest()
    {
        SchemaRegistryClient client(QUrl(QStringLiteral("https://127.0.0.1:1")));
        QString error;
        QVERIFY(!client.setCaFile(QStringLiteral("/nonexistent/ca.pem"), &error));
        QVERIFY(error.contains(QLatin1String("/nonexistent/ca.pem")));
        RegistryReply<QStringList> reply;
        client.listSubjects(false, reply.callback());
        QVERIFY(!reply.done);
        QVERIFY(reply.wait());
        QCOMPARE(reply.error.kind, RegistryError::Kind::Configuration);
    }
};

SAMSA_TEST_MAIN(TestSchemaRegistryClient, QCoreApplication)
#include "tst_schemaregistryclient.moc"
