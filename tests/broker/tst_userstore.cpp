// The SASL users of samsa-broker (security/usersfile, security/userstore): the users file's lines,
// comments and errors (naming the line, never quoting a password), the refusal of a file that
// group or others may read or write, PLAIN checks, SCRAM credentials derived for both mechanisms,
// and reloads that swap in new users or keep the old ones when the file went bad.

#include "security/scramcredentials.h"
#include "security/usersfile.h"
#include "security/userstore.h"
#include "testmain.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <sys/stat.h>
#include <thread>

using namespace samsa::broker::security;

namespace {

using UserMap = std::map<std::string, std::string>;

bool writeFile(const QString& path, const QByteArray& text, mode_t mode)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
        return false;
    file.close();
    return ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

// The credential verifies this password: derived again with its salt, the keys are the same.
bool credentialMatches(
    ScramMechanism mechanism, const std::optional<ScramCredential>& credential, const std::string& password)
{
    if (!credential || credential->iterations != kScramIterations)
        return false;
    const ScramCredential again = deriveScramCredential(mechanism, password, credential->salt, credential->iterations);
    return again.storedKey == credential->storedKey && again.serverKey == credential->serverKey;
}

} // namespace

class TestUserStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesLinesCommentsAndBlanks();
    void badLinesNameTheLine_data();
    void badLinesNameTheLine();
    void fileReadableByOthersIsRefused_data();
    void fileReadableByOthersIsRefused();
    void missingFileAndDirectoryAreRefused();
    void plainChecks();
    void scramCredentialsForBothMechanisms();
    void fileWinsOverCommandLine();
    void reloadSwapsInNewUsers();
    void failedReloadKeepsTheOldUsers();
    void lookupsDuringReloads();

private:
    QTemporaryDir m_dir;
};

void TestUserStore::parsesLinesCommentsAndBlanks()
{
    UserMap users;
    std::string error;
    const std::string text = "# the users\n"
                             "alice:alice-secret\n"
                             "\n"
                             "   \t\n"
                             "  # indented comment\n"
                             "bob:pw:with:colons\r\n"
                             "carol:has # and spaces \n"
                             "dave:last line without newline";
    QVERIFY2(parseUsersFile(text, "users", &users, &error), error.c_str());
    const UserMap expected { { "alice", "alice-secret" }, { "bob", "pw:with:colons" }, { "carol", "has # and spaces " },
        { "dave", "last line without newline" } };
    QVERIFY(users == expected);
    QVERIFY(parseUsersFile("", "users", &users, &error));
    QVERIFY(users.empty());
}

void TestUserStore::badLinesNameTheLine_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("no colon") << QByteArray("alice:a\nbob-secret-password\n")
                              << QByteArray("users line 2: expected NAME:PASSWORD");
    QTest::addRow("empty name") << QByteArray("# x\n\n:secret-password\n")
                                << QByteArray("users line 3: empty user name");
    QTest::addRow("empty password") << QByteArray("alice:\n") << QByteArray("users line 1: empty password");
    QTest::addRow("space in name") << QByteArray("al ice:secret-password\n")
                                   << QByteArray("users line 1: user name with a space");
    QTest::addRow("leading space in name")
        << QByteArray(" alice:secret-password\n") << QByteArray("users line 1: user name with a space");
    QTest::addRow("duplicate") << QByteArray("alice:a\nbob:b\nalice:secret-password\n")
                               << QByteArray("users line 3: user named on an earlier line too");
    QTest::addRow("control character") << QByteArray("alice:secret\x01password\n")
                                       << QByteArray("users line 1: control character");
}

void TestUserStore::badLinesNameTheLine()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);
    UserMap users { { "old", "kept" } };
    std::string error;
    QVERIFY(!parseUsersFile(text.toStdString(), "users", &users, &error));
    QVERIFY2(QByteArray::fromStdString(error).startsWith(expected), error.c_str());
    QVERIFY2(error.find("secret") == std::string::npos, error.c_str()); // never the password
    QCOMPARE(users.size(), size_t(1)); // untouched
}

void TestUserStore::fileReadableByOthersIsRefused_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<bool>("accepted");
    QTest::addRow("0600") << 0600 << true;
    QTest::addRow("0400") << 0400 << true;
    QTest::addRow("0640") << 0640 << false;
    QTest::addRow("0604") << 0604 << false;
    QTest::addRow("0620") << 0620 << false;
    QTest::addRow("0602") << 0602 << false;
    QTest::addRow("0644") << 0644 << false;
}

