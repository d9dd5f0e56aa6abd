#include "profiles/propertiesimport.h"
#include "testmain.h"

using namespace Samsa;

class TestPropertiesImport : public QObject {
    Q_OBJECT

private:
    static QString sample(const QString& name)
    {
        const QString root = qEnvironmentVariable("SAMSA_SOURCE_DIR");
        if (!root.isEmpty())
            return root + QStringLiteral("/tests/data/properties/") + name;
        return QFINDTESTDATA(QStringLiteral("../data/properties/") + name);
    }

    static PropertiesImportResult importSample(const QString& name)
    {
        const QString path = sample(name);
        if (!QFileInfo::exists(path))
            qWarning("sample file missing: %s", qPrintable(path));
        return PropertiesImport::parseFile(path);
    }

    static bool anyContains(const QStringList& list, const QString& text)
    {
        for (const QString& entry : list) {
            if (entry.contains(text))
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void plainWithSchemaRegistry()
    {
        const PropertiesImportResult result = importSample(QStringLiteral("plain.properties"));
        QVERIFY2(result.ok, qPrintable(result.errors.join(QLatin1Char('\n'))));
        QCOMPARE(result.errors, QStringList());
        QCOMPARE(result.profile.name, QStringLiteral("plain"));
        QCOMPARE(result.profile.bootstrapServers, QStringLiteral("pkc-abc12.eu-west-1.aws.confluent.cloud:9092"));
        QCOMPARE(result.profile.securityProtocol, SecurityProtocol::SaslSsl);
        QCOMPARE(result.profile.saslMechanism, SaslMechanism::Plain);
        QCOMPARE(result.profile.saslUsername, QStringLiteral("ALICEKEY"));
        QCOMPARE(result.secrets.saslPassword, QStringLiteral("pl@in-S3cret"));
        QVERIFY(result.profile.verifyHostname);
        QCOMPARE(result.profile.schemaRegistryUrl, QStringLiteral("https://psrc-xyz.eu-west-1.aws.confluent.cloud"));
        QCOMPARE(result.profile.schemaRegistryUsername, QStringLiteral("SRKEY"));
        QCOMPARE(result.secrets.schemaRegistryPassword, QStringLiteral("sr-pass:with-colon"));
        const QList<QPair<QString, QString>> extras { { QStringLiteral("client.id"), QStringLiteral("samsa-import") } };
        QCOMPARE(result.profile.extraProperties, extras);
        QCOMPARE(result.unknownKeys, QStringList());
        QCOMPARE(result.unsupported, QStringList());
    }

    void scramWithColonsAndContinuedJaas()
    {
        const PropertiesImportResult result = importSample(QStringLiteral("scram512.properties"));
        QVERIFY2(result.ok, qPrintable(result.errors.join(QLatin1Char('\n'))));
        QCOMPARE(result.errors, QStringList());
        QCOMPARE(result.profile.bootstrapServers, QStringLiteral("broker1.example.com:9094,broker2.example.com:9094"));
        QCOMPARE(result.profile.securityProtocol, SecurityProtocol::SaslSsl);
        QCOMPARE(result.profile.saslMechanism, SaslMechanism::ScramSha512);
        QCOMPARE(result.profile.saslUsername, QStringLiteral("bob"));
        QCOMPARE(result.secrets.saslPassword, QStringLiteral("scr\"am-pass"));
        QCOMPARE(result.profile.caFile, QStringLiteral("/etc/kafka/ca.pem"));
        QVERIFY(result.profile.extraProperties.isEmpty());
    }

    void sslWithPemFiles()
    {
        const PropertiesImportResult result = importSample(QStringLiteral("ssl-pem.properties"));
        QVERIFY(result.ok);
        QCOMPARE(result.errors, QStringList());
        QCOMPARE(result.profile.securityProtocol, SecurityProtocol::Ssl);
        QCOMPARE(result.profile.caFile, QStringLiteral("/etc/kafka/ca.pem"));
        QCOMPARE(result.profile.certificateFile, QStringLiteral("/etc/kafka/client.pem"));
        QCOMPARE(result.profile.keyFile, QStringLiteral("/etc/kafka/client.key"));
        QCOMPARE(result.secrets.keyPassword, QStringLiteral("key-passphrase"));
        QVERIFY(!result.profile.verifyHostname); // empty algorithm: no host name check
        QVERIFY(result.secrets.saslPassword.isEmpty());
    }

    void continuationLinesAndLibrdkafkaNames()
    {
        const PropertiesImportResult result = importSample(QStringLiteral("continuation.properties"));
        QVERIFY(result.ok);
        QCOMPARE(result.errors, QStringList());
        QCOMPARE(result.profile.bootstrapServers,
            QStringLiteral("one.example.com:9092,two.example.com:9092,three.example.com:9092"));
        QCOMPARE(result.profile.saslUsername, QStringLiteral("carol"));
        QCOMPARE(result.secrets.saslPassword, QStringLiteral("librdkafka-pass"));
        QCOMPARE(result.profile.securityProtocol, SecurityProtocol::SaslPlaintext);
        QCOMPARE(result.profile.saslMechanism, SaslMechanism::ScramSha256);
        // The comment ending in a backslash must not swallow the next line.
        const QList<QPair<QString, QString>> extras { { QStringLiteral("socket.timeout.ms"),
            QStringLiteral("30000") } };
        QCOMPARE(result.profile.extraProperties, extras);
    }

    void malformedFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("expectedError");
        QTest::addRow("missing bootstrap") << QStringLiteral("missing-bootstrap.properties") << false
                                           << QStringLiteral("bootstrap.servers is missing");
        QTest::addRow("bad jaas") << QStringLiteral("bad-jaas.properties") << true
                                  << QStringLiteral("line 4: cannot read sasl.jaas.config");
        QTest::addRow("unknown protocol") << QStringLiteral("unknown-protocol.properties") << true
                                          << QStringLiteral("line 2: unknown security.protocol 'SASL_TLS'");
        QTest::addRow("line without key")
            << QStringLiteral("no-key.properties") << true << QStringLiteral("line 3: no key");
    }

    void malformedFiles()
    {
        QFETCH(QString, file);
        QFETCH(bool, ok);
        QFETCH(QString, expectedError);
        const PropertiesImportResult result = importSample(file);
        QCOMPARE(result.ok, ok);
        QVERIFY2(anyContains(result.errors, expectedError), qPrintable(result.errors.join(QLatin1Char('\n'))));
    }

    void badJaasNeverEchoesThePassword()
    {
        const PropertiesImportResult result = importSample(QStringLiteral("bad-jaas.properties"));
        QVERIFY(!result.errors.isEmpty());
        QVERIFY(!anyContains(result.errors, QStringLiteral("unterminated")));
        QVERIFY(result.secrets.saslPassword.isEmpty());
    }

    void lineWithoutKeyKeepsTheRest()
    {
        const PropertiesImportResult result = importSample(QStringLiteral("no-key.properties"));
        QCOMPARE(result.profile.bootstrapServers, QStringLiteral("localhost:9092"));
        const QList<QPair<QString, QString>> extras { { QStringLiteral("client.id"),
            QStringLiteral("still-imported") } };
        QCOMPARE(result.profile.extraProperties, extras);
    }

    void truststoreIsUnsupported()
    {
        const PropertiesImportResult result = importSample(QStringLiteral("truststore.properties"));
        QVERIFY(result.ok);
        QCOMPARE(result.unsupported.size(), 3);
        QVERIFY(result.unsupported.at(0).startsWith(QStringLiteral("ssl.truststore.location:")));
        QVERIFY(result.unsupported.at(0).contains(QStringLiteral("PEM")));
        QVERIFY(result.unsupported.at(0).contains(QStringLiteral("TLS CA file")));
        QVERIFY(result.unsupported.at(2).startsWith(QStringLiteral("ssl.keystore.location:")));
        QVERIFY(!anyContains(result.unsupported, QStringLiteral("changeit"))); // the store password stays unread
        QVERIFY(result.profile.extraProperties.isEmpty());
        QVERIFY(result.unknownKeys.isEmpty());
    }

    void unknownKeysAreReported()
    {
        const PropertiesImportResult result = importSample(QStringLiteral("unknown-keys.properties"));
        QVERIFY(result.ok);
        const QStringList unknown { QStringLiteral("key.serializer"), QStringLiteral("value.deserializer"),
            QStringLiteral("totally.made.up") };
        QCOMPARE(result.unknownKeys, unknown);
        // acks is a librdkafka property too, so it is kept for librdkafka.
        const QList<QPair<QString, QString>> extras { { QStringLiteral("acks"), QStringLiteral("all") } };
        QCOMPARE(result.profile.extraProperties, extras);
    }

    void unreadableFile()
    {
        const PropertiesImportResult result
            = PropertiesImport::parseFile(QDir::temp().filePath(QStringLiteral("samsa-no-such-file.properties")));
        QVERIFY(!result.ok);
        QCOMPARE(result.errors.size(), 1);
        QVERIFY(result.errors.first().contains(QStringLiteral("Cannot read")));
    }

    void inlineSyntax_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("bootstrap");
        QTest::addRow("equals") << QStringLiteral("bootstrap.servers=h:1") << QStringLiteral("h:1");
        QTest::addRow("colon") << QStringLiteral("bootstrap.servers: h:1") << QStringLiteral("h:1");
        QTest::addRow("space separator") << QStringLiteral("bootstrap.servers h:1") << QStringLiteral("h:1");
        QTest::addRow("surrounding whitespace")
            << QStringLiteral("  \tbootstrap.servers  =  h:1  ") << QStringLiteral("h:1");
        QTest::addRow("crlf continuation")
            << QStringLiteral("bootstrap.servers=a:1,\\\r\n   b:2\r\n") << QStringLiteral("a:1,b:2");
        QTest::addRow("escaped backslash is no continuation")
            << QStringLiteral("bootstrap.servers=h:1\\\\\nx=y") << QStringLiteral("h:1\\");
        QTest::addRow("unicode escape") << QStringLiteral("bootstrap.servers=h\\u00e9:1")
                                        << QStringLiteral("h\u00e9:1");
    }

