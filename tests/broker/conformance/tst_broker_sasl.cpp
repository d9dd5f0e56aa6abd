// SASL/PLAIN on samsa-broker (sasl.enabled.mechanisms=PLAIN, users from sasl.plain.users): librdkafka
// with SASL_PLAINTEXT and the right or a wrong password, kafka-python (SaslHandshake v0 and a raw
// token), hand-built SaslHandshake/SaslAuthenticate frames, and a broker without SASL refusing it.

#include "brokerprocess.h"
#include "rawkafka.h"
#include "rdkafkaclient.h"
#include "testmain.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QTcpSocket>

#include <librdkafka/rdkafka.h>

#include <memory>

using namespace Samsa::Test;

namespace {

constexpr qint16 kMetadata = 3;
constexpr qint16 kSaslHandshake = 17;
constexpr qint16 kSaslAuthenticate = 36;
constexpr qint16 kUnsupportedSaslMechanism = 33;
constexpr qint16 kIllegalSaslState = 34;
constexpr qint16 kSaslAuthenticationFailed = 58;

const QStringList kSaslArguments { QStringLiteral("--set"), QStringLiteral("sasl.enabled.mechanisms=PLAIN"),
    QStringLiteral("--set"), QStringLiteral("sasl.plain.users=alice:alice-secret,a:b") };

KafkaConfig saslConfig(const QByteArray& user, const QByteArray& password)
{
    return { { "security.protocol", "SASL_PLAINTEXT" }, { "sasl.mechanisms", "PLAIN" }, { "sasl.username", user },
        { "sasl.password", password } };
}

QByteArray plainToken(const QByteArray& user, const QByteArray& password)
{
    return QByteArray(1, '\0') + user + QByteArray(1, '\0') + password;
}

struct HandshakeAnswer {
    qint16 error = -1;
    QList<QByteArray> mechanisms;
};

HandshakeAnswer handshake(QTcpSocket& socket, qint16 version, const QByteArray& mechanism)
{
    QByteArray body;
    Raw::appendString(body, mechanism);
    Raw::Reader in(Raw::roundTrip(socket, Raw::request(kSaslHandshake, version, 7, body)));
    HandshakeAnswer answer;
    if (in.int32() != 7)
        return answer;
    answer.error = in.int16();
    const qint32 count = in.arrayLength();
    for (qint32 i = 0; i < count && in.ok(); ++i)
        answer.mechanisms.push_back(in.string());
    if (!in.ok() || !in.atEnd())
        answer.error = -1;
    return answer;
}

// True when a Metadata v0 request is answered: the connection may send ordinary requests.
bool servesMetadata(QTcpSocket& socket)
{
    QByteArray body;
    Raw::appendInt32(body, 0);
    const QByteArray response = Raw::roundTrip(socket, Raw::request(kMetadata, 0, 42, body));
    return Raw::int32At(response, 0) == 42;
}

// librdkafka's error callback: the first error that is not a transport hiccup.
struct ErrorRecorder {
    rd_kafka_resp_err_t error = RD_KAFKA_RESP_ERR_NO_ERROR;
    QByteArray reason;
    static void callback(rd_kafka_t*, int error, const char* reason, void* opaque)
    {
        auto* self = static_cast<ErrorRecorder*>(opaque);
        if (self->error == RD_KAFKA_RESP_ERR_NO_ERROR && error != RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) {
            self->error = static_cast<rd_kafka_resp_err_t>(error);
            self->reason = reason;
        }
    }
};

// Connects a librdkafka producer with these SASL credentials and waits for its first error.
ErrorRecorder firstClientError(const QString& bootstrap, const QByteArray& user, const QByteArray& password)
{
    ErrorRecorder recorder;
    char error[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    KafkaConfig config = saslConfig(user, password);
    config.insert("bootstrap.servers", bootstrap.toUtf8());
    for (auto it = config.begin(); it != config.end(); ++it)
        rd_kafka_conf_set(conf, it.key().constData(), it.value().constData(), error, sizeof error);
    rd_kafka_conf_set_error_cb(conf, &ErrorRecorder::callback);
    rd_kafka_conf_set_opaque(conf, &recorder);
    rd_kafka_t* handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
    if (!handle) {
        rd_kafka_conf_destroy(conf);
        recorder.reason = error;
        recorder.error = RD_KAFKA_RESP_ERR__INVALID_ARG;
        return recorder;
    }
    const QDeadlineTimer deadline(15000);
    while (recorder.error == RD_KAFKA_RESP_ERR_NO_ERROR && !deadline.hasExpired())
        rd_kafka_poll(handle, 100);
    rd_kafka_destroy(handle);
    return recorder;
}

} // namespace

class TestBrokerSasl : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void librdkafkaWithTheRightPassword();
    void librdkafkaWithAWrongPassword();
    void kafkaPythonWithAShortRawToken();
    void saslAuthenticate_data();
    void saslAuthenticate();
    void rawTokenAfterHandshakeV0_data();
    void rawTokenAfterHandshakeV0();
    void requestBeforeAuthenticationClosesTheConnection();
    void unknownMechanismIsRefusedWithTheEnabledOnes();
    void brokerWithoutSaslRefusesTheMechanism();

private:
    std::unique_ptr<QTcpSocket> connectToBroker(quint16 port);

