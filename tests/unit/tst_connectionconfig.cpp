#include "profiles/connectionconfig.h"
#include "testmain.h"

#include <librdkafka/rdkafka.h>

using namespace Samsa;

class TestConnectionConfig : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_pemFile;

    ConnectionProfile goodProfile() const
    {
        ConnectionProfile profile;
        profile.name = QStringLiteral("prod");
        profile.bootstrapServers = QStringLiteral("kafka1.example.com:9092,kafka2.example.com:9092");
        profile.securityProtocol = SecurityProtocol::SaslSsl;
        profile.saslMechanism = SaslMechanism::ScramSha256;
        profile.saslUsername = QStringLiteral("alice");
        profile.caFile = m_pemFile;
        profile.schemaRegistryUrl = QStringLiteral("https://registry.example.com:8081");
        profile.extraProperties = { { QStringLiteral("client.id"), QStringLiteral("samsa") } };
        return profile;
    }

    // What librdkafka says about key=value, straight from the library.
    static QString librdkafkaError(const char* key, const char* value)
    {
        rd_kafka_conf_t* conf = rd_kafka_conf_new();
        char error[512] = {};
        rd_kafka_conf_set(conf, key, value, error, sizeof error);
        rd_kafka_conf_destroy(conf);
        return QString::fromUtf8(error);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_pemFile = m_dir.filePath(QStringLiteral("ca.pem"));
        QFile file(m_pemFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
    }

    void goodProfileHasNoProblems() { QCOMPARE(ConnectionConfig::validate(goodProfile()), QStringList()); }

    void validation_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expectedProblem");
        QTest::addRow("empty name") << "name"
                                    << "  "
                                    << "needs a name";
        QTest::addRow("empty bootstrap") << "bootstrap"
                                         << ""
                                         << "Bootstrap servers are empty";
        QTest::addRow("no port") << "bootstrap"
                                 << "kafka.example.com"
                                 << "'kafka.example.com' has no port";
        QTest::addRow("port zero") << "bootstrap"
                                   << "a:9092,b:0"
                                   << "'b:0' needs a port between 1 and 65535";
        QTest::addRow("port too big") << "bootstrap"
                                      << "a:65536"
                                      << "'a:65536' needs a port between 1 and 65535";
        QTest::addRow("port not a number") << "bootstrap"
                                           << "a:kafka"
                                           << "'a:kafka' needs a port";
        QTest::addRow("no host") << "bootstrap"
                                 << ":9092"
                                 << "':9092' has no valid host name";
        QTest::addRow("host with space") << "bootstrap"
                                         << "my host:9092"
                                         << "has no valid host name";
        QTest::addRow("sasl without user") << "saslUsername"
                                           << ""
                                           << "SASL needs a user name";
        QTest::addRow("missing ca file") << "caFile"
                                         << "/nonexistent/ca.pem"
                                         << "TLS CA file '/nonexistent/ca.pem' does not exist";
        QTest::addRow("ca is a folder") << "caFile"
                                        << "/"
                                        << "TLS CA file '/' is not a file";
        QTest::addRow("cert without key") << "certificateFile"
                                          << "CA"
                                          << "certificate and its key must be given together";
        QTest::addRow("registry not a url") << "schemaRegistryUrl"
                                            << "registry:8081"
                                            << "Schema Registry URL 'registry:8081'";
        QTest::addRow("registry ftp") << "schemaRegistryUrl"
                                      << "ftp://registry"
                                      << "is not a valid http:// or https:// URL";
        QTest::addRow("unknown extra") << "extra"
                                       << "foo=bar"
                                       << "extra property 'foo': No such configuration property: \"foo\"";
        QTest::addRow("secret in extras") << "extra"
                                          << "sasl.password=hunter2"
                                          << "extra property 'sasl.password': secrets cannot";
    }

    void validation()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, expectedProblem);
        ConnectionProfile profile = goodProfile();
        if (field == QLatin1String("name"))
            profile.name = value;
        else if (field == QLatin1String("bootstrap"))
            profile.bootstrapServers = value;
        else if (field == QLatin1String("saslUsername"))
            profile.saslUsername = value;
        else if (field == QLatin1String("caFile"))
            profile.caFile = value;
        else if (field == QLatin1String("certificateFile"))
            profile.certificateFile = (value == QLatin1String("CA")) ? m_pemFile : value;
        else if (field == QLatin1String("schemaRegistryUrl"))
            profile.schemaRegistryUrl = value;
        else if (field == QLatin1String("extra"))
            profile.extraProperties.append(
                { value.section(QLatin1Char('='), 0, 0), value.section(QLatin1Char('='), 1) });
        const QStringList problems = ConnectionConfig::validate(profile);
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.first().contains(expectedProblem), qPrintable(problems.first()));
    }

    void tlsFilesIgnoredWithoutTls()
    {
        ConnectionProfile profile = goodProfile();
        profile.securityProtocol = SecurityProtocol::SaslPlaintext;
        profile.caFile = QStringLiteral("/nonexistent/ca.pem");
        QCOMPARE(ConnectionConfig::validate(profile), QStringList());
    }

    void badExtraValueQuotesLibrdkafka()
    {
        ConnectionProfile profile = goodProfile();
        profile.extraProperties.append({ QStringLiteral("socket.timeout.ms"), QStringLiteral("soon") });
        const QString expected = librdkafkaError("socket.timeout.ms", "soon");
        QVERIFY(!expected.isEmpty());
        QCOMPARE(ConnectionConfig::validate(profile),
            QStringList { QStringLiteral("extra property 'socket.timeout.ms': ") + expected });
    }

    void mapsToLibrdkafkaProperties()
    {
        ConnectionProfile profile = goodProfile();
        profile.certificateFile = QStringLiteral("/c.pem");
        profile.keyFile = QStringLiteral("/k.pem");
        profile.verifyHostname = false;
        profile.extraProperties = { { QStringLiteral("client.id"), QStringLiteral("samsa") },
            { QStringLiteral("bootstrap.servers"), QStringLiteral("override:1") } };
        ProfileSecrets secrets;
        secrets.saslPassword = QStringLiteral("pw");
        secrets.keyPassword = QStringLiteral("kp");
        const QList<QPair<QString, QString>> expected {
            { QStringLiteral("bootstrap.servers"), QStringLiteral("kafka1.example.com:9092,kafka2.example.com:9092") },
            { QStringLiteral("security.protocol"), QStringLiteral("sasl_ssl") },
            { QStringLiteral("sasl.mechanisms"), QStringLiteral("SCRAM-SHA-256") },
            { QStringLiteral("sasl.username"), QStringLiteral("alice") },
            { QStringLiteral("sasl.password"), QStringLiteral("pw") },
            { QStringLiteral("ssl.ca.location"), m_pemFile },
            { QStringLiteral("ssl.certificate.location"), QStringLiteral("/c.pem") },
            { QStringLiteral("ssl.key.location"), QStringLiteral("/k.pem") },
            { QStringLiteral("ssl.key.password"), QStringLiteral("kp") },
            { QStringLiteral("ssl.endpoint.identification.algorithm"), QStringLiteral("none") },
            { QStringLiteral("client.id"), QStringLiteral("samsa") },
            { QStringLiteral("bootstrap.servers"), QStringLiteral("override:1") },
        };
        QCOMPARE(ConnectionConfig::librdkafkaProperties(profile, secrets), expected);
    }

    void plaintextMapsToTwoProperties()
    {
        ConnectionProfile profile;
        profile.bootstrapServers = QStringLiteral(" localhost:9092 ");
        const QList<QPair<QString, QString>> expected {
            { QStringLiteral("bootstrap.servers"), QStringLiteral("localhost:9092") },
            { QStringLiteral("security.protocol"), QStringLiteral("plaintext") },
        };
        QCOMPARE(ConnectionConfig::librdkafkaProperties(profile, {}), expected);
    }

    void everyMappedPropertyIsAcceptedByLibrdkafka_data()
    {
        QTest::addColumn<int>("protocol");
        QTest::addColumn<int>("mechanism");
        QTest::addRow("plaintext") << int(SecurityProtocol::Plaintext) << int(SaslMechanism::Plain);
        QTest::addRow("ssl") << int(SecurityProtocol::Ssl) << int(SaslMechanism::Plain);
        QTest::addRow("sasl plain") << int(SecurityProtocol::SaslPlaintext) << int(SaslMechanism::Plain);
        QTest::addRow("sasl ssl scram") << int(SecurityProtocol::SaslSsl) << int(SaslMechanism::ScramSha512);
    }

    void everyMappedPropertyIsAcceptedByLibrdkafka()
    {
        QFETCH(int, protocol);
        QFETCH(int, mechanism);
        ConnectionProfile profile = goodProfile();
        profile.securityProtocol = SecurityProtocol(protocol);
        profile.saslMechanism = SaslMechanism(mechanism);
        rd_kafka_conf_t* conf = rd_kafka_conf_new();
        for (const auto& [key, value] :
            ConnectionConfig::librdkafkaProperties(profile, { QStringLiteral("p"), {}, {} })) {
            char error[512] = {};
            const rd_kafka_conf_res_t result
                = rd_kafka_conf_set(conf, key.toUtf8().constData(), value.toUtf8().constData(), error, sizeof error);
            if (result != RD_KAFKA_CONF_OK)
                qWarning("%s: %s", qPrintable(key), error);
            QCOMPARE(result, RD_KAFKA_CONF_OK);
        }
        rd_kafka_conf_destroy(conf);
    }

    void parseExtraProperties()
    {
        QStringList errors;
        const auto properties = ConnectionConfig::parseExtraProperties(
            QStringLiteral("# tuning\n  socket.timeout.ms = 30000 \n\nnot a property\nclient.id=a=b\n=x\n"), &errors);
        const QList<QPair<QString, QString>> expected { { QStringLiteral("socket.timeout.ms"),
                                                            QStringLiteral("30000") },
            { QStringLiteral("client.id"), QStringLiteral("a=b") } };
        QCOMPARE(properties, expected);
        QCOMPARE(errors.size(), 2);
        QVERIFY2(errors.at(0).startsWith(QStringLiteral("line 4: ")), qPrintable(errors.at(0)));
        QVERIFY2(errors.at(1).startsWith(QStringLiteral("line 6: ")), qPrintable(errors.at(1)));
        QVERIFY(ConnectionConfig::parseExtraProperties(QStringLiteral("oops"), nullptr).isEmpty()); // no crash
    }

    void formatRoundTripsThroughParse()
    {
        const QList<QPair<QString, QString>> properties { { QStringLiteral("z.last"), QStringLiteral("1") },
            { QStringLiteral("a.first"), QStringLiteral("x=y") }, { QStringLiteral("m.middle"), QString() } };
        const QString text = ConnectionConfig::formatExtraProperties(properties);
        QCOMPARE(text, QStringLiteral("z.last=1\na.first=x=y\nm.middle="));
        QStringList errors;
        QCOMPARE(ConnectionConfig::parseExtraProperties(text, &errors), properties);
        QVERIFY(errors.isEmpty());
        QCOMPARE(ConnectionConfig::formatExtraProperties({}), QString());
    }

    void names_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("protocol");
        QTest::addRow("plaintext") << "plaintext" << int(SecurityProtocol::Plaintext);
        QTest::addRow("ssl") << "SSL" << int(SecurityProtocol::Ssl);
        QTest::addRow("sasl_plaintext") << " Sasl_Plaintext " << int(SecurityProtocol::SaslPlaintext);
        QTest::addRow("sasl_ssl") << "SASL_SSL" << int(SecurityProtocol::SaslSsl);
    }

    void names()
    {
        QFETCH(QString, text);
        QFETCH(int, protocol);
        SecurityProtocol parsed = SecurityProtocol::Plaintext;
        QVERIFY(parseSecurityProtocol(text, &parsed));
        QCOMPARE(int(parsed), protocol);
        QCOMPARE(securityProtocolName(parsed), text.trimmed().toUpper());
        QVERIFY(!parseSecurityProtocol(QStringLiteral("TLS"), &parsed));
        QCOMPARE(int(parsed), protocol); // untouched on failure

        SaslMechanism mechanism = SaslMechanism::Plain;
        QVERIFY(parseSaslMechanism(QStringLiteral("scram-sha-512"), &mechanism));
        QCOMPARE(mechanism, SaslMechanism::ScramSha512);
        QCOMPARE(saslMechanismName(SaslMechanism::ScramSha256), QStringLiteral("SCRAM-SHA-256"));
        QVERIFY(!parseSaslMechanism(QStringLiteral("GSSAPI"), &mechanism));
    }
};

SAMSA_TEST_MAIN(TestConnectionConfig, QCoreApplication)
#include "tst_connectionconfig.moc"
