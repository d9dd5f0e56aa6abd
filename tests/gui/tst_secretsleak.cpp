// Secrets never reach the disk (issue 12): a full session with a SASL_SSL SCRAM-SHA-512 profile
// whose password and key password are random strings: the profile and its secrets saved through
// ProfileStore and SecretStore (keychain off, as in every test: secrets stay in this session), the
// main window restoring and connecting it (navigator, metadata, metrics history in history.db,
// QSettings), configurations loaded, a message produced and read back, the read exported with
// MessageExporter, and every log line of the process, librdkafka's debug output included, written
// to a log file. Then every file under the test's XDG config, data and cache homes and its
// temporary directory is read as raw bytes and searched for the secrets, as text, UTF-16, base64
// and hex; a hit fails naming the file.

#include "brokerprocess.h"
#include "kafka/clustersession.h"
#include "kafka/kafkathreads.h"
#include "mainwindow.h"
#include "messages/messageexporter.h"
#include "messages/messageproducer.h"
#include "messages/messagereader.h"
#include "messages/recordstore.h"
#include "metrics/metricshistory.h"
#include "profiles/connectionconfig.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"
#include "rdkafkaadmin.h"
#include "testcertificates.h"
#include "testmain.h"

#include <QDirIterator>
#include <QFile>
#include <QMutex>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>

#include <sys/stat.h>

using namespace Samsa;
using Samsa::Test::BrokerProcess;
using Samsa::Test::TestCertificates;

namespace {

// Every message of the process goes to this file as well as to the usual output.
QFile* g_log = nullptr;
QMutex g_logMutex;
QtMessageHandler g_previousHandler = nullptr;

void logToFile(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    {
        QMutexLocker lock(&g_logMutex);
        if (g_log && g_log->isOpen()) {
            g_log->write(QByteArray(context.category ? context.category : "default") + ": " + message.toUtf8() + '\n');
            g_log->flush();
        }
    }
    if (g_previousHandler && type != QtDebugMsg) // the debug flood stays in the file
        g_previousHandler(type, context, message);
}

QString randomSecret(const char* prefix)
{
    QByteArray bytes(18, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(bytes.data()), bytes.size() / 4);
    bytes.resize(16);
    return QString::fromLatin1(prefix) + QString::fromLatin1(bytes.toHex());
}

// The forms a secret could take on disk.
QList<QByteArray> encodings(const QString& secret)
{
    const QByteArray utf8 = secret.toUtf8();
    const QByteArray utf16(reinterpret_cast<const char*>(secret.utf16()), secret.size() * 2);
    return { utf8, utf16, utf8.toBase64(),
        utf8.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals), utf8.toHex(),
        utf8.toHex().toUpper() };
}

} // namespace

class TestSecretsLeak : public QObject {
    Q_OBJECT

private:
    TestCertificates m_certificates;
    BrokerProcess m_broker;
    QString m_password = randomSecret("pw-");
    QString m_keyPassword = randomSecret("kp-");