    BrokerProcess m_broker;
};

void TestBrokerSasl::initTestCase()
{
    m_broker.setExtraArguments(kSaslArguments);
    QVERIFY2(m_broker.start(), m_broker.errorText());
}

void TestBrokerSasl::cleanupTestCase()
{
    QVERIFY2(m_broker.stop(), m_broker.errorText());
}

std::unique_ptr<QTcpSocket> TestBrokerSasl::connectToBroker(quint16 port)
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(QHostAddress::LocalHost, port);
    return socket->waitForConnected(5000) ? std::move(socket) : nullptr;
}

void TestBrokerSasl::librdkafkaWithTheRightPassword()
{
    const KafkaConfig config = saslConfig("alice", "alice-secret");
    {
        RdKafkaProducer producer(m_broker.bootstrapServers(), config);
        QVERIFY2(producer.isValid(), qPrintable(producer.error()));
        for (int i = 0; i < 5; ++i)
            QVERIFY(producer.produce("sasl-rdk", 0, "k", "authenticated-" + QByteArray::number(i)));
        QVERIFY2(producer.flush(15000), qPrintable(producer.deliveryErrors()));
        QVERIFY2(producer.deliveryErrors().isEmpty(), qPrintable(producer.deliveryErrors()));
    }
    RdKafkaReader reader(m_broker.bootstrapServers(), config);
    QVERIFY2(reader.isValid(), qPrintable(reader.error()));
    QList<KafkaMessage> messages;
    QVERIFY2(reader.readToEnd("sasl-rdk", 0, RD_KAFKA_OFFSET_BEGINNING, &messages, 15000), qPrintable(reader.error()));
    QCOMPARE(messages.size(), 5);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(messages[i].value, "authenticated-" + QByteArray::number(i));
}

void TestBrokerSasl::librdkafkaWithAWrongPassword()
{
    const ErrorRecorder recorder = firstClientError(m_broker.bootstrapServers(), "alice", "wrong");
    QVERIFY2(recorder.error == RD_KAFKA_RESP_ERR__AUTHENTICATION,
        qPrintable(errorText(recorder.error) + QStringLiteral(": ") + QString::fromUtf8(recorder.reason)));
    QVERIFY2(recorder.reason.contains("Invalid username or password"), recorder.reason.constData());
}

void TestBrokerSasl::kafkaPythonWithAShortRawToken()
{
    // kafka-python 2.0.2 sends SaslHandshake v0 and then the PLAIN token as a bare frame; with user
    // "a" and password "b" that frame is 4 bytes, shorter than any Kafka request.
    if (!QFileInfo::exists(QStringLiteral("/usr/lib/python3/dist-packages/kafka/__init__.py")))
        QSKIP("python3-kafka is not installed");
    const QString script
        = QStringLiteral("import sys\n"
                         "from kafka import KafkaProducer, KafkaConsumer, TopicPartition\n"
                         "common = dict(bootstrap_servers=sys.argv[1], security_protocol='SASL_PLAINTEXT',\n"
                         "              sasl_mechanism='PLAIN', sasl_plain_username='a', sasl_plain_password='b')\n"
                         "producer = KafkaProducer(**common)\n"
                         "producer.send('sasl-py', b'from-python').get(timeout=10)\n"
                         "producer.close()\n"
                         "consumer = KafkaConsumer(consumer_timeout_ms=5000, **common)\n"
                         "consumer.assign([TopicPartition('sasl-py', 0)])\n"
                         "consumer.seek_to_beginning()\n"
                         "values = [m.value for m in consumer]\n"
                         "assert values == [b'from-python'], values\n"
                         "print('ok')\n");
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"), { QStringLiteral("-c"), script, m_broker.bootstrapServers() });
    QVERIFY(python.waitForStarted());
    QVERIFY2(python.waitForFinished(30000), "kafka-python did not finish");
    const QByteArray output = python.readAllStandardOutput();
    QVERIFY2(python.exitCode() == 0 && output.trimmed() == "ok",
        QByteArray(output + python.readAllStandardError().right(2000)).constData());
}

void TestBrokerSasl::saslAuthenticate_data()
{
    QTest::addColumn<qint16>("version");
    QTest::addColumn<QByteArray>("user");
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<bool>("accepted");
    for (const qint16 version : { 0, 1, 2 }) {
        QTest::addRow("v%d right password", version)
            << version << QByteArray("alice") << QByteArray("alice-secret") << true;
        QTest::addRow("v%d wrong password", version) << version << QByteArray("alice") << QByteArray("nope") << false;
        QTest::addRow("v%d unknown user", version) << version << QByteArray("mallory") << QByteArray("b") << false;
    }
}