    void inlineSyntax()
    {
        QFETCH(QString, text);
        QFETCH(QString, bootstrap);
        const PropertiesImportResult result = PropertiesImport::parse(text, QStringLiteral("inline"));
        QCOMPARE(result.profile.bootstrapServers, bootstrap);
        QCOMPARE(result.profile.name, QStringLiteral("inline"));
    }

    void otherJaasProblems_data()
    {
        QTest::addColumn<QString>("jaas");
        QTest::addColumn<QString>("expectedError");
        QTest::addRow("no semicolon") << QStringLiteral(
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"a\" password=\"b\"")
                                      << QStringLiteral("does not end with ';'");
        QTest::addRow("no flag") << QStringLiteral(
            "org.apache.kafka.common.security.plain.PlainLoginModule username=\"a\" password=\"b\";")
                                 << QStringLiteral("expected 'required'");
        QTest::addRow("kerberos") << QStringLiteral(
            "com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true;")
                                  << QStringLiteral("Krb5LoginModule is not supported");
        QTest::addRow("no password") << QStringLiteral(
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"a\";")
                                     << QStringLiteral("no password");
    }

    void otherJaasProblems()
    {
        QFETCH(QString, jaas);
        QFETCH(QString, expectedError);
        const PropertiesImportResult result = PropertiesImport::parse(
            QStringLiteral("bootstrap.servers=h:1\nsecurity.protocol=SASL_SSL\nsasl.jaas.config=") + jaas,
            QStringLiteral("jaas"));
        QVERIFY(result.ok);
        QVERIFY2(
            anyContains(result.errors, QStringLiteral("line 3: ")), qPrintable(result.errors.join(QLatin1Char('\n'))));
        QVERIFY2(anyContains(result.errors, expectedError), qPrintable(result.errors.join(QLatin1Char('\n'))));
    }

    void badValueOfKnownLibrdkafkaKey()
    {
        const PropertiesImportResult result = PropertiesImport::parse(
            QStringLiteral("bootstrap.servers=h:1\nsocket.timeout.ms=soon\n"), QStringLiteral("x"));
        QVERIFY(result.ok);
        QVERIFY(result.profile.extraProperties.isEmpty());
        QVERIFY2(anyContains(result.errors, QStringLiteral("line 2: socket.timeout.ms:")),
            qPrintable(result.errors.join(QLatin1Char('\n'))));
    }

    void pluginsAreNeverLoaded()
    {
        const PropertiesImportResult result = PropertiesImport::parse(
            QStringLiteral("bootstrap.servers=h:1\nplugin.library.paths=/tmp/evil.so\n"), QStringLiteral("x"));
        QVERIFY(result.profile.extraProperties.isEmpty());
        QVERIFY(anyContains(result.unsupported, QStringLiteral("plugin.library.paths")));
    }
};

SAMSA_TEST_MAIN(TestPropertiesImport, QCoreApplication)
#include "tst_propertiesimport.moc"
