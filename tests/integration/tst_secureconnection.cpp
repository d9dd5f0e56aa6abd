// The app's core over SASL_SSL with SCRAM-SHA-512 against the real samsa-broker (issue 12): the
// connection test, a session loading metadata and configurations, and one message produced and read
// back, all verifying the broker's certificate against a CA made for the test; and a wrong password,
// a CA that did not sign the broker's certificate, a certificate for another host name, TLS to a
// PLAINTEXT port and plain Kafka to a TLS port each told apart in the connection test's message.

#include "brokerprocess.h"
#include "kafka/connectiontester.h"
#include "kafka/kafkaclustersession.h"
#include "kafka/kafkathreads.h"
#include "messages/messageproducer.h"
#include "messages/messagereader.h"
#include "profiles/connectionconfig.h"
#include "rdkafkaadmin.h"
#include "testcertificates.h"
#include "testmain.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>

#include <sys/stat.h>

using namespace Samsa;
using Samsa::Test::BrokerProcess;
using Samsa::Test::RdKafkaAdmin;
using Samsa::Test::TestCertificates;

namespace {

const QString kUser = QStringLiteral("alice");
const QString kPassword = QStringLiteral("alice-scram-secret");
// A refused login or a failed TLS handshake is reported at once, long before the test's timeout:
// the tester is given kFailureTimeoutMs and the test waits only kFailureWaitMs for its answer.
constexpr int kFailureTimeoutMs = 60000;
constexpr int kFailureWaitMs = 15000;
// Plain Kafka sent to a TLS port looks like a broker going away, which librdkafka retries until
// the timeout: a short one keeps that case quick.
constexpr int kRetriedFailureTimeoutMs = 1500;

struct Outcome {
    bool finished = false;
    ConnectionTestResult result;
    ConnectionFailure failure;
    qint64 elapsedMs = 0;
};

Outcome runTest(const ConnectionProfile& profile, const ProfileSecrets& secrets, int timeoutMs, int waitMs = -1)
{
    ConnectionTester tester;
    QSignalSpy finished(&tester, &ConnectionTester::finished);
    QElapsedTimer timer;
    timer.start();
    tester.start(profile, secrets, timeoutMs);
    Outcome outcome;
    outcome.finished = finished.wait(waitMs >= 0 ? waitMs : timeoutMs + 10000);
    outcome.elapsedMs = timer.elapsed();
    if (outcome.finished) {
        outcome.result = finished.first().at(0).value<ConnectionTestResult>();
        outcome.failure = finished.first().at(1).value<ConnectionFailure>();
    }
    return outcome;
}

QByteArray describe(const Outcome& outcome)
{
    return QStringLiteral("kind %1, message '%2', librdkafka '%3'")
        .arg(int(outcome.failure.kind))
        .arg(outcome.failure.message, outcome.result.error)
        .toUtf8();
}

} // namespace

class TestSecureConnection : public QObject {
    Q_OBJECT

private:
    TestCertificates m_certificates;
    QString m_usersFile;
    BrokerProcess m_broker; // PLAINTEXT and SASL_SSL, the certificate for 127.0.0.1 and localhost
    BrokerProcess m_wrongHostBroker; // SASL_SSL, a certificate for elsewhere.invalid only

    QStringList saslArguments() const
    {
        return { QStringLiteral("--set"), QStringLiteral("sasl.enabled.mechanisms=SCRAM-SHA-512"),
            QStringLiteral("--set"), QStringLiteral("sasl.users.file=") + m_usersFile };
    }

    QString saslSslAddress(const BrokerProcess& broker) const
    {
        return QStringLiteral("127.0.0.1:%1").arg(broker.listenerPort(QStringLiteral("SASL_SSL")));
    }

    ConnectionProfile profile(const QString& bootstrap, const QString& caFile) const
    {
        ConnectionProfile profile;
        profile.name = QStringLiteral("secure");
        profile.bootstrapServers = bootstrap;
        profile.securityProtocol = SecurityProtocol::SaslSsl;
        profile.saslMechanism = SaslMechanism::ScramSha512;
        profile.saslUsername = kUser;
        profile.caFile = caFile;
        profile.verifyHostname = true;
        return profile;
    }

    static ProfileSecrets secrets(const QString& password = kPassword)
    {
        ProfileSecrets secrets;
        secrets.saslPassword = password;
        return secrets;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!BrokerProcess::binaryPath().isEmpty(), "SAMSA_BROKER_BIN is not set (run through ctest)");
        QVERIFY2(m_certificates.create(), m_certificates.errorText());
        m_usersFile = m_certificates.directory() + QStringLiteral("/users");
        QFile users(m_usersFile);
        QVERIFY(users.open(QIODevice::WriteOnly));
        users.write(QStringLiteral("%1:%2\n").arg(kUser, kPassword).toUtf8());
        users.close();
        QCOMPARE(::chmod(QFile::encodeName(m_usersFile).constData(), 0600), 0);

        m_broker.setListen(QStringLiteral("PLAINTEXT://127.0.0.1:0,SASL_SSL://127.0.0.1:0"));
        m_broker.setExtraArguments(m_certificates.brokerArguments() + saslArguments());
        QVERIFY2(m_broker.start(), m_broker.errorText());