void TestBrokerSasl::saslAuthenticate()
{
    QFETCH(qint16, version);
    QFETCH(QByteArray, user);
    QFETCH(QByteArray, password);
    QFETCH(bool, accepted);
    auto socket = connectToBroker(m_broker.port());
    QVERIFY(socket);
    const HandshakeAnswer answer = handshake(*socket, 1, "PLAIN");
    QCOMPARE(answer.error, qint16(0));
    QCOMPARE(answer.mechanisms, QList<QByteArray> { "PLAIN" });

    const bool flexible = version >= 2;
    QByteArray body;
    const QByteArray token = plainToken(user, password);
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
    Raw::Reader in(Raw::roundTrip(*socket, frame));
    QCOMPARE(in.int32(), 8);
    if (flexible)
        in.skipTaggedFields();
    const qint16 error = in.int16();
    const QByteArray message = flexible ? in.compactString() : in.string();
    flexible ? in.compactBytes() : in.bytes();
    if (version >= 1)
        in.int64(); // session lifetime
    if (flexible)
        in.skipTaggedFields();
    QVERIFY(in.ok());
    QVERIFY(in.atEnd());
    if (accepted) {
        QCOMPARE(error, qint16(0));
        QVERIFY(message.isNull());
        QVERIFY(servesMetadata(*socket));
    } else {
        QCOMPARE(error, kSaslAuthenticationFailed);
        QVERIFY(!message.isEmpty());
        QVERIFY(Raw::waitForClose(*socket));
    }
}

void TestBrokerSasl::rawTokenAfterHandshakeV0_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<bool>("accepted");
    QTest::addRow("short token (4 bytes)") << plainToken("a", "b") << true;
    QTest::addRow("long token") << plainToken("alice", "alice-secret") << true;
    QTest::addRow("short wrong token") << plainToken("a", "c") << false;
    QTest::addRow("empty token") << QByteArray() << false;
}

void TestBrokerSasl::rawTokenAfterHandshakeV0()
{
    QFETCH(QByteArray, token);
    QFETCH(bool, accepted);
    auto socket = connectToBroker(m_broker.port());
    QVERIFY(socket);
    QCOMPARE(handshake(*socket, 0, "PLAIN").error, qint16(0));
    QByteArray frame;
    Raw::appendInt32(frame, qint32(token.size()));
    socket->write(frame + token);
    if (!accepted) {
        QVERIFY(Raw::waitForClose(*socket));
        return;
    }
    // The answer is a bare, empty server token: a zero length prefix.
    QDeadlineTimer deadline(5000);
    while (socket->bytesAvailable() < 4 && !deadline.hasExpired())
        socket->waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
    QCOMPARE(socket->read(4), QByteArray(4, '\0'));
    QVERIFY(servesMetadata(*socket));
}

void TestBrokerSasl::requestBeforeAuthenticationClosesTheConnection()
{
    auto socket = connectToBroker(m_broker.port());
    QVERIFY(socket);
    // ApiVersions is allowed before authentication (clients need it to pick versions).
    socket->write(Raw::apiVersionsV0(5));
    QCOMPARE(Raw::int32At(Raw::readResponse(*socket), 0), 5);
    QVERIFY(!servesMetadata(*socket));
    QVERIFY(Raw::waitForClose(*socket));
}

void TestBrokerSasl::unknownMechanismIsRefusedWithTheEnabledOnes()
{
    auto socket = connectToBroker(m_broker.port());
    QVERIFY(socket);
    const HandshakeAnswer answer = handshake(*socket, 1, "SCRAM-SHA-256");
    QCOMPARE(answer.error, kUnsupportedSaslMechanism);
    QVERIFY(answer.mechanisms.contains("PLAIN"));
}

void TestBrokerSasl::brokerWithoutSaslRefusesTheMechanism()
{
    BrokerProcess plain;
    QVERIFY2(plain.start(), plain.errorText());
    auto socket = connectToBroker(plain.port());
    QVERIFY(socket);
    // Kafka's own answer on a listener without SASL: the handshake is out of place.
    const HandshakeAnswer answer = handshake(*socket, 1, "PLAIN");
    QCOMPARE(answer.error, kIllegalSaslState);
    QVERIFY(!answer.mechanisms.contains("PLAIN"));
    // ...and a SASL client gets an authentication error, not a hang.
    const ErrorRecorder recorder = firstClientError(plain.bootstrapServers(), "alice", "alice-secret");
    QVERIFY2(recorder.error == RD_KAFKA_RESP_ERR__AUTHENTICATION,
        qPrintable(errorText(recorder.error) + QStringLiteral(": ") + QString::fromUtf8(recorder.reason)));
    QVERIFY2(plain.stop(), plain.errorText());
}

SAMSA_TEST_MAIN(TestBrokerSasl, QCoreApplication)

#include "tst_broker_sasl.moc"
