// The connection dialog driven through its real widgets: typing, clicking, importing a properties
// file and testing against librdkafka's mock cluster, with the profile database on a temporary file.

#include "connections/connectiondialog.h"
#include "mockcluster.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"
#include "testmain.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTimer>

using namespace Samsa;

class ConnectionDialogTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_dbPath;
    int m_counter = 0;
    std::unique_ptr<ProfileStore> m_store;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<ConnectionDialog> m_dialog;
    QStringList m_questions; // every question the dialog asked
    QMessageBox::StandardButton m_answer = QMessageBox::Cancel;

    template <typename T> T* child(const char* name) const
    {
        T* widget = m_dialog->findChild<T*>(QLatin1String(name));
        if (!widget)
            qWarning("no child %s", name);
        return widget;
    }

    QLineEdit* edit(const char* name) const { return child<QLineEdit>(name); }
    QString labelText(const char* name) const { return child<QLabel>(name)->text(); }

    void click(const char* buttonName) const
    {
        auto* button = child<QPushButton>(buttonName);
        QVERIFY(button);
        QVERIFY2(button->isEnabled(), buttonName);
        QTest::mouseClick(button, Qt::LeftButton);
    }

    static void type(QWidget* widget, const QString& text)
    {
        QVERIFY(widget);
        widget->setFocus();
        QTest::keyClicks(widget, text);
    }

    void openDialog()
    {
        m_dialog = std::make_unique<ConnectionDialog>(m_store.get(), m_secrets.get());
        m_dialog->setAskFunction([this](QWidget*, const QString&, const QString& text, QMessageBox::StandardButtons,
                                     QMessageBox::StandardButton) {
            m_questions.append(text);
            return m_answer;
        });
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    }

    qint64 storeProfile(const QString& name, const QString& bootstrap)
    {
        ConnectionProfile profile;
        profile.name = name;
        profile.bootstrapServers = bootstrap;
        return m_store->save(profile);
    }

    QStringList listedNames() const
    {
        QStringList names;
        const QAbstractItemModel* model = child<QListView>("profilesList")->model();
        for (int row = 0; row < model->rowCount(); ++row)
            names.append(model->index(row, 0).data().toString());
        return names;
    }

    void clickRow(const QString& name)
    {
        auto* list = child<QListView>("profilesList");
        const QModelIndexList found
            = list->model()->match(list->model()->index(0, 0), Qt::DisplayRole, name, 1, Qt::MatchExactly);
        QCOMPARE(found.size(), 1);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(found.first()).center());
    }

    QString selectedName() const { return child<QListView>("profilesList")->currentIndex().data().toString(); }

    void typeNewProfile(const QString& name, const QString& bootstrap)
    {
        click("newButton");
        type(edit("nameEdit"), name);
        type(edit("bootstrapEdit"), bootstrap);
    }

    void waitForSecretsWritten(qint64 id, const ProfileSecrets& secrets)
    {
        QSignalSpy written(m_secrets.get(), &SecretStore::written);
        m_secrets->write(id, secrets);
        QVERIFY(written.wait(5000));
        QCOMPARE(written.first().at(1).toString(), QString());
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_dbPath = m_dir.filePath(QStringLiteral("profiles-%1.db").arg(++m_counter));
        m_store = std::make_unique<ProfileStore>();
        QVERIFY2(m_store->open(m_dbPath), qPrintable(m_store->errorText()));
        m_secrets = std::make_unique<SecretStore>();
        m_questions.clear();
        m_answer = QMessageBox::Cancel;
    }

    void cleanup()
    {
        if (m_dialog)
            m_dialog->setAskFunction([](QWidget*, const QString&, const QString&, QMessageBox::StandardButtons,
                                         QMessageBox::StandardButton) { return QMessageBox::Discard; });
        m_dialog.reset();
        m_secrets.reset();
        m_store.reset();
    }

    void createProfileByTyping()
    {
        openDialog();
        QVERIFY(listedNames().isEmpty());
        typeNewProfile(QStringLiteral("Local dev"), QStringLiteral("localhost:9092,127.0.0.1:9093"));
        m_dialog->findChild<QComboBox*>(QStringLiteral("securityProtocolCombo"))
            ->setCurrentText(QStringLiteral("SASL_PLAINTEXT"));
        type(edit("usernameEdit"), QStringLiteral("alice"));
        type(edit("passwordEdit"), QStringLiteral("wonderland"));
        type(edit("schemaRegistryUrlEdit"), QStringLiteral("http://localhost:8081"));
        QVERIFY(m_dialog->isWindowModified());
        click("saveButton");

        QCOMPARE(labelText("problemsLabel"), QString());
        QCOMPARE(listedNames(), QStringList { QStringLiteral("Local dev") });
        QCOMPARE(selectedName(), QStringLiteral("Local dev"));
        QVERIFY(!m_dialog->isWindowModified());
        QVERIFY(m_dialog->currentProfileId() > 0);
        if (qEnvironmentVariableIsSet("DIALOG_SHOT")) m_dialog->grab().save(QStringLiteral("/tmp/dialog1.png"));

        ProfileStore fresh;
        QVERIFY(fresh.open(m_dbPath));
        const std::optional<ConnectionProfile> saved = fresh.profileByName(QStringLiteral("Local dev"));
        QVERIFY(saved.has_value());
        QCOMPARE(saved->id, m_dialog->currentProfileId());
        QCOMPARE(saved->bootstrapServers, QStringLiteral("localhost:9092,127.0.0.1:9093"));
        QCOMPARE(saved->securityProtocol, SecurityProtocol::SaslPlaintext);
        QCOMPARE(saved->saslUsername, QStringLiteral("alice"));
        QCOMPARE(saved->schemaRegistryUrl, QStringLiteral("http://localhost:8081"));

        // The password went to the secret store, not to the database.
        QSignalSpy read(m_secrets.get(), &SecretStore::secretsRead);
        m_secrets->read(saved->id);
        QVERIFY(read.count() == 1 || read.wait(5000));
        QCOMPARE(read.first().at(1).value<ProfileSecrets>().saslPassword, QStringLiteral("wonderland"));
    }

    void invalidInputIsShownAndNotSaved_data()
    {
        QTest::addColumn<QString>("bootstrap");
        QTest::addColumn<QString>("extraProperties");
        QTest::addColumn<QStringList>("expectedInProblems");

        QTest::addRow("bootstrap without port")
            << QStringLiteral("localhost") << QString() << QStringList { QStringLiteral("localhost") };
        QTest::addRow("bootstrap port out of range")
            << QStringLiteral("broker:70000") << QString() << QStringList { QStringLiteral("70000") };
        QTest::addRow("unknown librdkafka property")
            << QStringLiteral("localhost:9092") << QStringLiteral("no.such.property=1")
            << QStringList { QStringLiteral("no.such.property"), QStringLiteral("No such configuration property") };
        QTest::addRow("line without equals sign")
            << QStringLiteral("localhost:9092") << QStringLiteral("fetch.wait.max.ms")
            << QStringList { QStringLiteral("line 1") };
        QTest::addRow("both at once") << QStringLiteral("localhost") << QStringLiteral("no.such.property=1")
                                      << QStringList { QStringLiteral("localhost"),
                                             QStringLiteral("No such configuration property") };
    }

    void invalidInputIsShownAndNotSaved()
    {
        QFETCH(QString, bootstrap);
        QFETCH(QString, extraProperties);
        QFETCH(QStringList, expectedInProblems);

        openDialog();
        typeNewProfile(QStringLiteral("Broken"), bootstrap);
        type(child<QPlainTextEdit>("extraPropertiesEdit"), extraProperties);
        click("saveButton");

        auto* problems = child<QLabel>("problemsLabel");
        QVERIFY(problems->isVisible());
        if (qEnvironmentVariableIsSet("DIALOG_SHOT")) m_dialog->grab().save(QStringLiteral("/tmp/dialog3.png"));
        for (const QString& expected : expectedInProblems)
            QVERIFY2(problems->text().contains(expected), qPrintable(problems->text()));
        QVERIFY(m_store->profiles().isEmpty());
        QVERIFY(listedNames().isEmpty());
        QCOMPARE(m_dialog->currentProfileId(), 0);
        QVERIFY(m_dialog->isWindowModified());

        // Fixing the input saves and clears the problems.
        edit("bootstrapEdit")->clear();
        type(edit("bootstrapEdit"), QStringLiteral("localhost:9092"));
        child<QPlainTextEdit>("extraPropertiesEdit")->clear();
        type(child<QPlainTextEdit>("extraPropertiesEdit"), QStringLiteral("client.id=samsa-test"));
        click("saveButton");
        QCOMPARE(problems->text(), QString());
        QVERIFY(!problems->isVisible());
        QCOMPARE(m_store->profiles().size(), 1);
        QCOMPARE(m_store->profiles().first().extraProperties,
            (QList<QPair<QString, QString>> { { QStringLiteral("client.id"), QStringLiteral("samsa-test") } }));
    }

    void duplicateNameIsReported()
    {
        QVERIFY(storeProfile(QStringLiteral("prod"), QStringLiteral("prod:9092")) > 0);
        openDialog();
        typeNewProfile(QStringLiteral("prod"), QStringLiteral("other:9092"));
        click("saveButton");
        QVERIFY(!labelText("problemsLabel").isEmpty());
        QCOMPARE(m_store->profiles().size(), 1);
        QCOMPARE(m_store->profiles().first().bootstrapServers, QStringLiteral("prod:9092"));
    }

    void duplicateAndDelete()
    {
        const qint64 id = storeProfile(QStringLiteral("staging"), QStringLiteral("staging:9092"));
        QVERIFY(id > 0);
        waitForSecretsWritten(id, { QStringLiteral("pw"), {}, {} });
        openDialog();
        m_dialog->selectProfile(id);
        QCOMPARE(selectedName(), QStringLiteral("staging"));
        QTRY_COMPARE(edit("passwordEdit")->text(), QStringLiteral("pw"));

        click("duplicateButton");
        QTRY_COMPARE(listedNames(), (QStringList { QStringLiteral("staging"), QStringLiteral("staging (copy)") }));
        QCOMPARE(selectedName(), QStringLiteral("staging (copy)"));
        QCOMPARE(edit("nameEdit")->text(), QStringLiteral("staging (copy)"));
        QCOMPARE(edit("bootstrapEdit")->text(), QStringLiteral("staging:9092"));
        QCOMPARE(edit("passwordEdit")->text(), QStringLiteral("pw")); // the copy keeps the password
        const qint64 copyId = m_dialog->currentProfileId();
        QVERIFY(copyId > 0 && copyId != id);

        // Refusing the confirmation deletes nothing.
        m_answer = QMessageBox::No;
        click("deleteButton");
        QCOMPARE(m_questions.size(), 1);
        QVERIFY(m_questions.first().contains(QStringLiteral("staging (copy)")));
        QCOMPARE(m_store->profiles().size(), 2);

        m_answer = QMessageBox::Yes;
        click("deleteButton");
        QCOMPARE(m_questions.size(), 2);
        QCOMPARE(listedNames(), QStringList { QStringLiteral("staging") });
        QVERIFY(!m_store->profile(copyId).has_value());
        QCOMPARE(selectedName(), QStringLiteral("staging"));
        QCOMPARE(m_dialog->currentProfileId(), id);
    }

    void deleteConfirmsWithMessageBox()
    {
        const qint64 id = storeProfile(QStringLiteral("old"), QStringLiteral("old:9092"));
        QVERIFY(id > 0);
        m_dialog = std::make_unique<ConnectionDialog>(m_store.get(), m_secrets.get());
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
        QString question;
        QTimer answerer;
        answerer.setInterval(10);
        connect(&answerer, &QTimer::timeout, this, [&question, &answerer] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box)
                return;
            answerer.stop();
            question = box->text();
            box->button(QMessageBox::Yes)->click();
        });
        answerer.start();
        click("deleteButton");
        QVERIFY2(question.contains(QStringLiteral("old")), qPrintable(question));
        QVERIFY(m_store->profiles().isEmpty());
        QVERIFY(listedNames().isEmpty());
        QCOMPARE(m_dialog->currentProfileId(), 0);
    }

    void unsavedChangesAreNoticed()
    {
        QVERIFY(storeProfile(QStringLiteral("a"), QStringLiteral("a:9092")) > 0);
        QVERIFY(storeProfile(QStringLiteral("b"), QStringLiteral("b:9092")) > 0);
        openDialog();
        QCOMPARE(selectedName(), QStringLiteral("a"));
        QVERIFY(m_questions.isEmpty());
        type(edit("bootstrapEdit"), QStringLiteral(",a2:9092"));

        m_answer = QMessageBox::Cancel;
        clickRow(QStringLiteral("b"));
        QTRY_COMPARE(m_questions.size(), 1);
        QCOMPARE(selectedName(), QStringLiteral("a"));
        QCOMPARE(child<QListView>("profilesList")->selectionModel()->selectedIndexes().size(), 1);
        QCOMPARE(child<QListView>("profilesList")->selectionModel()->selectedIndexes().first().data().toString(),
            QStringLiteral("a"));
        QCOMPARE(edit("bootstrapEdit")->text(), QStringLiteral("a:9092,a2:9092"));

        m_answer = QMessageBox::Save;
        clickRow(QStringLiteral("b"));
        QTRY_COMPARE(m_questions.size(), 2);
        QCOMPARE(selectedName(), QStringLiteral("b"));
        QCOMPARE(edit("bootstrapEdit")->text(), QStringLiteral("b:9092"));
        QCOMPARE(m_store->profileByName(QStringLiteral("a"))->bootstrapServers, QStringLiteral("a:9092,a2:9092"));

        // Switching without edits asks nothing; discarding keeps the store as it was.
        clickRow(QStringLiteral("a"));
        QTRY_COMPARE(edit("nameEdit")->text(), QStringLiteral("a"));
        QCOMPARE(m_questions.size(), 2);
        type(edit("bootstrapEdit"), QStringLiteral(",lost:1"));
        m_answer = QMessageBox::Discard;
        clickRow(QStringLiteral("b"));
        QTRY_COMPARE(m_questions.size(), 3);
        QCOMPARE(selectedName(), QStringLiteral("b"));
        QCOMPARE(edit("nameEdit")->text(), QStringLiteral("b"));
        QCOMPARE(m_store->profileByName(QStringLiteral("a"))->bootstrapServers, QStringLiteral("a:9092,a2:9092"));

        // Closing with unsaved edits asks too; Cancel keeps the dialog open.
        type(edit("bootstrapEdit"), QStringLiteral(",b2:1"));
        m_answer = QMessageBox::Cancel;
        m_dialog->close();
        QCOMPARE(m_questions.size(), 4);
        QVERIFY(m_dialog->isVisible());
        m_answer = QMessageBox::Discard;
        m_dialog->close();
        QCOMPARE(m_questions.size(), 5);
        QVERIFY(!m_dialog->isVisible());
        QCOMPARE(m_store->profileByName(QStringLiteral("b"))->bootstrapServers, QStringLiteral("b:9092"));
    }

    void importPropertiesFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("confluent-cloud.properties"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Text));
        file.write("# exported from a Java client\n"
                   "bootstrap.servers=pkc-1.example.com:9092,pkc-2.example.com:9092\n"
                   "security.protocol=SASL_SSL\n"
                   "sasl.mechanism=SCRAM-SHA-512\n"
                   "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required "
                   "username=\"bob\" password=\"b0b-secret\";\n"
                   "ssl.truststore.location=/etc/kafka/truststore.jks\n"
                   "ssl.truststore.password=changeit\n"
                   "frobnicate.level=11\n");
        file.close();

        openDialog();
        m_dialog->importFile(path);

        auto* report = child<QLabel>("importReport");
        QVERIFY(report->isVisible());
        QVERIFY2(report->text().contains(QStringLiteral("ssl.truststore.location")), qPrintable(report->text()));
        QVERIFY2(report->text().contains(QStringLiteral("frobnicate.level")), qPrintable(report->text()));
        QCOMPARE(edit("bootstrapEdit")->text(), QStringLiteral("pkc-1.example.com:9092,pkc-2.example.com:9092"));
        QCOMPARE(child<QComboBox>("securityProtocolCombo")->currentText(), QStringLiteral("SASL_SSL"));
        QCOMPARE(child<QComboBox>("saslMechanismCombo")->currentText(), QStringLiteral("SCRAM-SHA-512"));
        QCOMPARE(edit("usernameEdit")->text(), QStringLiteral("bob"));
        QCOMPARE(edit("passwordEdit")->text(), QStringLiteral("b0b-secret"));
        QVERIFY(edit("usernameEdit")->isEnabled());
        QVERIFY(edit("caFileEdit")->isEnabled());
        QVERIFY(!edit("nameEdit")->text().isEmpty());

        // A new profile, not saved until the user says so.
        QCOMPARE(m_dialog->currentProfileId(), 0);
        QVERIFY(m_store->profiles().isEmpty());
        QVERIFY(m_dialog->isWindowModified());
        if (qEnvironmentVariableIsSet("DIALOG_SHOT")) m_dialog->grab().save(QStringLiteral("/tmp/dialog2.png"));
        click("saveButton");
        QCOMPARE(labelText("problemsLabel"), QString());
        QCOMPARE(m_store->profiles().size(), 1);
        QCOMPARE(m_store->profiles().first().saslUsername, QStringLiteral("bob"));
    }

    void importUnreadableFileIsReported()
    {
        openDialog();
        m_dialog->importFile(m_dir.filePath(QStringLiteral("does-not-exist.properties")));
        auto* report = child<QLabel>("importReport");
        QVERIFY(report->isVisible());
        QVERIFY(report->text().contains(QStringLiteral("does-not-exist.properties")));
        QVERIFY(m_store->profiles().isEmpty());
    }

    void protocolEnablesFields_data()
    {
        QTest::addColumn<QString>("protocol");
        QTest::addColumn<bool>("sasl");
        QTest::addColumn<bool>("tls");
        QTest::addRow("PLAINTEXT") << QStringLiteral("PLAINTEXT") << false << false;
        QTest::addRow("SSL") << QStringLiteral("SSL") << false << true;
        QTest::addRow("SASL_PLAINTEXT") << QStringLiteral("SASL_PLAINTEXT") << true << false;
        QTest::addRow("SASL_SSL") << QStringLiteral("SASL_SSL") << true << true;
    }

    void protocolEnablesFields()
    {
        QFETCH(QString, protocol);
        QFETCH(bool, sasl);
        QFETCH(bool, tls);
        openDialog();
        auto* combo = child<QComboBox>("securityProtocolCombo");
        combo->setCurrentIndex(combo->findText(protocol));
        QCOMPARE(combo->currentText(), protocol);
        QCOMPARE(child<QComboBox>("saslMechanismCombo")->isEnabled(), sasl);
        QCOMPARE(edit("usernameEdit")->isEnabled(), sasl);
        QCOMPARE(edit("passwordEdit")->isEnabled(), sasl);
        for (const char* name : { "caFileEdit", "certificateFileEdit", "keyFileEdit", "keyPasswordEdit" })
            QCOMPARE(edit(name)->isEnabled(), tls);
        QCOMPARE(child<QCheckBox>("verifyHostnameCheck")->isEnabled(), tls);
        QVERIFY(child<QCheckBox>("verifyHostnameCheck")->isChecked());
        QCOMPARE(edit("passwordEdit")->echoMode(), QLineEdit::Password);
        QCOMPARE(edit("keyPasswordEdit")->echoMode(), QLineEdit::Password);
        QCOMPARE(edit("schemaRegistryPasswordEdit")->echoMode(), QLineEdit::Password);
    }

    void secretsBackendIsShown()
    {
        openDialog();
        QCOMPARE(m_secrets->backend(), SecretStore::Backend::SessionOnly); // SAMSA_KEYCHAIN=off
        QVERIFY2(labelText("secretsBackendLabel").contains(QStringLiteral("session only")),
            qPrintable(labelText("secretsBackendLabel")));
        auto* keepInFile = child<QCheckBox>("protectedFileCheck");
        QVERIFY(keepInFile->isVisible());
        QVERIFY(!keepInFile->isChecked());
        QTest::mouseClick(keepInFile, Qt::LeftButton);
        QVERIFY(m_secrets->usesProtectedFile());
        QTRY_VERIFY(!labelText("secretsBackendLabel").contains(QStringLiteral("session only")));
        QTest::mouseClick(keepInFile, Qt::LeftButton);
        QVERIFY(!m_secrets->usesProtectedFile());
    }

    void testConnectionAgainstMockCluster()
    {
        Test::MockCluster cluster(3);
        QVERIFY2(cluster.isValid(), qPrintable(cluster.error()));
        openDialog();
        typeNewProfile(QStringLiteral("mock"), cluster.bootstrapServers());
        click("testButton");
        auto* result = child<QLabel>("testResultLabel");
        QCOMPARE(result->text(), QStringLiteral("Testing…"));
        QTRY_VERIFY_WITH_TIMEOUT(result->text() != QStringLiteral("Testing…"), 15000);
        QVERIFY2(result->text().startsWith(QStringLiteral("Connected: 3 brokers, ")), qPrintable(result->text()));
        QVERIFY(result->text().endsWith(QStringLiteral(" ms")));
        QVERIFY(m_store->profiles().isEmpty()); // testing does not save
    }

    void testConnectionToClosedPortShowsError()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const quint16 port = server.serverPort();
        server.close(); // nothing listens there any more
        openDialog();
        m_dialog->setTestTimeoutMs(3000);
        typeNewProfile(QStringLiteral("closed"), QStringLiteral("127.0.0.1:%1").arg(port));
        click("testButton");
        auto* result = child<QLabel>("testResultLabel");
        QTRY_VERIFY_WITH_TIMEOUT(result->text() != QStringLiteral("Testing…"), 15000);
        QVERIFY(!result->text().isEmpty());
        QVERIFY2(!result->text().startsWith(QStringLiteral("Connected")), qPrintable(result->text()));
    }

    void connectEmitsTypedProfileAndPassword()
    {
        openDialog();
        QSignalSpy requested(m_dialog.get(), &ConnectionDialog::connectRequested);
        typeNewProfile(QStringLiteral("typed"), QStringLiteral("kafka-1:9092"));
        auto* combo = child<QComboBox>("securityProtocolCombo");
        combo->setCurrentIndex(combo->findText(QStringLiteral("SASL_PLAINTEXT")));
        auto* mechanism = child<QComboBox>("saslMechanismCombo");
        mechanism->setCurrentIndex(mechanism->findText(QStringLiteral("SCRAM-SHA-256")));
        type(edit("usernameEdit"), QStringLiteral("carol"));
        type(edit("passwordEdit"), QStringLiteral("p@ss word"));
        click("connectButton");

        QCOMPARE(requested.count(), 1);
        const auto profile = requested.first().at(0).value<ConnectionProfile>();
        const auto secrets = requested.first().at(1).value<ProfileSecrets>();
        QVERIFY(profile.id > 0); // saved before connecting
        QCOMPARE(profile.name, QStringLiteral("typed"));
        QCOMPARE(profile.bootstrapServers, QStringLiteral("kafka-1:9092"));
        QCOMPARE(profile.securityProtocol, SecurityProtocol::SaslPlaintext);
        QCOMPARE(profile.saslMechanism, SaslMechanism::ScramSha256);
        QCOMPARE(profile.saslUsername, QStringLiteral("carol"));
        QCOMPARE(secrets.saslPassword, QStringLiteral("p@ss word"));
        QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
        QVERIFY(!m_dialog->isVisible());
        QVERIFY(m_questions.isEmpty());
        QVERIFY(m_store->profile(profile.id) == profile);
    }

    void connectWaitsForStoredSecrets()
    {
        const qint64 id = storeProfile(QStringLiteral("stored"), QStringLiteral("stored:9092"));
        QVERIFY(id > 0);
        waitForSecretsWritten(id, { QStringLiteral("from-store"), {}, QStringLiteral("registry-pw") });
        openDialog();
        QSignalSpy requested(m_dialog.get(), &ConnectionDialog::connectRequested);
        m_dialog->selectProfile(id);
        click("connectButton"); // possibly before the secrets arrived
        QTRY_COMPARE(requested.count(), 1);
        QCOMPARE(requested.first().at(0).value<ConnectionProfile>().id, id);
        const auto secrets = requested.first().at(1).value<ProfileSecrets>();
        QCOMPARE(secrets.saslPassword, QStringLiteral("from-store"));
        QCOMPARE(secrets.schemaRegistryPassword, QStringLiteral("registry-pw"));
        QCOMPARE(edit("schemaRegistryPasswordEdit")->text(), QStringLiteral("registry-pw"));
    }
};

SAMSA_TEST_MAIN(ConnectionDialogTest, QApplication)

#include "tst_connectiondialog.moc"
