// The listener syntax of --listen and --advertised-listener (issue 12): entries with a security
// protocol, bare HOST:PORT, advertised endpoints matched by protocol, and the refusals.

#include "testmain.h"

#include "server/commandline.h"
#include "server/listenerspec.h"

#include <QtTest>

#include <string>
#include <vector>

using namespace samsa::broker;
using namespace samsa::broker::server;

namespace {

// The resolved listeners as "PROTOCOL://HOST:PORT>ADVERTISED" strings, or "error: ..." text.
QString parse(const QStringList& arguments)
{
    std::vector<std::string> storage { "samsa-broker" };
    for (const auto& argument : arguments)
        storage.push_back(argument.toStdString());
    std::vector<char*> argv;
    for (auto& s : storage)
        argv.push_back(s.data());
    CommandLine cli;
    std::string error;
    if (parseCommandLine(int(argv.size()), argv.data(), &cli, &error) != ParseResult::Run)
        return QStringLiteral("error: ") + QString::fromStdString(error);
    QStringList result;
    for (const auto& l : cli.listeners) {
        QString entry = QString::fromStdString(formatEndpoint(l.protocol, l.host, l.port));
        if (!l.advertisedHost.empty())
            entry += QStringLiteral(">") + QString::fromStdString(l.advertisedHost) + QLatin1Char(':')
                + QString::number(l.advertisedPort);
        result += entry;
    }
    return result.join(QLatin1Char(','));
}

const QString kTls = QStringLiteral("--set=ssl.certificate.location=/c.pem --set=ssl.key.location=/k.pem");

QStringList args(const QString& text)
{
    return text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

} // namespace

class TestListenerSpec : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void accepted_data()
    {
        QTest::addColumn<QString>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::addRow("default") << QString() << QStringLiteral("PLAINTEXT://127.0.0.1:9092");
        QTest::addRow("bare") << QStringLiteral("--listen 0.0.0.0:0") << QStringLiteral("PLAINTEXT://0.0.0.0:0");
        QTest::addRow("bare with SASL") << QStringLiteral("--listen 127.0.0.1:9092 --set sasl.enabled.mechanisms=PLAIN")
                                        << QStringLiteral("SASL_PLAINTEXT://127.0.0.1:9092");
        QTest::addRow("SASL set before --listen")
            << QStringLiteral("--set sasl.enabled.mechanisms=PLAIN --listen=127.0.0.1:1")
            << QStringLiteral("SASL_PLAINTEXT://127.0.0.1:1");
        QTest::addRow("explicit PLAINTEXT with SASL on")
            << QStringLiteral(
                   "--set sasl.enabled.mechanisms=PLAIN --listen PLAINTEXT://127.0.0.1:1,SASL_PLAINTEXT://127.0.0.1:2")
            << QStringLiteral("PLAINTEXT://127.0.0.1:1,SASL_PLAINTEXT://127.0.0.1:2");
        QTest::addRow("four protocols")
            << QStringLiteral("--set sasl.enabled.mechanisms=PLAIN ") + kTls
                + QStringLiteral(
                    " --listen "
                    "PLAINTEXT://127.0.0.1:0,SSL://localhost:0,SASL_PLAINTEXT://127.0.0.1:0,SASL_SSL://[::1]:0")
            << QStringLiteral(
                   "PLAINTEXT://127.0.0.1:0,SSL://localhost:0,SASL_PLAINTEXT://127.0.0.1:0,SASL_SSL://[::1]:0");
        QTest::addRow("spaces after commas")
            << kTls + QStringLiteral(" --listen PLAINTEXT://127.0.0.1:1,SSL://127.0.0.1:2")
            << QStringLiteral("PLAINTEXT://127.0.0.1:1,SSL://127.0.0.1:2");
        QTest::addRow("advertised bare") << QStringLiteral(
            "--listen 0.0.0.0:9092 --advertised-listener kafka.local:9092")
                                         << QStringLiteral("PLAINTEXT://0.0.0.0:9092>kafka.local:9092");
        QTest::addRow("advertised matched by protocol")
            << kTls
                + QStringLiteral(
                    " --listen PLAINTEXT://0.0.0.0:0,SSL://0.0.0.0:0 --advertised-listener SSL://b:2,PLAINTEXT://a:1")
            << QStringLiteral("PLAINTEXT://0.0.0.0:0>a:1,SSL://0.0.0.0:0>b:2");
        QTest::addRow("advertised for one of two")
            << kTls + QStringLiteral(" --listen PLAINTEXT://0.0.0.0:0,SSL://0.0.0.0:0 --advertised-listener SSL://b:2")
            << QStringLiteral("PLAINTEXT://0.0.0.0:0,SSL://0.0.0.0:0>b:2");
    }

    void accepted()
    {
        QFETCH(QString, arguments);
        QFETCH(QString, expected);
        QCOMPARE(parse(args(arguments)), expected);
    }