void TestUserStore::fileReadableByOthersIsRefused()
{
    QFETCH(int, mode);
    QFETCH(bool, accepted);
    const QString path = m_dir.filePath(QStringLiteral("mode-%1").arg(mode, 0, 8));
    QVERIFY(writeFile(path, "alice:alice-secret\n", mode_t(mode)));
    UserMap users;
    std::string error;
    QCOMPARE(readUsersFile(path.toStdString(), &users, &error), accepted);
    if (accepted) {
        QCOMPARE(users.size(), size_t(1));
        return;
    }
    QVERIFY2(error.find("readable or writable by group or others") != std::string::npos, error.c_str());
    QVERIFY2(error.find("chmod 600") != std::string::npos, error.c_str());
    QVERIFY2(error.find(QString::number(mode, 8).toStdString()) != std::string::npos, error.c_str());
    QVERIFY(users.empty());

    // The broker refuses to start with it: load() fails.
    UserStore store(path.toStdString(), {});
    QVERIFY(!store.load(&error));
    QVERIFY2(error.find("group or others") != std::string::npos, error.c_str());
}

void TestUserStore::missingFileAndDirectoryAreRefused()
{
    UserMap users;
    std::string error;
    QVERIFY(!readUsersFile(m_dir.filePath(QStringLiteral("nope")).toStdString(), &users, &error));
    QVERIFY2(error.find("cannot open") != std::string::npos, error.c_str());
    const QString directory = m_dir.filePath(QStringLiteral("adir"));
    QVERIFY(QDir().mkdir(directory));
    QVERIFY(::chmod(QFile::encodeName(directory).constData(), 0700) == 0);
    QVERIFY(!readUsersFile(directory.toStdString(), &users, &error));
    QVERIFY2(error.find("not a regular file") != std::string::npos, error.c_str());
}

void TestUserStore::plainChecks()
{
    const QString path = m_dir.filePath(QStringLiteral("plain"));
    QVERIFY(writeFile(path, "alice:alice-secret\n", 0600));
    UserStore store(path.toStdString(), { { "cli", "cli-pw" } });
    std::string error;
    QVERIFY2(store.load(&error), error.c_str());
    QCOMPARE(store.userCount(), size_t(2));
    QVERIFY(store.checkPlain("alice", "alice-secret"));
    QVERIFY(store.checkPlain("cli", "cli-pw"));
    QVERIFY(!store.checkPlain("alice", "alice-secreT"));
    QVERIFY(!store.checkPlain("alice", "alice-secret "));
    QVERIFY(!store.checkPlain("alice", ""));
    QVERIFY(!store.checkPlain("alice", "cli-pw"));
    QVERIFY(!store.checkPlain("mallory", "alice-secret"));
    QVERIFY(!store.checkPlain("", ""));
}

void TestUserStore::scramCredentialsForBothMechanisms()
{
    UserStore store({}, { { "alice", "alice-secret" } });
    std::string error;
    QVERIFY(store.load(&error));
    const auto sha256 = store.scramCredential(ScramMechanism::Sha256, "alice");
    const auto sha512 = store.scramCredential(ScramMechanism::Sha512, "alice");
    QVERIFY(credentialMatches(ScramMechanism::Sha256, sha256, "alice-secret"));
    QVERIFY(credentialMatches(ScramMechanism::Sha512, sha512, "alice-secret"));
    QVERIFY(!credentialMatches(ScramMechanism::Sha256, sha256, "wrong"));
    QCOMPARE(sha256->storedKey.size(), size_t(32));
    QCOMPARE(sha512->storedKey.size(), size_t(64));
    QVERIFY(sha256->salt != sha512->salt);
    // Derived once: asking again gives the same salt.
    QCOMPARE(store.scramCredential(ScramMechanism::Sha256, "alice")->salt, sha256->salt);
    QVERIFY(!store.scramCredential(ScramMechanism::Sha256, "bob"));
}

void TestUserStore::fileWinsOverCommandLine()
{
    const QString path = m_dir.filePath(QStringLiteral("wins"));
    QVERIFY(writeFile(path, "alice:from-file\n", 0600));
    UserStore store(path.toStdString(), { { "alice", "from-command-line" } });
    std::string error;
    QVERIFY(store.load(&error));
    QVERIFY(store.checkPlain("alice", "from-file"));
    QVERIFY(!store.checkPlain("alice", "from-command-line"));
    QVERIFY(
        credentialMatches(ScramMechanism::Sha512, store.scramCredential(ScramMechanism::Sha512, "alice"), "from-file"));
}

