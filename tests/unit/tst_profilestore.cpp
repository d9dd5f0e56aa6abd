#include "profiles/profilestore.h"
#include "profiles/propertiesimport.h"
#include "profiles/secretstore.h"
#include "testmain.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Samsa;

class TestProfileStore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString m_path;
    std::unique_ptr<ProfileStore> m_store;

    static ConnectionProfile fullProfile(const QString& name)
    {
        ConnectionProfile profile;
        profile.name = name;
        profile.bootstrapServers = QStringLiteral("kafka1:9093,kafka2:9093");
        profile.securityProtocol = SecurityProtocol::SaslSsl;
        profile.saslMechanism = SaslMechanism::ScramSha512;
        profile.saslUsername = QStringLiteral("alice");
        profile.caFile = QStringLiteral("/etc/kafka/ca.pem");
        profile.certificateFile = QStringLiteral("/etc/kafka/client.pem");
        profile.keyFile = QStringLiteral("/etc/kafka/client.key");
        profile.verifyHostname = false;
        profile.extraProperties = { { QStringLiteral("socket.timeout.ms"), QStringLiteral("30000") },
            { QStringLiteral("client.id"), QStringLiteral("samsa") },
            { QStringLiteral("acks"), QStringLiteral("all") } };
        profile.schemaRegistryUrl = QStringLiteral("https://registry:8081");
        profile.schemaRegistryUsername = QStringLiteral("sr-user");
        return profile;
    }

    static ConnectionProfile simpleProfile(const QString& name)
    {
        ConnectionProfile profile;
        profile.name = name;
        profile.bootstrapServers = QStringLiteral("localhost:9092");
        return profile;
    }

    // Runs raw SQL on a file through a connection of our own, outside ProfileStore.
    static QVariant rawQuery(const QString& path, const QStringList& statements)
    {
        QVariant last;
        const QString name = QStringLiteral("raw-%1").arg(QUuid::createUuid().toString());
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            if (!db.open())
                qWarning("cannot open %s", qPrintable(path));
            for (const QString& statement : statements) {
                QSqlQuery query(db);
                if (!query.exec(statement))
                    qWarning("%s: %s", qPrintable(statement), qPrintable(query.lastError().text()));
                if (query.next())
                    last = query.value(0);
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return last;
    }

    static QByteArray fileBytes(const QString& path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("db-%1/samsa.db").arg(++m_counter));
        m_store = std::make_unique<ProfileStore>();
        QVERIFY2(m_store->open(m_path), qPrintable(m_store->errorText()));
    }

    void cleanup() { m_store.reset(); }

    void defaultPathIsInXdgData()
    {
        QCOMPARE(
            ProfileStore::defaultPath(), qEnvironmentVariable("XDG_DATA_HOME") + QStringLiteral("/samsa/samsa.db"));
    }

    void createsCurrentSchemaInWalMode()
    {
        QVERIFY(m_store->isOpen());
        QCOMPARE(m_store->schemaVersion(), ProfileStore::currentSchemaVersion);
        QCOMPARE(rawQuery(m_path, { QStringLiteral("PRAGMA journal_mode") }).toString(), QStringLiteral("wal"));
        QCOMPARE(
            rawQuery(m_path, { QStringLiteral("PRAGMA user_version") }).toInt(), ProfileStore::currentSchemaVersion);
    }

    void roundTripsEveryField()
    {
        const ConnectionProfile original = fullProfile(QStringLiteral("production"));
        const qint64 id = m_store->save(original);
        QVERIFY2(id > 0, qPrintable(m_store->errorText()));
        ConnectionProfile expected = original;
        expected.id = id;
        QCOMPARE(m_store->profile(id).value_or(ConnectionProfile()), expected);

        // A second store on the same file sees exactly the same, so it really came from disk.
        m_store.reset();
        ProfileStore reopened;
        QVERIFY2(reopened.open(m_path), qPrintable(reopened.errorText()));
        QCOMPARE(reopened.profile(id).value_or(ConnectionProfile()), expected);
        QCOMPARE(reopened.profileByName(QStringLiteral("production")).value_or(ConnectionProfile()), expected);
        QVERIFY(!reopened.profile(id + 100).has_value());
    }

    void updatesInPlace()
    {
        const qint64 id = m_store->save(fullProfile(QStringLiteral("staging")));
        QVERIFY(id > 0);
        ConnectionProfile changed = *m_store->profile(id);
        changed.name = QStringLiteral("staging-eu");
        changed.securityProtocol = SecurityProtocol::Ssl;
        changed.verifyHostname = true;
        changed.extraProperties = { { QStringLiteral("client.id"), QStringLiteral("other") } };
        changed.schemaRegistryUrl.clear();
        QCOMPARE(m_store->save(changed), id);
        QCOMPARE(m_store->profile(id).value_or(ConnectionProfile()), changed);
        QCOMPARE(m_store->profiles().size(), 1);
        QVERIFY(!m_store->profileByName(QStringLiteral("staging")).has_value());
    }

    void updateOfUnknownIdFails()
    {
        ConnectionProfile ghost = simpleProfile(QStringLiteral("ghost"));
        ghost.id = 4711;
        QCOMPARE(m_store->save(ghost), 0);
        QVERIFY(m_store->errorText().contains(QStringLiteral("4711")));
        QVERIFY(m_store->profiles().isEmpty());
    }

    void deletes()
    {
        const qint64 keep = m_store->save(simpleProfile(QStringLiteral("keep")));
        const qint64 drop = m_store->save(fullProfile(QStringLiteral("drop")));
        QVERIFY(m_store->remove(drop));
        QVERIFY(!m_store->profile(drop).has_value());
        QCOMPARE(m_store->profiles().size(), 1);
        QCOMPARE(m_store->profiles().first().id, keep);
        QCOMPARE(rawQuery(m_path, { QStringLiteral("SELECT COUNT(*) FROM profile_property") }).toInt(), 0);
        QVERIFY(!m_store->remove(drop));
        QVERIFY(!m_store->errorText().isEmpty());
    }

    void duplicateRejectsTakenNames_data()
    {
        QTest::addColumn<QString>("secondName");
        QTest::addRow("same") << "Local";
        QTest::addRow("other case") << "LOCAL";
        QTest::addRow("surrounding spaces") << " Local ";
    }

    void duplicateRejectsTakenNames()
    {
        QFETCH(QString, secondName);
        QVERIFY(m_store->save(simpleProfile(QStringLiteral("Local"))) > 0);
        QCOMPARE(m_store->save(simpleProfile(secondName)), 0);
        QVERIFY2(m_store->errorText().contains(QStringLiteral("already exists")), qPrintable(m_store->errorText()));
        QCOMPARE(m_store->profiles().size(), 1);
    }

    void renameOntoAnotherNameIsRejected()
    {
        QVERIFY(m_store->save(simpleProfile(QStringLiteral("a"))) > 0);
        const qint64 b = m_store->save(simpleProfile(QStringLiteral("b")));
        ConnectionProfile renamed = *m_store->profile(b);
        renamed.name = QStringLiteral("a");
        QCOMPARE(m_store->save(renamed), 0);
        QCOMPARE(m_store->profile(b)->name, QStringLiteral("b"));
    }

    void emptyNameAndSecretExtrasAreRejected()
    {
        QCOMPARE(m_store->save(simpleProfile(QStringLiteral("  "))), 0);
        QVERIFY(m_store->errorText().contains(QStringLiteral("name")));
        ConnectionProfile sneaky = simpleProfile(QStringLiteral("sneaky"));
        sneaky.extraProperties = { { QStringLiteral("sasl.password"), QStringLiteral("hunter2") } };
        QCOMPARE(m_store->save(sneaky), 0);
        QVERIFY(m_store->errorText().contains(QStringLiteral("sasl.password")));
        QVERIFY(!fileBytes(m_path).contains("hunter2"));
        QVERIFY(!fileBytes(m_path + QStringLiteral("-wal")).contains("hunter2"));
    }

    void duplicatesUnderFreeNames()
    {
        const qint64 original = m_store->save(fullProfile(QStringLiteral("prod")));
        const qint64 first = m_store->duplicate(original);
        const qint64 second = m_store->duplicate(original);
        QVERIFY(first > 0 && second > 0 && first != second);
        QCOMPARE(m_store->profile(first)->name, QStringLiteral("prod (copy)"));
        QCOMPARE(m_store->profile(second)->name, QStringLiteral("prod (copy 2)"));
        ConnectionProfile copy = *m_store->profile(first);
        ConnectionProfile expected = fullProfile(QStringLiteral("prod (copy)"));
        expected.id = first;
        QCOMPARE(copy, expected);
        QCOMPARE(m_store->duplicate(9999), 0);
    }

    void listsByNameIgnoringCase()
    {
        for (const char* name : { "zulu", "Alpha", "bravo", "Charlie" })
            QVERIFY(m_store->save(simpleProfile(QString::fromLatin1(name))) > 0);
        QStringList names;
        for (const ConnectionProfile& profile : m_store->profiles())
            names.append(profile.name);
        QCOMPARE(names,
            (QStringList {
                QStringLiteral("Alpha"), QStringLiteral("bravo"), QStringLiteral("Charlie"), QStringLiteral("zulu") }));
    }

    void migratesVersionOneDatabase()
    {
        m_store.reset();
        const QString path = m_dir.filePath(QStringLiteral("v1.db"));
        // The schema Samsa 0.1 shipped, written out by hand so that this test pins it down.
        rawQuery(path,
            { QStringLiteral("CREATE TABLE profile (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE "
                             "COLLATE NOCASE, bootstrap_servers TEXT NOT NULL DEFAULT '', security_protocol TEXT NOT "
                             "NULL DEFAULT 'PLAINTEXT', sasl_mechanism TEXT NOT NULL DEFAULT 'PLAIN', sasl_username "
                             "TEXT NOT NULL DEFAULT '', ca_file TEXT NOT NULL DEFAULT '', certificate_file TEXT NOT "
                             "NULL DEFAULT '', key_file TEXT NOT NULL DEFAULT '', verify_hostname INTEGER NOT NULL "
                             "DEFAULT 1)"),
                QStringLiteral("CREATE TABLE profile_property (profile_id INTEGER NOT NULL REFERENCES profile(id) ON "
                               "DELETE CASCADE, position INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, "
                               "PRIMARY KEY (profile_id, position))"),
                QStringLiteral("INSERT INTO profile (id, name, bootstrap_servers, security_protocol, sasl_mechanism, "
                               "sasl_username, verify_hostname) VALUES (7, 'legacy', 'old:9092', 'SASL_PLAINTEXT', "
                               "'SCRAM-SHA-256', 'bob', 0)"),
                QStringLiteral("INSERT INTO profile_property VALUES (7, 0, 'client.id', 'legacy-client')"),
                QStringLiteral("INSERT INTO profile_property VALUES (7, 1, 'acks', '1')"),
                QStringLiteral("PRAGMA user_version = 1") });
        QCOMPARE(rawQuery(path, { QStringLiteral("PRAGMA user_version") }).toInt(), 1);

        ProfileStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorText()));
        QCOMPARE(store.schemaVersion(), ProfileStore::currentSchemaVersion);
        QCOMPARE(rawQuery(path, { QStringLiteral("PRAGMA user_version") }).toInt(), ProfileStore::currentSchemaVersion);
        const std::optional<ConnectionProfile> legacy = store.profile(7);
        QVERIFY(legacy.has_value());
        QCOMPARE(legacy->name, QStringLiteral("legacy"));
        QCOMPARE(legacy->bootstrapServers, QStringLiteral("old:9092"));
        QCOMPARE(legacy->securityProtocol, SecurityProtocol::SaslPlaintext);
        QCOMPARE(legacy->saslMechanism, SaslMechanism::ScramSha256);
        QCOMPARE(legacy->saslUsername, QStringLiteral("bob"));
        QVERIFY(!legacy->verifyHostname);
        const QList<QPair<QString, QString>> extras { { QStringLiteral("client.id"), QStringLiteral("legacy-client") },
            { QStringLiteral("acks"), QStringLiteral("1") } };
        QCOMPARE(legacy->extraProperties, extras);
        QCOMPARE(legacy->schemaRegistryUrl, QString());

        // The new columns exist and take values.
        ConnectionProfile withRegistry = *legacy;
        withRegistry.schemaRegistryUrl = QStringLiteral("http://registry:8081");
        withRegistry.schemaRegistryUsername = QStringLiteral("sr");
        QCOMPARE(store.save(withRegistry), 7);
        QCOMPARE(store.profile(7).value_or(ConnectionProfile()), withRegistry);
    }

    void refusesNewerDatabaseWithoutTouchingIt()
    {
        m_store.reset();
        const QString path = m_dir.filePath(QStringLiteral("future.db"));
        rawQuery(path,
            { QStringLiteral("CREATE TABLE future_profile (id INTEGER PRIMARY KEY, data TEXT)"),
                QStringLiteral("INSERT INTO future_profile VALUES (1, 'from the future')"),
                QStringLiteral("PRAGMA user_version = 99") });
        const QByteArray before = fileBytes(path);
        QVERIFY(!before.isEmpty());

        ProfileStore store;
        QVERIFY(!store.open(path));
        QVERIFY(!store.isOpen());
        QVERIFY2(store.errorText().contains(QStringLiteral("newer Samsa")), qPrintable(store.errorText()));
        QVERIFY(store.errorText().contains(QStringLiteral("99")));
        QCOMPARE(store.schemaVersion(), 99);
        QCOMPARE(fileBytes(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
        QVERIFY(store.profiles().isEmpty());
        QCOMPARE(store.save(simpleProfile(QStringLiteral("x"))), 0);
        QCOMPARE(fileBytes(path), before);
    }

    void refusesFileThatIsNotADatabase()
    {
        m_store.reset();
        const QString path = m_dir.filePath(QStringLiteral("notes.db"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(200, 'x'));
        file.close();
        ProfileStore store;
        QVERIFY(!store.open(path));
        QVERIFY2(
            store.errorText().contains(QStringLiteral("not a Samsa profile database")), qPrintable(store.errorText()));
        QCOMPARE(fileBytes(path), QByteArray(200, 'x'));
    }

    void storesNoPasswordBytes()
    {
        const QByteArray password = "Pa55w0rd-that-must-never-hit-disk";
        // The most likely way for a password to reach the database: an imported client.properties.
        const QString text
            = QStringLiteral("bootstrap.servers=k:9093\nsecurity.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n"
                             "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                             "username=\"u\" password=\"%1\";\n"
                             "ssl.key.password=%1\nbasic.auth.user.info=sr:%1\nsasl.oauthbearer.client.secret=%1\n"
                             "ssl.truststore.password=%1\nclient.id=samsa\n")
                  .arg(QString::fromLatin1(password));
        const PropertiesImportResult imported = PropertiesImport::parse(text, QStringLiteral("imported"));
        QVERIFY(imported.ok);
        QCOMPARE(imported.secrets.saslPassword, QString::fromLatin1(password));

        SecretStore secrets;
        const qint64 id = m_store->save(imported.profile);
        QVERIFY2(id > 0, qPrintable(m_store->errorText()));
        QSignalSpy written(&secrets, &SecretStore::written);
        secrets.write(id, imported.secrets);
        QVERIFY(written.wait());
        QCOMPARE(written.first().at(1).toString(), QString());

        ConnectionProfile profile = *m_store->profile(id);
        profile.saslUsername = QStringLiteral("u2");
        QVERIFY(m_store->save(profile) > 0);
        QVERIFY(m_store->duplicate(id) > 0);
        QCOMPARE(m_store->profile(id)->extraProperties.size(), 1); // client.id, and nothing secret

        // Check every file the database consists of, with the write-ahead log still in place.
        const QDir folder = QFileInfo(m_path).dir();
        const QStringList files = folder.entryList(QDir::Files);
        QVERIFY(files.contains(QStringLiteral("samsa.db")));
        QVERIFY(files.contains(QStringLiteral("samsa.db-wal")));
        for (const QString& name : files)
            QVERIFY2(!fileBytes(folder.filePath(name)).contains(password), qPrintable(name));
        m_store.reset();
        QVERIFY(!fileBytes(m_path).contains(password));
    }

    void twoStoresUseSeparateConnections()
    {
        ProfileStore second;
        QVERIFY(second.open(m_path));
        const qint64 id = m_store->save(simpleProfile(QStringLiteral("shared")));
        QCOMPARE(second.profile(id)->name, QStringLiteral("shared"));
        ProfileStore unopened; // destroyed without open(): must not disturb the others
    }
};

SAMSA_TEST_MAIN(TestProfileStore, QCoreApplication)
#include "tst_profilestore.moc"
