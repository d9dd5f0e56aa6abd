// The connection test's failure classifier on librdkafka 2.0.2's own texts (as seen against
// samsa-broker, see tests/integration/tst_secureconnection.cpp), the refinement of "certificate
// verify failed" by our own handshake's verdict, and the certificate host name rules.

#include "kafka/certificateprobe.h"
#include "kafka/connectionfailure.h"
#include "testmain.h"

using namespace Samsa;
using Kind = ConnectionFailure::Kind;

namespace {

ConnectionFailureContext scramOverTls()
{
    ConnectionFailureContext context;
    context.bootstrapServers = QStringLiteral("127.0.0.1:9093");
    context.mechanism = QStringLiteral("SCRAM-SHA-512");
    context.tls = true;
    context.caFile = QStringLiteral("/certs/ca.pem");
    context.timeoutMs = 10000;
    return context;
}

} // namespace

class TestConnectionFailure : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void classifies_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("tls");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("message");
        QTest::addRow("wrong password")
            << QStringLiteral("sasl_ssl://127.0.0.1:9093/bootstrap: SASL authentication error: Authentication failed: "
                              "Invalid user credentials (after 107ms in state AUTH_REQ)")
            << true << int(Kind::AuthenticationFailed)
            << QStringLiteral("Authentication failed: the broker refused the user name or password (SCRAM-SHA-512).");
        QTest::addRow("wrong password, Apache Kafka's words")
            << QStringLiteral("sasl_ssl://kafka:9093/1: SASL authentication error: Authentication failed during "
                              "authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512 (after "
                              "12ms in state AUTH_REQ)")
            << true << int(Kind::AuthenticationFailed)
            << QStringLiteral("Authentication failed: the broker refused the user name or password (SCRAM-SHA-512).");
        QTest::addRow("mechanism not offered")
            << QStringLiteral("sasl_ssl://127.0.0.1:9093/bootstrap: SASL SCRAM-SHA-512 mechanism handshake failed: "
                              "Broker: Unsupported SASL mechanism: broker's supported mechanisms: PLAIN (after 0ms in "
                              "state AUTH_HANDSHAKE)")
            << true << int(Kind::MechanismNotOffered)
            << QStringLiteral("The broker does not accept the SASL mechanism SCRAM-SHA-512; it offers PLAIN.");
        QTest::addRow("certificate verify failed")
            << QStringLiteral("sasl_ssl://127.0.0.1:9093/bootstrap: SSL handshake failed: error:0A000086:SSL "
                              "routines::certificate verify failed: broker certificate could not be verified, verify "
                              "that ssl.ca.location is correctly configured or root CA certificates are installed "
                              "(install ca-certificates package) (after 2ms in state SSL_HANDSHAKE)")
            << true << int(Kind::CertificateRejected)
            << QStringLiteral("The broker's certificate at 127.0.0.1:9093 could not be verified with the CA file "
                              "/certs/ca.pem: it was signed by another CA, or it is for another host name.");
        QTest::addRow("TLS to a PLAINTEXT port")
            << QStringLiteral("sasl_ssl://127.0.0.1:9092/bootstrap: SSL handshake failed: error:0A000126:SSL "
                              "routines::unexpected eof while reading (after 0ms in state SSL_HANDSHAKE)")
            << true << int(Kind::TlsToPlaintextPort)
            << QStringLiteral("The broker at 127.0.0.1:9092 did not answer the TLS handshake: this port seems to "
                              "take PLAINTEXT or SASL_PLAINTEXT, not SASL_SSL.");
        QTest::addRow("plain Kafka to a TLS port")
            << QStringLiteral("sasl_plaintext://127.0.0.1:9093/bootstrap: Disconnected while requesting ApiVersion: "
                              "might be caused by incorrect security.protocol configuration (connecting to a SSL "
                              "listener?) or broker version is < 0.10 (see api.version.request) (after 2ms in state "
                              "APIVERSION_QUERY)")
            << false << int(Kind::PlaintextToTlsPort)
            << QStringLiteral("The broker at 127.0.0.1:9093 closed the connection at once: this port seems to want "
                              "TLS (SSL or SASL_SSL).");
        QTest::addRow("refused")
            << QStringLiteral("127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed: Connection refused (after "
                              "0ms in state CONNECT)")
            << false << int(Kind::ConnectionRefused)
            << QStringLiteral("Nothing accepts connections at 127.0.0.1:1 (connection refused): is the broker "
                              "running, and is the port right?");
        QTest::addRow("unresolved") << QStringLiteral(
            "nohost.invalid:9092/bootstrap: Failed to resolve 'nohost.invalid:9092': Name or "
            "service not known (after 1ms in state CONNECT)")
                                    << false << int(Kind::HostNotFound)
                                    << QStringLiteral("The host name of nohost.invalid:9092 cannot be resolved.");
        QTest::addRow("timed out") << QStringLiteral("Local: Timed out") << false << int(Kind::TimedOut)
                                   << QStringLiteral("No answer from 127.0.0.1:9093 within 10 seconds.");
        QTest::addRow("other") << QStringLiteral("Local: Something new") << false << int(Kind::Other)
                               << QStringLiteral("Local: Something new");
    }

    void classifies()
    {
        QFETCH(QString, text);
        QFETCH(bool, tls);
        QFETCH(int, kind);
        QFETCH(QString, message);
        ConnectionFailureContext context = scramOverTls();
        context.tls = tls;
        const ConnectionFailure failure = classifyConnectionFailure(text, context);
        QCOMPARE(int(failure.kind), kind);
        QCOMPARE(failure.message, message);
        if (failure.kind != Kind::Other)
            QCOMPARE(failure.detail, text);
    }

    void namesTheBrokerFromTheText()
    {
        QString host;
        quint16 port = 0;
        QVERIFY(failedBrokerAddress(
            QStringLiteral("sasl_ssl://[::1]:9093/2: SSL handshake failed"), QStringLiteral("a:1"), &host, &port));
        QCOMPARE(host, QStringLiteral("::1"));
        QCOMPARE(port, quint16(9093));
        QVERIFY(failedBrokerAddress(
            QStringLiteral("Local: Timed out"), QStringLiteral("SASL_SSL://kafka-1:9094,b:2"), &host, &port));
        QCOMPARE(host, QStringLiteral("kafka-1"));
        QCOMPARE(port, quint16(9094));
        QVERIFY(!failedBrokerAddress(QStringLiteral("Local: Timed out"), QStringLiteral("nohost"), &host, &port));
    }

    void refinesCertificateFailures()
    {
        const ConnectionFailureContext context = scramOverTls();
        const ConnectionFailure rejected = classifyConnectionFailure(
            QStringLiteral(
                "sasl_ssl://127.0.0.1:9093/bootstrap: error:0A000086:SSL routines::certificate verify failed"),
            context);
        QCOMPARE(rejected.kind, Kind::CertificateRejected);

        CertificateDiagnosis untrusted;
        untrusted.completed = true;
        untrusted.host = QStringLiteral("127.0.0.1");
        untrusted.certificateNames = { QStringLiteral("127.0.0.1") };
        untrusted.hostMatches = true;
        untrusted.issuer = QStringLiteral("Samsa Test CA");
        ConnectionFailure refined = refineCertificateFailure(rejected, untrusted, context);
        QCOMPARE(refined.kind, Kind::CertificateNotTrusted);
        QCOMPARE(refined.message,
            QStringLiteral("The broker's certificate is not trusted by the CA file /certs/ca.pem (it was issued by "
                           "Samsa Test CA): choose the CA file that signed it."));
        QCOMPARE(refined.detail, rejected.detail);

        CertificateDiagnosis otherHost;
        otherHost.completed = true;
        otherHost.chainTrusted = true;
        otherHost.host = QStringLiteral("127.0.0.1");
        otherHost.certificateNames = { QStringLiteral("elsewhere.invalid"), QStringLiteral("other.invalid") };
        refined = refineCertificateFailure(rejected, otherHost, context);
        QCOMPARE(refined.kind, Kind::HostNameMismatch);
        QVERIFY2(refined.message.startsWith(QStringLiteral("The broker's certificate is for another host name "
                                                           "(elsewhere.invalid, other.invalid), not 127.0.0.1")),
            qPrintable(refined.message));

        CertificateDiagnosis expired = untrusted;
        expired.otherProblems = { QStringLiteral("The certificate has expired") };
        refined = refineCertificateFailure(rejected, expired, context);
        QCOMPARE(refined.kind, Kind::CertificateRejected);
        QCOMPARE(refined.message, QStringLiteral("The broker's certificate was refused: The certificate has expired."));

        // No verdict: the general message stays.
        CertificateDiagnosis none;
        QCOMPARE(refineCertificateFailure(rejected, none, context).message, rejected.message);
    }

    void matchesHostNames_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<bool>("matches");
        QTest::addRow("ip") << QStringLiteral("127.0.0.1") << QStringList { QStringLiteral("127.0.0.1") } << true;
        QTest::addRow("ip is not a name")
            << QStringLiteral("127.0.0.1") << QStringList { QStringLiteral("localhost") } << false;
        QTest::addRow("ipv6 spelled apart")
            << QStringLiteral("::1") << QStringList { QStringLiteral("0:0:0:0:0:0:0:1") } << true;
        QTest::addRow("name, any case") << QStringLiteral("Kafka.Example.com")
                                        << QStringList { QStringLiteral("kafka.example.com") } << true;
        QTest::addRow("wildcard, one label")
            << QStringLiteral("b1.example.com") << QStringList { QStringLiteral("*.example.com") } << true;
        QTest::addRow("wildcard, not two labels")
            << QStringLiteral("a.b1.example.com") << QStringList { QStringLiteral("*.example.com") } << false;
        QTest::addRow("other name") << QStringLiteral("localhost")
                                    << QStringList { QStringLiteral("elsewhere.invalid") } << false;
    }

    void matchesHostNames()
    {
        QFETCH(QString, host);
        QFETCH(QStringList, names);
        QFETCH(bool, matches);
        QCOMPARE(CertificateProbe::hostMatches(host, names), matches);
    }
};

SAMSA_TEST_MAIN(TestConnectionFailure, QCoreApplication)
#include "tst_connectionfailure.moc"
