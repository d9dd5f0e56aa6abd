// Listeners with security protocols and TLS (issue 12) against the real samsa-broker: kcat
// (librdkafka) over SSL verifying the CA and over mutual TLS, kafka-python and kafkajs over SSL and
// SASL_SSL with PLAIN, client-side failures for an untrusted CA and a host name mismatch, a
// PLAINTEXT and an SSL listener each advertising its own endpoint, and hostile TLS peers (silent,
// garbage). Certificates are made per run with the openssl command line (testcertificates.h).

#include "brokerprocess.h"
#include "clientrun.h"
#include "testcertificates.h"
#include "testmain.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTcpSocket>

using namespace Samsa::Test;

namespace {

QString address(quint16 port)
{
    return QStringLiteral("127.0.0.1:%1").arg(port);
}

} // namespace

class TestBrokerTls : public QObject {
    Q_OBJECT

private:
    TestCertificates m_certificates;
    QString m_kcat;
    QString m_node;
    QString m_python = QStringLiteral("/usr/bin/python3");
    QString m_scripts;

    // kcat's TLS options: verify the server against the CA (librdkafka 2.x also checks the host
    // name), plus the client certificate for mutual TLS.
    QStringList kcatTls(bool clientCertificate = false, const QString& ca = {}) const
    {
        QStringList options { QStringLiteral("-X"), QStringLiteral("security.protocol=ssl"), QStringLiteral("-X"),
            QStringLiteral("ssl.ca.location=") + (ca.isEmpty() ? m_certificates.caCertificate() : ca) };
        if (clientCertificate)
            options += { QStringLiteral("-X"),
                QStringLiteral("ssl.certificate.location=") + m_certificates.clientCertificate(), QStringLiteral("-X"),
                QStringLiteral("ssl.key.location=") + m_certificates.clientKey() };
        return options;
    }

    // kcat -L against bootstrap. A client expected to fail waits only briefly for metadata (kcat
    // retries until then), one expected to succeed returns as soon as it has them.
    ClientRun kcatMetadata(const QString& bootstrap, const QStringList& options, bool expectFailure = false) const
    {
        return runClient(m_kcat,
            QStringList { QStringLiteral("-b"), bootstrap, QStringLiteral("-L"), QStringLiteral("-m"),
                expectFailure ? QStringLiteral("2") : QStringLiteral("15") }
                + options);
    }

    // Produces lines with kcat and reads them back; empty on success, else what went wrong.
    QString kcatRoundTrip(const QString& bootstrap, const QStringList& options, const QString& topic) const
    {
        const ClientRun produced = runClient(m_kcat,
            QStringList { QStringLiteral("-b"), bootstrap, QStringLiteral("-P"), QStringLiteral("-t"), topic }
                + options,
            "first\nsecond\n");
        if (produced.exitCode != 0)
            return QStringLiteral("produce failed: ") + produced.output;
        const ClientRun consumed = runClient(m_kcat,
            QStringList { QStringLiteral("-b"), bootstrap, QStringLiteral("-C"), QStringLiteral("-t"), topic,
                QStringLiteral("-o"), QStringLiteral("beginning"), QStringLiteral("-e"), QStringLiteral("-q") }
                + options);
        if (consumed.exitCode != 0 || consumed.output != QStringLiteral("first\nsecond\n"))
            return QStringLiteral("consume gave %1: %2").arg(consumed.exitCode).arg(consumed.output);
        return {};
    }

    bool startBroker(BrokerProcess& broker, const QString& listen, const QStringList& extra = {},
        const QString& clientAuth = QStringLiteral("none"))
    {
        broker.setListen(listen);
        broker.setExtraArguments(m_certificates.brokerArguments(clientAuth) + extra);
        return broker.start();
    }