    // Where the app may write: the isolated XDG homes and temporary directory of this test.
    static QStringList searchedDirectories()
    {
        return { qEnvironmentVariable("XDG_CONFIG_HOME"), qEnvironmentVariable("XDG_DATA_HOME"),
            qEnvironmentVariable("XDG_CACHE_HOME"), qEnvironmentVariable("TMPDIR") };
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!BrokerProcess::binaryPath().isEmpty(), "SAMSA_BROKER_BIN is not set (run through ctest)");
        QVERIFY2(m_certificates.create(), m_certificates.errorText());
        // The broker's users file holds the password by design: it lives with the certificates,
        // outside the directories searched.
        const QString users = m_certificates.directory() + QStringLiteral("/users");
        QFile file(users);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral("dora:%1\n").arg(m_password).toUtf8());
        file.close();
        QCOMPARE(::chmod(QFile::encodeName(users).constData(), 0600), 0);
        m_broker.setListen(QStringLiteral("PLAINTEXT://127.0.0.1:0,SASL_SSL://127.0.0.1:0"));
        m_broker.setExtraArguments(m_certificates.brokerArguments()
            + QStringList { QStringLiteral("--set"), QStringLiteral("sasl.enabled.mechanisms=SCRAM-SHA-512"),
                QStringLiteral("--set"), QStringLiteral("sasl.users.file=") + users, QStringLiteral("--set"),
                QStringLiteral("num.partitions=2") });
        QVERIFY2(m_broker.start(), m_broker.errorText());
        Test::RdKafkaAdmin admin(m_broker.bootstrapServers()); // PLAINTEXT, for the set-up only
        QVERIFY2(admin.createTopic({ "leak-check", 2, {} }).ok(), "create leak-check");

        // The app's own temporary files go to a directory of this test.
        const QString temporary = Test::isolatedHome().path() + QStringLiteral("/tmp");
        QVERIFY(QDir().mkpath(temporary));
        qputenv("TMPDIR", QFile::encodeName(temporary));
        for (const QString& directory : searchedDirectories())
            QVERIFY(QDir().mkpath(directory));

        const QString logPath = qEnvironmentVariable("XDG_CACHE_HOME") + QStringLiteral("/samsa/session.log");
        QVERIFY(QDir().mkpath(QFileInfo(logPath).path()));
        g_log = new QFile(logPath);
        QVERIFY(g_log->open(QIODevice::WriteOnly | QIODevice::Append));
        g_previousHandler = qInstallMessageHandler(logToFile);
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
    }

    void cleanupTestCase()
    {
        qInstallMessageHandler(g_previousHandler);
        QMutexLocker lock(&g_logMutex);
        delete g_log;
        g_log = nullptr;
    }

    void fullSessionLeavesNoSecretOnDisk()
    {
        // The profile as the connection dialog saves it.
        ConnectionProfile profile;
        profile.name = QStringLiteral("secure");
        profile.bootstrapServers
            = QStringLiteral("127.0.0.1:%1").arg(m_broker.listenerPort(QStringLiteral("SASL_SSL")));
        profile.securityProtocol = SecurityProtocol::SaslSsl;
        profile.saslMechanism = SaslMechanism::ScramSha512;
        profile.saslUsername = QStringLiteral("dora");
        profile.caFile = m_certificates.caCertificate();
        // librdkafka's debug output is part of the logs searched.
        profile.extraProperties = { { QStringLiteral("debug"), QStringLiteral("security,broker,conf,protocol") } };
        ProfileSecrets secrets;
        secrets.saslPassword = m_password;
        secrets.keyPassword = m_keyPassword; // no client key: only carried, never needed
        QVERIFY2(ConnectionConfig::validate(profile, secrets).isEmpty(),
            qPrintable(ConnectionConfig::validate(profile, secrets).join(QLatin1Char('\n'))));

        ProfileStore store;
        QVERIFY2(store.open(), qPrintable(store.errorText()));
        profile.id = store.save(profile);
        QVERIFY(profile.id > 0);
        SecretStore secretStore;
        QCOMPARE(secretStore.backend(), SecretStore::Backend::SessionOnly); // SAMSA_KEYCHAIN=off
        QSignalSpy written(&secretStore, &SecretStore::written);
        secretStore.write(profile.id, secrets);
        QVERIFY(written.wait(5000));
        QCOMPARE(written.first().at(1).toString(), QString());

        // The window restores the connection as after a restart, samples it every second into
        // history.db, and remembers what was open in QSettings.
        QSettings().setValue(QStringLiteral("session/openProfiles"), QStringList { QString::number(profile.id) });
        QSettings().setValue(QStringLiteral("metrics/intervalSeconds"), 1);
        {
            MainWindow window(&store, &secretStore);
            window.show();
            QVERIFY(window.restoreConnections());
            QTRY_COMPARE(window.sessions().size(), 1);
            ClusterSession* session = window.sessions().constFirst();
            QTRY_COMPARE_WITH_TIMEOUT(session->state(), ClusterSession::State::Connected, 15000);

            QSignalSpy configs(session, &ClusterSession::configsReady);
            session->requestConfigs({ ConfigResourceType::Broker, QStringLiteral("1") });
            QVERIFY(configs.wait(15000));

            // Produce and read back over the same profile, then export what was read.
            const auto properties = ConnectionConfig::librdkafkaProperties(profile, secrets);
            MessageProducer producer(properties);
            QSignalSpy produced(&producer, &MessageProducer::finished);
            ProduceRecord record;
            record.topic = QStringLiteral("leak-check");
            record.key = QByteArray("k");
            record.value = QByteArray(R"({"note":"no secrets here"})");
            producer.start({ record }, 10000);
            QVERIFY(produced.wait(20000));
            QCOMPARE(produced.first().at(0).value<ProduceSummary>().delivered, 1);

            MessageReader reader(properties);
            RecordStore records;
            connect(&reader, &MessageReader::recordsReady, &reader,
                [&records](const QList<KafkaRecord>& batch) { records.append(batch); });
            QSignalSpy read(&reader, &MessageReader::finished);
            ReadRequest request;
            request.topic = QStringLiteral("leak-check");
            reader.start(request);
            QVERIFY(read.wait(20000));
            QCOMPARE(records.count(), qint64(1));

            const std::atomic<bool> notCancelled = false;
            for (const auto format : { MessageExportOptions::Format::JsonLines, MessageExportOptions::Format::Csv }) {
                MessageExportOptions options;
                options.format = format;
                options.topic = request.topic;
                options.path = qEnvironmentVariable("XDG_DATA_HOME")
                    + (format == MessageExportOptions::Format::Csv ? QStringLiteral("/export.csv")
                                                                   : QStringLiteral("/export.jsonl"));
                const MessageExportResult exported
                    = MessageExporter::exportMessages(options, *records.snapshot(), {}, nullptr, notCancelled);
                QVERIFY2(exported.ok, qPrintable(exported.error));
                QCOMPARE(exported.written, qint64(1));
            }

            // At least one sampling round reaches history.db before the window closes.
            const QString history = MetricsHistory::defaultPath();
            QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(history).size() > 0, 15000);
            window.close();
        }
        QVERIFY(KafkaThreads::waitForAll(20000));
        QSettings().sync();

        // The log file caught librdkafka at work with this profile, so its silence means something.
        QVERIFY(g_log->size() > 0);
        QFile log(g_log->fileName());
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QByteArray logged = log.readAll();
        QVERIFY2(logged.contains("SCRAM-SHA-512") || logged.contains("sasl"), "librdkafka's debug lines are missing");

        // Now every byte the session left behind.
        QStringList searched;
        const QList<QByteArray> forms = encodings(m_password) + encodings(m_keyPassword);
        for (const QString& directory : searchedDirectories()) {
            QDirIterator files(directory, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
            while (files.hasNext()) {
                const QString path = files.next();
                QFile file(path);
                QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
                const QByteArray bytes = file.readAll();
                for (const QByteArray& form : forms)
                    QVERIFY2(!bytes.contains(form),
                        qPrintable(QStringLiteral("a secret (as '%1') is in %2")
                                       .arg(QString::fromLatin1(form.left(40)), path)));
                searched.append(QFileInfo(path).fileName());
            }
        }
        // The search covered what a session writes.
        for (const QString& expected :
            { QStringLiteral("samsa.db"), QStringLiteral("history.db"), QStringLiteral("samsa-tests.conf"),
                QStringLiteral("session.log"), QStringLiteral("export.jsonl"), QStringLiteral("export.csv") })
            QVERIFY2(searched.contains(expected), qPrintable(searched.join(QLatin1Char(' '))));
    }
};

SAMSA_TEST_MAIN(TestSecretsLeak, QApplication)
#include "tst_secretsleak.moc"