        m_wrongHostBroker.setListen(QStringLiteral("SASL_SSL://127.0.0.1:0"));
        m_wrongHostBroker.setExtraArguments(saslArguments()
            + QStringList { QStringLiteral("--set"),
                QStringLiteral("ssl.certificate.location=") + m_certificates.wrongHostCertificate(),
                QStringLiteral("--set"), QStringLiteral("ssl.key.location=") + m_certificates.wrongHostKey() });
        QVERIFY2(m_wrongHostBroker.start(), m_wrongHostBroker.errorText());
    }

    void cleanup() { QVERIFY(KafkaThreads::waitForAll(20000)); }

    void propertiesAskForScramOverVerifiedTls()
    {
        const auto properties = ConnectionConfig::librdkafkaProperties(
            profile(saslSslAddress(m_broker), m_certificates.caCertificate()), secrets());
        QHash<QString, QString> byKey;
        for (const auto& [key, value] : properties)
            byKey.insert(key, value);
        QCOMPARE(byKey.value(QStringLiteral("security.protocol")), QStringLiteral("sasl_ssl"));
        QCOMPARE(byKey.value(QStringLiteral("sasl.mechanisms")), QStringLiteral("SCRAM-SHA-512"));
        QCOMPARE(byKey.value(QStringLiteral("sasl.username")), kUser);
        QCOMPARE(byKey.value(QStringLiteral("sasl.password")), kPassword);
        QCOMPARE(byKey.value(QStringLiteral("ssl.ca.location")), m_certificates.caCertificate());
        QCOMPARE(byKey.value(QStringLiteral("ssl.endpoint.identification.algorithm")), QStringLiteral("https"));
    }

    void connectionTestSucceeds()
    {
        const Outcome outcome
            = runTest(profile(saslSslAddress(m_broker), m_certificates.caCertificate()), secrets(), 10000);
        QVERIFY(outcome.finished);
        QVERIFY2(outcome.result.ok, describe(outcome));
        QCOMPARE(outcome.result.brokerCount, 1);
        QCOMPARE(outcome.failure.kind, ConnectionFailure::Kind::None);
    }

    // Connect (not only Test) says why it failed, with librdkafka's words after it.
    void sessionFailureIsExplained()
    {
        KafkaClusterSession session(
            profile(saslSslAddress(m_broker), m_certificates.caCertificate()), secrets(QStringLiteral("wrong")));
        session.setTimeoutMs(kFailureTimeoutMs);
        session.connectToCluster();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), ClusterSession::State::Failed, kFailureWaitMs);
        const QString error = session.errorText();
        QVERIFY2(error.startsWith(QStringLiteral("Authentication failed: the broker refused the user name or password")),
            qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("(librdkafka: ")), qPrintable(error));
    }

    void sessionLoadsMetadataConfigsAndMessages()
    {
        {
            RdKafkaAdmin admin(m_broker.bootstrapServers()); // the PLAINTEXT listener
            QVERIFY2(admin.createTopic({ "secured", 2, {} }).ok(), "create secured");
        }
        const ConnectionProfile secure = profile(saslSslAddress(m_broker), m_certificates.caCertificate());
        KafkaClusterSession session(secure, secrets());
        session.setTimeoutMs(10000);
        QSignalSpy watermarks(&session, &KafkaClusterSession::watermarksFinished);
        session.connectToCluster();
        QVERIFY(watermarks.wait(15000));
        QCOMPARE(session.state(), ClusterSession::State::Connected);
        const ClusterMetadata metadata = session.metadata();
        QCOMPARE(metadata.brokers.size(), 1);
        // Each listener advertises itself: the session stays on the SASL_SSL port.
        QCOMPARE(metadata.brokers.first().port, int(m_broker.listenerPort(QStringLiteral("SASL_SSL"))));
        const auto topic = std::find_if(metadata.topics.cbegin(), metadata.topics.cend(),
            [](const TopicInfo& info) { return info.name == QStringLiteral("secured"); });
        QVERIFY(topic != metadata.topics.cend());
        QCOMPARE(topic->partitions.size(), 2);

        QSignalSpy configs(&session, &ClusterSession::configsReady);
        session.requestConfigs({ ConfigResourceType::Topic, QStringLiteral("secured") });
        QVERIFY(configs.wait(15000));
        const ConfigResult config = configs.first().at(0).value<ConfigResult>();
        QVERIFY2(config.error.isEmpty(), qPrintable(config.error));
        QVERIFY(!config.entries.isEmpty());

        // One record through core's producer and back through its reader, both over SASL_SSL.
        const auto properties = ConnectionConfig::librdkafkaProperties(secure, secrets());
        MessageProducer producer(properties);
        QSignalSpy produced(&producer, &MessageProducer::finished);
        QSignalSpy produceFailed(&producer, &MessageProducer::failed);
        ProduceRecord record;
        record.topic = QStringLiteral("secured");
        record.partition = 1;
        record.key = QByteArray("k");
        record.value = QByteArray("over SASL_SSL");
        producer.start({ record }, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!produced.isEmpty() || !produceFailed.isEmpty(), 20000);
        QVERIFY2(produceFailed.isEmpty(), qPrintable(produceFailed.value(0).value(0).toString()));
        QCOMPARE(produced.first().at(0).value<ProduceSummary>().delivered, 1);

        MessageReader reader(properties);
        QList<KafkaRecord> records;
        connect(&reader, &MessageReader::recordsReady, &reader,
            [&records](const QList<KafkaRecord>& batch) { records += batch; });
        QSignalSpy read(&reader, &MessageReader::finished);
        QSignalSpy readFailed(&reader, &MessageReader::failed);
        ReadRequest request;
        request.topic = QStringLiteral("secured");
        reader.start(request);
        QTRY_VERIFY_WITH_TIMEOUT(!read.isEmpty() || !readFailed.isEmpty(), 20000);
        QVERIFY2(readFailed.isEmpty(), qPrintable(readFailed.value(0).value(0).toString()));
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.first().partition, 1);
        QCOMPARE(records.first().value.value_or(QByteArray()), QByteArray("over SASL_SSL"));
    }

    void failuresAreToldApart_data()
    {
        QTest::addColumn<int>("broker"); // 0: the right certificate, 1: the wrong host's
        QTest::addColumn<bool>("otherCa");
        QTest::addColumn<QString>("password");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("expected");
        QTest::addRow("wrong password") << 0 << false << QStringLiteral("not-the-password")
                                        << int(ConnectionFailure::Kind::AuthenticationFailed)
                                        << QStringLiteral("Authentication failed: the broker refused the user name "
                                                          "or password (SCRAM-SHA-512).");
        QTest::addRow("untrusted CA") << 0 << true << kPassword << int(ConnectionFailure::Kind::CertificateNotTrusted)
                                      << QStringLiteral("The broker's certificate is not trusted by the CA file %1");
        QTest::addRow("host name mismatch")
            << 1 << false << kPassword << int(ConnectionFailure::Kind::HostNameMismatch)
            << QStringLiteral("The broker's certificate is for another host name (elsewhere.invalid), not 127.0.0.1");
    }

    void failuresAreToldApart()
    {
        QFETCH(int, broker);
        QFETCH(bool, otherCa);
        QFETCH(QString, password);
        QFETCH(int, kind);
        QFETCH(QString, expected);
        const QString caFile = otherCa ? m_certificates.otherCaCertificate() : m_certificates.caCertificate();
        const Outcome outcome = runTest(profile(saslSslAddress(broker == 0 ? m_broker : m_wrongHostBroker), caFile),
            secrets(password), kFailureTimeoutMs, kFailureWaitMs);
        QVERIFY2(outcome.finished, "no answer before the timeout: the failure was retried");
        qInfo("%s", describe(outcome).constData()); // librdkafka's words, as they are
        QVERIFY(!outcome.result.ok);
        QCOMPARE(int(outcome.failure.kind), kind);
        QVERIFY2(outcome.failure.message.startsWith(expected.arg(caFile)), describe(outcome));
        // librdkafka's exact text stays available under the message.
        QCOMPARE(outcome.failure.detail, outcome.result.error);
        QVERIFY(!outcome.failure.detail.isEmpty());
        QVERIFY2(!outcome.failure.message.contains(password), describe(outcome));
        m_messages.insert(QString::fromUtf8(QTest::currentDataTag()), outcome.failure.message);
    }

    void theThreeMessagesDiffer()
    {
        QCOMPARE(m_messages.size(), 3);
        const QStringList messages = m_messages.values();
        QCOMPARE(QSet<QString>(messages.cbegin(), messages.cend()).size(), 3);
    }

    void wrongProtocolForThePort_data()
    {
        QTest::addColumn<bool>("tlsToPlaintext");
        QTest::addRow("SASL_SSL to the PLAINTEXT port") << true;
        QTest::addRow("SASL_PLAINTEXT to the SASL_SSL port") << false;
    }

    void wrongProtocolForThePort()
    {
        QFETCH(bool, tlsToPlaintext);
        ConnectionProfile wrong = profile(
            tlsToPlaintext ? m_broker.bootstrapServers() : saslSslAddress(m_broker), m_certificates.caCertificate());
        if (!tlsToPlaintext)
            wrong.securityProtocol = SecurityProtocol::SaslPlaintext;
        const int timeoutMs = tlsToPlaintext ? kFailureTimeoutMs : kRetriedFailureTimeoutMs;
        const Outcome outcome = runTest(wrong, secrets(), timeoutMs, tlsToPlaintext ? kFailureWaitMs : -1);
        QVERIFY(outcome.finished);
        qInfo("%s", describe(outcome).constData());
        QCOMPARE(outcome.failure.kind,
            tlsToPlaintext ? ConnectionFailure::Kind::TlsToPlaintextPort : ConnectionFailure::Kind::PlaintextToTlsPort);
    }

private:
    QMap<QString, QString> m_messages;
};

SAMSA_TEST_MAIN(TestSecureConnection, QCoreApplication)
#include "tst_secureconnection.moc"