void TestUserStore::reloadSwapsInNewUsers()
{
    const QString path = m_dir.filePath(QStringLiteral("reload"));
    QVERIFY(writeFile(path, "alice:alice-secret\nbob:bob-pw\n", 0600));
    UserStore store(path.toStdString(), { { "cli", "cli-pw" } });
    std::string error;
    QVERIFY(store.load(&error));
    const auto aliceBefore = store.scramCredential(ScramMechanism::Sha256, "alice");
    const auto bobBefore = store.scramCredential(ScramMechanism::Sha256, "bob");

    // carol added, bob's password changed, alice as she was.
    QVERIFY(writeFile(path, "alice:alice-secret\nbob:new-bob-pw\ncarol:carol-pw\n", 0600));
    QVERIFY2(store.load(&error), error.c_str());
    QCOMPARE(store.userCount(), size_t(4));
    QVERIFY(store.checkPlain("carol", "carol-pw"));
    QVERIFY(
        credentialMatches(ScramMechanism::Sha512, store.scramCredential(ScramMechanism::Sha512, "carol"), "carol-pw"));
    QVERIFY(store.checkPlain("bob", "new-bob-pw"));
    QVERIFY(!store.checkPlain("bob", "bob-pw"));
    QVERIFY(
        credentialMatches(ScramMechanism::Sha256, store.scramCredential(ScramMechanism::Sha256, "bob"), "new-bob-pw"));
    QVERIFY(store.scramCredential(ScramMechanism::Sha256, "bob")->salt != bobBefore->salt);
    // An unchanged user keeps the credentials derived before (no new PBKDF2 on every reload).
    QCOMPARE(store.scramCredential(ScramMechanism::Sha256, "alice")->salt, aliceBefore->salt);

    // Removed from the file: gone; the command-line user stays.
    QVERIFY(writeFile(path, "carol:carol-pw\n", 0600));
    QVERIFY(store.load(&error));
    QVERIFY(!store.checkPlain("alice", "alice-secret"));
    QVERIFY(!store.scramCredential(ScramMechanism::Sha256, "alice"));
    QVERIFY(store.checkPlain("cli", "cli-pw"));
    QCOMPARE(store.userCount(), size_t(2));
}

void TestUserStore::failedReloadKeepsTheOldUsers()
{
    const QString path = m_dir.filePath(QStringLiteral("failed"));
    QVERIFY(writeFile(path, "alice:alice-secret\n", 0600));
    UserStore store(path.toStdString(), {});
    std::string error;
    QVERIFY(store.load(&error));

    QVERIFY(writeFile(path, "alice:alice-secret\nbroken line\n", 0600));
    QVERIFY(!store.load(&error));
    QVERIFY2(error.find("line 2") != std::string::npos, error.c_str());
    QVERIFY(store.checkPlain("alice", "alice-secret"));

    QVERIFY(writeFile(path, "mallory:m\n", 0644));
    QVERIFY(!store.load(&error));
    QVERIFY(store.checkPlain("alice", "alice-secret"));
    QVERIFY(!store.checkPlain("mallory", "m"));

    QVERIFY(QFile::remove(path));
    QVERIFY(!store.load(&error));
    QVERIFY(store.checkPlain("alice", "alice-secret"));
    QCOMPARE(store.userCount(), size_t(1));
}

// Connections look users up on several threads while SIGHUP reloads: every lookup sees either
// the old or the new users, never a torn state (and ThreadSanitizer builds see no race).
void TestUserStore::lookupsDuringReloads()
{
    const QString path = m_dir.filePath(QStringLiteral("threads"));
    QVERIFY(writeFile(path, "alice:alice-secret\n", 0600));
    UserStore store(path.toStdString(), {});
    std::string error;
    QVERIFY(store.load(&error));
    std::atomic<bool> done { false };
    std::atomic<int> failures { 0 };
    std::vector<std::thread> readers;
    for (int i = 0; i < 2; ++i) {
        readers.emplace_back([&] {
            while (!done) {
                if (!store.checkPlain("alice", "alice-secret")
                    || !store.scramCredential(ScramMechanism::Sha256, "alice"))
                    ++failures;
            }
        });
    }
    for (int round = 0; round < 5; ++round) {
        QVERIFY(writeFile(path, "alice:alice-secret\nuser" + QByteArray::number(round) + ":pw\n", 0600));
        QVERIFY(store.load(&error));
    }
    done = true;
    for (auto& reader : readers)
        reader.join();
    QCOMPARE(failures.load(), 0);
    QVERIFY(store.checkPlain("user4", "pw"));
}

SAMSA_TEST_MAIN(TestUserStore, QCoreApplication)

#include "tst_userstore.moc"