    QStringList saslArguments() const
    {
        return { QStringLiteral("--set"), QStringLiteral("sasl.enabled.mechanisms=PLAIN"), QStringLiteral("--set"),
            QStringLiteral("sasl.plain.users=alice:alice-secret") };
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!BrokerProcess::binaryPath().isEmpty(), "SAMSA_BROKER_BIN is not set (run through ctest)");
        QVERIFY2(m_certificates.create(), m_certificates.errorText());
        m_kcat = QStandardPaths::findExecutable(QStringLiteral("kcat"));
        m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
        m_scripts = qEnvironmentVariable("SAMSA_SOURCE_DIR") + QStringLiteral("/tests/broker/conformance/");
    }

    void kcatOverSslVerifiesTheCa()
    {
        if (m_kcat.isEmpty())
            QSKIP("kcat is not installed");
        BrokerProcess broker;
        QVERIFY2(startBroker(broker, QStringLiteral("SSL://127.0.0.1:0")), broker.errorText());
        QCOMPARE(broker.listenerPort(QStringLiteral("SSL")), broker.port());
        const QString failure = kcatRoundTrip(broker.bootstrapServers(), kcatTls(), QStringLiteral("tls-kcat"));
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        // The same port without TLS is not Kafka: a plaintext client gets nowhere.
        const ClientRun plain = kcatMetadata(broker.bootstrapServers(), {}, true);
        QVERIFY2(plain.exitCode != 0, qPrintable(plain.output));
    }

    void kcatOverMutualTls()
    {
        if (m_kcat.isEmpty())
            QSKIP("kcat is not installed");
        BrokerProcess broker;
        // Debug logging names the principal taken from the client certificate.
        qputenv("SAMSA_BROKER_LOG", "debug");
        const bool started = startBroker(broker, QStringLiteral("SSL://127.0.0.1:0"), {}, QStringLiteral("required"));
        qunsetenv("SAMSA_BROKER_LOG");
        QVERIFY2(started, broker.errorText());
        const QString failure = kcatRoundTrip(broker.bootstrapServers(), kcatTls(true), QStringLiteral("mtls-kcat"));
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QVERIFY2(broker.standardError().contains(QByteArray("principal " + TestCertificates::clientSubject().toUtf8())),
            broker.standardError().right(3000).constData());

        // Without a certificate the handshake fails, and the broker says so.
        const ClientRun refused = kcatMetadata(broker.bootstrapServers(), kcatTls(false), true);
        QVERIFY2(refused.exitCode != 0, qPrintable(refused.output));
        QVERIFY2(
            broker.standardError().contains("TLS handshake failed"), broker.standardError().right(3000).constData());
    }

    void untrustedCaFailsOnTheClient()
    {
        if (m_kcat.isEmpty())
            QSKIP("kcat is not installed");
        BrokerProcess broker;
        QVERIFY2(startBroker(broker, QStringLiteral("SSL://127.0.0.1:0")), broker.errorText());
        const ClientRun untrusted
            = kcatMetadata(broker.bootstrapServers(), kcatTls(false, m_certificates.otherCaCertificate()), true);
        QVERIFY2(untrusted.exitCode != 0, qPrintable(untrusted.output));
        QVERIFY2(untrusted.output.contains(QStringLiteral("certificate verify failed")), qPrintable(untrusted.output));
        // The control: the right CA works against the same broker.
        const ClientRun trusted = kcatMetadata(broker.bootstrapServers(), kcatTls());
        QVERIFY2(trusted.exitCode == 0, qPrintable(trusted.output));
    }

    void hostNameMismatchFailsOnTheClient()
    {
        if (m_kcat.isEmpty())
            QSKIP("kcat is not installed");
        BrokerProcess broker;
        broker.setListen(QStringLiteral("SSL://127.0.0.1:0"));
        // Signed by the trusted CA, but for elsewhere.invalid, not 127.0.0.1.
        broker.setExtraArguments({ QStringLiteral("--set"),
            QStringLiteral("ssl.certificate.location=") + m_certificates.wrongHostCertificate(),
            QStringLiteral("--set"), QStringLiteral("ssl.key.location=") + m_certificates.wrongHostKey() });
        QVERIFY2(broker.start(), broker.errorText());
        const ClientRun checked = kcatMetadata(broker.bootstrapServers(), kcatTls(), true);
        QVERIFY2(checked.exitCode != 0, qPrintable(checked.output));
        QVERIFY2(checked.output.contains(QStringLiteral("certificate verify failed")), qPrintable(checked.output));
        // The control: the chain itself is trusted, only the name is wrong.
        const ClientRun unchecked = kcatMetadata(broker.bootstrapServers(),
            kcatTls()
                + QStringList { QStringLiteral("-X"), QStringLiteral("ssl.endpoint.identification.algorithm=none") });
        QVERIFY2(unchecked.exitCode == 0, qPrintable(unchecked.output));
    }

    void kafkaPython_data()
    {
        QTest::addColumn<QString>("protocol");
        QTest::addRow("SSL") << QStringLiteral("SSL");
        QTest::addRow("SASL_SSL PLAIN") << QStringLiteral("SASL_SSL");
    }

    void kafkaPython()
    {
        QFETCH(QString, protocol);
        if (runClient(m_python, { QStringLiteral("-c"), QStringLiteral("import kafka") }).exitCode != 0)
            QSKIP("kafka-python (python3-kafka) is not installed");
        BrokerProcess broker;
        QVERIFY2(startBroker(broker, QStringLiteral("SSL://127.0.0.1:0,SASL_SSL://127.0.0.1:0"), saslArguments()),
            broker.errorText());
        QStringList arguments { m_scripts + QStringLiteral("tls_kafkapython.py"),
            address(broker.listenerPort(protocol)), protocol, m_certificates.caCertificate() };
        if (protocol == QStringLiteral("SASL_SSL"))
            arguments += { QStringLiteral("alice"), QStringLiteral("alice-secret") };
        const ClientRun run = runClient(m_python, arguments);
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    }

    void kafkajs_data()
    {
        QTest::addColumn<QString>("protocol");
        QTest::addRow("SSL") << QStringLiteral("SSL");
        QTest::addRow("SASL_SSL PLAIN") << QStringLiteral("SASL_SSL");
    }

    void kafkajs()
    {
        QFETCH(QString, protocol);
        const QString modules = qEnvironmentVariable("SAMSA_SOURCE_DIR") + QStringLiteral("/.npm-peers/node_modules");
        if (m_node.isEmpty() || !QFileInfo::exists(modules + QStringLiteral("/kafkajs")))
            QSKIP("node or kafkajs (.npm-peers) is not installed");
        BrokerProcess broker;
        QVERIFY2(startBroker(broker, QStringLiteral("SSL://127.0.0.1:0,SASL_SSL://127.0.0.1:0"), saslArguments()),
            broker.errorText());
        QStringList arguments { m_scripts + QStringLiteral("tls_kafkajs.js"), address(broker.listenerPort(protocol)),
            m_certificates.caCertificate() };
        if (protocol == QStringLiteral("SASL_SSL"))
            arguments += { QStringLiteral("alice"), QStringLiteral("alice-secret") };
        const ClientRun run = runClient(m_node, arguments, {}, nodeEnvironment());
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    }

    void saslOnlyWhereTheListenerSaysSo()
    {
        if (m_kcat.isEmpty())
            QSKIP("kcat is not installed");
        // Users exist, yet PLAINTEXT and SSL never ask for a login; SASL_SSL always does.
        BrokerProcess broker;
        QVERIFY2(startBroker(broker, QStringLiteral("PLAINTEXT://127.0.0.1:0,SSL://127.0.0.1:0,SASL_SSL://127.0.0.1:0"),
                     saslArguments()),
            broker.errorText());
        const ClientRun plain = kcatMetadata(address(broker.listenerPort(QStringLiteral("PLAINTEXT"))), {});
        QVERIFY2(plain.exitCode == 0, qPrintable(plain.output));
        const ClientRun tls = kcatMetadata(address(broker.listenerPort(QStringLiteral("SSL"))), kcatTls());
        QVERIFY2(tls.exitCode == 0, qPrintable(tls.output));
        const QString saslSsl = address(broker.listenerPort(QStringLiteral("SASL_SSL")));
        const QStringList sasl { QStringLiteral("-X"), QStringLiteral("security.protocol=sasl_ssl"),
            QStringLiteral("-X"), QStringLiteral("ssl.ca.location=") + m_certificates.caCertificate(),
            QStringLiteral("-X"), QStringLiteral("sasl.mechanism=PLAIN"), QStringLiteral("-X"),
            QStringLiteral("sasl.username=alice") };
        const ClientRun loggedIn = kcatMetadata(
            saslSsl, sasl + QStringList { QStringLiteral("-X"), QStringLiteral("sasl.password=alice-secret") });
        QVERIFY2(loggedIn.exitCode == 0, qPrintable(loggedIn.output));
        const ClientRun wrong = kcatMetadata(
            saslSsl, sasl + QStringList { QStringLiteral("-X"), QStringLiteral("sasl.password=wrong") }, true);
        QVERIFY2(wrong.exitCode != 0, qPrintable(wrong.output));
        // TLS without SASL on the SASL_SSL listener: closed before any other request is served.
        const ClientRun noLogin = kcatMetadata(saslSsl, kcatTls(), true);
        QVERIFY2(noLogin.exitCode != 0, qPrintable(noLogin.output));
    }

    void eachListenerAdvertisesItsOwnEndpoint()
    {
        if (m_kcat.isEmpty())
            QSKIP("kcat is not installed");
        BrokerProcess broker;
        QVERIFY2(startBroker(broker, QStringLiteral("PLAINTEXT://127.0.0.1:0,SSL://127.0.0.1:0"),
                     { QStringLiteral("--advertised-listener"), QStringLiteral("SSL://localhost:19093") }),
            broker.errorText());
        const quint16 plainPort = broker.listenerPort(QStringLiteral("PLAINTEXT"));
        QVERIFY(plainPort != 0);
        QCOMPARE(broker.port(), plainPort); // the ready line names the first listener
        const ClientRun plain = kcatMetadata(address(plainPort), {});
        QVERIFY2(plain.exitCode == 0, qPrintable(plain.output));
        QVERIFY2(
            plain.output.contains(QStringLiteral("broker 1 at %1").arg(address(plainPort))), qPrintable(plain.output));
        const ClientRun tls = kcatMetadata(address(broker.listenerPort(QStringLiteral("SSL"))), kcatTls());
        QVERIFY2(tls.output.contains(QStringLiteral("broker 1 at localhost:19093")), qPrintable(tls.output));
    }

    void silentTlsClientIsDropped()
    {
        BrokerProcess broker;
        QVERIFY2(startBroker(broker, QStringLiteral("SSL://127.0.0.1:0"),
                     { QStringLiteral("--set"), QStringLiteral("connections.max.idle.ms=1000") }),
            broker.errorText());
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, broker.port());
        QVERIFY2(socket.waitForConnected(5000), qPrintable(socket.errorString()));
        QElapsedTimer elapsed;
        elapsed.start();
        // No ClientHello ever: the handshake's deadline closes the connection.
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 8000);
        QVERIFY2(elapsed.elapsed() >= 500, qPrintable(QString::number(elapsed.elapsed())));
    }

    void garbageInsteadOfClientHello_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        // A plaintext Kafka ApiVersions request on the TLS port.
        QTest::addRow("kafka request") << QByteArray::fromHex("0000001300120003000000010007736f6d65626f6400");
        QTest::addRow("random") << QByteArray(4096, '\x5a');
        // A TLS record header announcing a large handshake record that never comes in full.
        QTest::addRow("truncated record") << QByteArray::fromHex("16030100ff01");
    }

    void garbageInsteadOfClientHello()
    {
        QFETCH(QByteArray, bytes);
        BrokerProcess broker;
        QVERIFY2(startBroker(broker, QStringLiteral("SSL://127.0.0.1:0"),
                     { QStringLiteral("--set"), QStringLiteral("connections.max.idle.ms=1500") }),
            broker.errorText());
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, broker.port());
        QVERIFY2(socket.waitForConnected(5000), qPrintable(socket.errorString()));
        socket.write(bytes);
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 8000);
        QVERIFY(broker.isRunning());
        if (!m_kcat.isEmpty()) {
            const ClientRun after = kcatMetadata(broker.bootstrapServers(), kcatTls());
            QVERIFY2(after.exitCode == 0, qPrintable(after.output));
        }
        QVERIFY2(broker.stop(), broker.errorText());
    }

    void refusedAtStartUp_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::addRow("SSL without certificate")
            << QStringList { QStringLiteral("--listen"), QStringLiteral("SSL://127.0.0.1:0") }
            << QStringLiteral("the SSL listener needs --set ssl.certificate.location");
        QTest::addRow("unreadable certificate")
            << QStringList { QStringLiteral("--listen"), QStringLiteral("SSL://127.0.0.1:0"), QStringLiteral("--set"),
                   QStringLiteral("ssl.certificate.location=/nonexistent/cert.pem"), QStringLiteral("--set"),
                   QStringLiteral("ssl.key.location=/nonexistent/key.pem") }
            << QStringLiteral("cannot load ssl.certificate.location /nonexistent/cert.pem");
        QTest::addRow("key of another certificate")
            << QStringList { QStringLiteral("--listen"), QStringLiteral("SSL://127.0.0.1:0"), QStringLiteral("--set"),
                   QStringLiteral("ssl.certificate.location=") + m_certificates.serverCertificate(),
                   QStringLiteral("--set"), QStringLiteral("ssl.key.location=") + m_certificates.clientKey() }
            << QStringLiteral("does not match");
        QTest::addRow("two PLAINTEXT listeners")
            << QStringList { QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0,PLAINTEXT://127.0.0.1:0") }
            << QStringLiteral("two listeners with security protocol PLAINTEXT");
    }

    void refusedAtStartUp()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        BrokerProcess broker;
        const int code = broker.runToExit(QStringList { QStringLiteral("--data-dir"), broker.dataDir(),
                                              QStringLiteral("--schema-registry"), QStringLiteral("off") }
            + arguments);
        QCOMPARE(code, 2);
        QVERIFY2(broker.standardError().contains(message.toUtf8()), broker.standardError().constData());
    }

    void warnsAboutUnauthenticatedNonLoopbackListeners_data()
    {
        QTest::addColumn<QString>("listen");
        QTest::addColumn<QString>("clientAuth");
        QTest::addColumn<bool>("warned");
        QTest::addRow("PLAINTEXT on 0.0.0.0")
            << QStringLiteral("PLAINTEXT://0.0.0.0:0") << QStringLiteral("none") << true;
        QTest::addRow("SSL on 0.0.0.0") << QStringLiteral("SSL://0.0.0.0:0") << QStringLiteral("requested") << true;
        QTest::addRow("mutual TLS on 0.0.0.0")
            << QStringLiteral("SSL://0.0.0.0:0") << QStringLiteral("required") << false;
        QTest::addRow("SASL_SSL on 0.0.0.0")
            << QStringLiteral("SASL_SSL://0.0.0.0:0") << QStringLiteral("none") << false;
        QTest::addRow("PLAINTEXT on loopback")
            << QStringLiteral("PLAINTEXT://127.0.0.1:0") << QStringLiteral("none") << false;
    }

    void warnsAboutUnauthenticatedNonLoopbackListeners()
    {
        QFETCH(QString, listen);
        QFETCH(QString, clientAuth);
        QFETCH(bool, warned);
        BrokerProcess broker;
        QVERIFY2(startBroker(broker, listen, saslArguments(), clientAuth), broker.errorText());
        QCOMPARE(broker.standardError().contains("does not authenticate clients"), warned);
    }
};

SAMSA_TEST_MAIN(TestBrokerTls, QCoreApplication)
#include "tst_broker_tls.moc"