    void refused_data()
    {
        QTest::addColumn<QString>("arguments");
        QTest::addColumn<QString>("message");
        QTest::addRow("unknown protocol")
            << QStringLiteral("--listen TLS://127.0.0.1:1") << QStringLiteral("unknown security protocol 'TLS'");
        QTest::addRow("lower-case protocol")
            << QStringLiteral("--listen ssl://127.0.0.1:1") << QStringLiteral("unknown security protocol 'ssl'");
        QTest::addRow("no port") << QStringLiteral("--listen PLAINTEXT://127.0.0.1")
                                 << QStringLiteral("expected [PROTOCOL://]HOST:PORT");
        QTest::addRow("port too large") << QStringLiteral("--listen 127.0.0.1:65536")
                                        << QStringLiteral("expected [PROTOCOL://]HOST:PORT");
        QTest::addRow("empty entry") << QStringLiteral("--listen PLAINTEXT://127.0.0.1:1,,SSL://127.0.0.1:2")
                                     << QStringLiteral("empty listener entry");
        QTest::addRow("empty host") << QStringLiteral("--listen SSL://:9093")
                                    << QStringLiteral("expected [PROTOCOL://]HOST:PORT");
        QTest::addRow("one protocol twice")
            << QStringLiteral("--listen PLAINTEXT://127.0.0.1:1,PLAINTEXT://127.0.0.1:2")
            << QStringLiteral("two listeners with security protocol PLAINTEXT");
        QTest::addRow("bare and PLAINTEXT") << QStringLiteral("--listen 127.0.0.1:1,PLAINTEXT://127.0.0.1:2")
                                            << QStringLiteral("two listeners with security protocol PLAINTEXT");
        QTest::addRow("SASL listener without mechanisms")
            << QStringLiteral("--listen SASL_PLAINTEXT://127.0.0.1:1") << QStringLiteral("needs SASL mechanisms");
        QTest::addRow("SSL without certificate") << QStringLiteral(
            "--listen SSL://127.0.0.1:1") << QStringLiteral("the SSL listener needs --set ssl.certificate.location");
        QTest::addRow("SASL_SSL without key") << QStringLiteral(
            "--set sasl.enabled.mechanisms=PLAIN --set ssl.certificate.location=/c.pem --listen SASL_SSL://127.0.0.1:1")
                                              << QStringLiteral("the SASL_SSL listener needs");
        QTest::addRow("client auth without CA")
            << kTls + QStringLiteral(" --set ssl.client.auth=required --listen SSL://127.0.0.1:1")
            << QStringLiteral("needs --set ssl.ca.location");
        QTest::addRow("bad client auth") << QStringLiteral("--set ssl.client.auth=always")
                                         << QStringLiteral("ssl.client.auth");
        QTest::addRow("advertised port 0")
            << QStringLiteral("--advertised-listener a:0") << QStringLiteral("port 0 cannot be advertised");
        QTest::addRow("advertised without its listener")
            << QStringLiteral("--listen PLAINTEXT://127.0.0.1:1 --advertised-listener SSL://a:1")
            << QStringLiteral("has no listener with security protocol SSL");
        QTest::addRow("advertised protocol twice")
            << QStringLiteral("--listen 127.0.0.1:1 --advertised-listener PLAINTEXT://a:1,PLAINTEXT://b:2")
            << QStringLiteral("two advertised listeners with security protocol PLAINTEXT");
    }

    void refused()
    {
        QFETCH(QString, arguments);
        QFETCH(QString, message);
        const QString result = parse(args(arguments));
        QVERIFY2(result.startsWith(QStringLiteral("error: ")), qPrintable(result));
        QVERIFY2(result.contains(message), qPrintable(result));
    }

    void describedAsGiven()
    {
        // DescribeConfigs shows listeners and advertised.listeners with their protocols.
        std::vector<std::string> storage { "samsa-broker", "--set=ssl.certificate.location=/c.pem",
            "--set=ssl.key.location=/k.pem", "--listen", "PLAINTEXT://127.0.0.1:0,SSL://127.0.0.1:0",
            "--advertised-listener", "SSL://kafka.local:9093" };
        std::vector<char*> argv;
        for (auto& s : storage)
            argv.push_back(s.data());
        CommandLine cli;
        std::string error;
        QCOMPARE(parseCommandLine(int(argv.size()), argv.data(), &cli, &error), ParseResult::Run);
        QCOMPARE(cli.config.value("listeners").value_or(""), "PLAINTEXT://127.0.0.1:0,SSL://127.0.0.1:0");
        QCOMPARE(cli.config.value("advertised.listeners").value_or(""), "SSL://kafka.local:9093");
    }

    void loopbackHosts_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("loopback");
        QTest::addRow("127.0.0.1") << QStringLiteral("127.0.0.1") << true;
        QTest::addRow("127.1.2.3") << QStringLiteral("127.1.2.3") << true;
        QTest::addRow("::1") << QStringLiteral("::1") << true;
        QTest::addRow("localhost") << QStringLiteral("localhost") << true;
        QTest::addRow("0.0.0.0") << QStringLiteral("0.0.0.0") << false;
        QTest::addRow("::") << QStringLiteral("::") << false;
        QTest::addRow("192.168.1.2") << QStringLiteral("192.168.1.2") << false;
        QTest::addRow("kafka.example") << QStringLiteral("kafka.example") << false;
    }

    void loopbackHosts()
    {
        QFETCH(QString, host);
        QFETCH(bool, loopback);
        QCOMPARE(isLoopbackHost(host.toStdString()), loopback);
    }
};

SAMSA_TEST_MAIN(TestListenerSpec, QCoreApplication)
#include "tst_listenerspec.moc"
