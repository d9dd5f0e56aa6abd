#include "profiles/secretstore.h"
#include "testmain.h"

#include <QSettings>
#include <QSignalSpy>

#include <sys/stat.h>

using namespace Samsa;

class TestSecretStore : public QObject {
    Q_OBJECT

private:
    static ProfileSecrets makeSecrets(const QString& tag)
    {
        return { QStringLiteral("sasl-%1-Zq9").arg(tag), QStringLiteral("key-%1-Zq9").arg(tag),
            QStringLiteral("registry-%1-Zq9").arg(tag) };
    }

    static QString secretsPath()
    {
        return qEnvironmentVariable("XDG_DATA_HOME") + QStringLiteral("/samsa/secrets.json");
    }

    static QByteArray fileBytes(const QString& path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static int fileMode(const QString& path)
    {
        struct stat status { };
        if (::stat(QFile::encodeName(path).constData(), &status) != 0)
            return -1;
        return int(status.st_mode & 0777);
    }

    // Reads through the public API and waits for the queued answer.
    static ProfileSecrets readBack(SecretStore& store, qint64 id, QString* error = nullptr)
    {
        QSignalSpy spy(&store, &SecretStore::secretsRead);
        store.read(id);
        if (!spy.wait(5000))
            return { QStringLiteral("<no answer>"), {}, {} };
        const QList<QVariant> arguments = spy.takeFirst();
        if (arguments.at(0).toLongLong() != id)
            return { QStringLiteral("<wrong id>"), {}, {} };
        if (error)
            *error = arguments.at(2).toString();
        return arguments.at(1).value<ProfileSecrets>();
    }

private Q_SLOTS:
    void init()
    {
        qputenv("SAMSA_KEYCHAIN", "off");
        QSettings().clear();
        QSettings().sync();
        QFile::remove(secretsPath());
    }

    void sessionOnlyWhenKeychainIsOff()
    {
        SecretStore store;
        QCOMPARE(store.backend(), SecretStore::Backend::SessionOnly);
        QVERIFY(store.backendDescription().contains(QStringLiteral("SAMSA_KEYCHAIN=off")));
        QVERIFY(!store.usesProtectedFile());
    }

    void sessionOnlyRoundTripsAndRemoves()
    {
        SecretStore store;
        QSignalSpy written(&store, &SecretStore::written);
        store.write(1, makeSecrets(QStringLiteral("one")));
        store.write(2, makeSecrets(QStringLiteral("two")));
        QCOMPARE(written.count(), 0); // answered later, like the keychain would
        QTRY_COMPARE(written.count(), 2);
        QCOMPARE(written.at(0).at(0).toLongLong(), 1);
        QCOMPARE(written.at(0).at(1).toString(), QString());

        QCOMPARE(readBack(store, 1), makeSecrets(QStringLiteral("one")));
        QCOMPARE(readBack(store, 2), makeSecrets(QStringLiteral("two")));
        QCOMPARE(readBack(store, 3), ProfileSecrets()); // nothing stored: empty, no error

        QSignalSpy removed(&store, &SecretStore::removed);
        store.remove(1);
        QCOMPARE(removed.count(), 0);
        QVERIFY(removed.wait());
        QCOMPARE(removed.first().at(0).toLongLong(), 1);
        QCOMPARE(readBack(store, 1), ProfileSecrets());
        QCOMPARE(readBack(store, 2), makeSecrets(QStringLiteral("two")));

        // Nothing went to disk in this mode.
        QVERIFY(!QFile::exists(secretsPath()));
        QVERIFY(!fileBytes(QSettings().fileName()).contains("Zq9"));
    }

    void sessionSecretsDieWithTheProcessStore()
    {
        {
            SecretStore store;
            QSignalSpy written(&store, &SecretStore::written);
            store.write(5, makeSecrets(QStringLiteral("five")));
            QVERIFY(written.wait());
        }
        SecretStore fresh;
        QCOMPARE(readBack(fresh, 5), ProfileSecrets());
    }

    void protectedFileIsPrivateAndSurvivesRestart()
    {
        {
            SecretStore store;
            QSignalSpy backendChanged(&store, &SecretStore::backendChanged);
            store.setUseProtectedFile(true);
            QVERIFY(store.usesProtectedFile());
            QCOMPARE(store.backend(), SecretStore::Backend::ProtectedFile);
            QCOMPARE(backendChanged.count(), 0); // queued like every other signal
            QVERIFY(backendChanged.wait());
            QCOMPARE(backendChanged.first().at(0).value<SecretStore::Backend>(), SecretStore::Backend::ProtectedFile);

            QSignalSpy written(&store, &SecretStore::written);
            store.write(7, makeSecrets(QStringLiteral("seven")));
            store.write(8, makeSecrets(QStringLiteral("eight")));
            QTRY_COMPARE(written.count(), 2);
            QCOMPARE(written.at(0).at(1).toString(), QString());
            QCOMPARE(written.at(1).at(1).toString(), QString());
            QCOMPARE(fileMode(secretsPath()), 0600);
            QVERIFY(fileBytes(secretsPath()).contains("sasl-seven-Zq9"));
        }

        SecretStore restarted;
        QVERIFY(restarted.usesProtectedFile());
        QCOMPARE(restarted.backend(), SecretStore::Backend::ProtectedFile);
        QCOMPARE(readBack(restarted, 7), makeSecrets(QStringLiteral("seven")));
        QCOMPARE(readBack(restarted, 8), makeSecrets(QStringLiteral("eight")));

        QSignalSpy removed(&restarted, &SecretStore::removed);
        restarted.remove(7);
        QVERIFY(removed.wait());
        QCOMPARE(readBack(restarted, 7), ProfileSecrets());
        QVERIFY(!fileBytes(secretsPath()).contains("seven"));
        QCOMPARE(fileMode(secretsPath()), 0600);

        // QSettings holds the choice, as a bool, and nothing else.
        QSettings settings;
        settings.sync();
        QCOMPARE(settings.value(QStringLiteral("secrets/protectedFile")).toBool(), true);
        const QByteArray settingsFile = fileBytes(settings.fileName());
        QVERIFY2(settingsFile.contains("protectedFile"), settingsFile.constData());
        QVERIFY(!settingsFile.contains("Zq9"));
    }

    void switchingToTheFileKeepsSessionSecrets()
    {
        SecretStore store;
        QSignalSpy written(&store, &SecretStore::written);
        store.write(11, makeSecrets(QStringLiteral("eleven")));
        QVERIFY(written.wait());
        store.setUseProtectedFile(true);
        QCOMPARE(readBack(store, 11), makeSecrets(QStringLiteral("eleven")));
        QVERIFY(fileBytes(secretsPath()).contains("sasl-eleven-Zq9"));
        QCOMPARE(fileMode(secretsPath()), 0600);

        // Back off: the file goes away, the secrets stay for this session.
        QSignalSpy backendChanged(&store, &SecretStore::backendChanged);
        store.setUseProtectedFile(false);
        QCOMPARE(store.backend(), SecretStore::Backend::SessionOnly);
        QVERIFY(!QFile::exists(secretsPath()));
        QCOMPARE(readBack(store, 11), makeSecrets(QStringLiteral("eleven")));
        QTRY_VERIFY(!backendChanged.isEmpty());
        QCOMPARE(backendChanged.last().at(0).value<SecretStore::Backend>(), SecretStore::Backend::SessionOnly);
        QCOMPARE(QSettings().value(QStringLiteral("secrets/protectedFile")).toBool(), false);
    }

    void looseFilePermissionsAreTightened()
    {
        QDir().mkpath(QFileInfo(secretsPath()).absolutePath());
        {
            QFile file(secretsPath());
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(R"({"version":1,"profiles":{"3":{"saslPassword":"p"}}})");
        }
        QVERIFY(QFile::setPermissions(secretsPath(), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
        QSettings().setValue(QStringLiteral("secrets/protectedFile"), true);
        SecretStore store;
        QCOMPARE(readBack(store, 3).saslPassword, QStringLiteral("p"));
        QCOMPARE(fileMode(secretsPath()), 0600);
    }

    void damagedFileIsReportedNotCrashed()
    {
        QDir().mkpath(QFileInfo(secretsPath()).absolutePath());
        {
            QFile file(secretsPath());
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("{ this is not json");
        }
        QSettings().setValue(QStringLiteral("secrets/protectedFile"), true);
        SecretStore store;
        QString error;
        QCOMPARE(readBack(store, 1, &error), ProfileSecrets());
        QVERIFY2(error.contains(QStringLiteral("damaged")), qPrintable(error));
        QSignalSpy written(&store, &SecretStore::written);
        store.write(1, makeSecrets(QStringLiteral("x")));
        QVERIFY(written.wait());
        QVERIFY(!written.first().at(1).toString().isEmpty()); // not silently overwritten
        QCOMPARE(fileBytes(secretsPath()), QByteArray("{ this is not json"));
    }

    void missingKeychainFallsBackToSession()
    {
        // Only where no D-Bus session exists can we be sure that no real keychain is touched.
        if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("a D-Bus session is present; not touching a real keychain");
        qunsetenv("SAMSA_KEYCHAIN");
        SecretStore store;
        QCOMPARE(store.backend(), SecretStore::Backend::Keychain);
        QSignalSpy backendChanged(&store, &SecretStore::backendChanged);
        QSignalSpy written(&store, &SecretStore::written);
        store.write(21, makeSecrets(QStringLiteral("kc")));
        QVERIFY(written.wait(25000));
        QCOMPARE(written.first().at(1).toString(), QString());
        QCOMPARE(store.backend(), SecretStore::Backend::SessionOnly);
        QTRY_COMPARE(backendChanged.count(), 1);
        QCOMPARE(backendChanged.first().at(0).value<SecretStore::Backend>(), SecretStore::Backend::SessionOnly);
        QVERIFY(!backendChanged.first().at(1).toString().isEmpty());
        QCOMPARE(readBack(store, 21), makeSecrets(QStringLiteral("kc")));
    }
};

SAMSA_TEST_MAIN(TestSecretStore, QCoreApplication)
#include "tst_secretstore.moc"
