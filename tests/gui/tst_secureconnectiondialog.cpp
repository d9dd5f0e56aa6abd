// The connection dialog filled by keyboard and mouse for a real samsa-broker on SASL_SSL with
// SCRAM-SHA-512 and a CA made for the test: "Test connection" says the password was refused, with
// librdkafka's own text under it, and once the password is right, that it connected.

#include "brokerprocess.h"
#include "connections/connectiondialog.h"
#include "kafka/kafkathreads.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"
#include "testcertificates.h"
#include "testmain.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include <sys/stat.h>

using namespace Samsa;
using Samsa::Test::BrokerProcess;
using Samsa::Test::TestCertificates;

class TestSecureConnectionDialog : public QObject {
    Q_OBJECT

private:
    TestCertificates m_certificates;
    BrokerProcess m_broker;
    QTemporaryDir m_dir;
    std::unique_ptr<ProfileStore> m_store;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<ConnectionDialog> m_dialog;

    template <typename T> T* child(const char* name) const
    {
        T* widget = m_dialog->findChild<T*>(QLatin1String(name));
        if (!widget)
            qWarning("no child %s", name);
        return widget;
    }

    static void type(QWidget* widget, const QString& text)
    {
        QVERIFY(widget);
        QTest::mouseClick(widget, Qt::LeftButton);
        QTest::keyClick(widget, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(widget, text);
    }

    // A closed combo box picks the item whose text starts with what is typed.
    static void choose(QComboBox* combo, const QString& text)
    {
        QVERIFY(combo);
        combo->setFocus();
        QTest::keyClicks(combo, text);
        QCOMPARE(combo->currentText(), text);
    }

    QString pressTest()
    {
        auto* result = child<QLabel>("testResultLabel");
        QTest::mouseClick(child<QPushButton>("testButton"), Qt::LeftButton);
        if (!QTest::qWaitFor([result] { return result->text() != QStringLiteral("Testing…"); }, 20000))
            return QStringLiteral("no answer");
        return result->text();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!BrokerProcess::binaryPath().isEmpty(), "SAMSA_BROKER_BIN is not set (run through ctest)");
        QVERIFY2(m_certificates.create(), m_certificates.errorText());
        const QString users = m_certificates.directory() + QStringLiteral("/users");
        QFile file(users);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("carol:carols-password\n");
        file.close();
        QCOMPARE(::chmod(QFile::encodeName(users).constData(), 0600), 0);
        m_broker.setListen(QStringLiteral("SASL_SSL://127.0.0.1:0"));
        m_broker.setExtraArguments(m_certificates.brokerArguments()
            + QStringList { QStringLiteral("--set"), QStringLiteral("sasl.enabled.mechanisms=SCRAM-SHA-512"),
                QStringLiteral("--set"), QStringLiteral("sasl.users.file=") + users });
        QVERIFY2(m_broker.start(), m_broker.errorText());

        m_store = std::make_unique<ProfileStore>();
        QVERIFY2(m_store->open(m_dir.filePath(QStringLiteral("profiles.db"))), qPrintable(m_store->errorText()));
        m_secrets = std::make_unique<SecretStore>();
    }

    void cleanupTestCase()
    {
        m_dialog.reset();
        QVERIFY(KafkaThreads::waitForAll(20000));
    }

    void testSaysWrongPasswordThenConnects()
    {
        m_dialog = std::make_unique<ConnectionDialog>(m_store.get(), m_secrets.get());
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));

        QTest::mouseClick(child<QPushButton>("newButton"), Qt::LeftButton);
        type(child<QLineEdit>("nameEdit"), QStringLiteral("secure"));
        type(child<QLineEdit>("bootstrapEdit"),
            QStringLiteral("127.0.0.1:%1").arg(m_broker.listenerPort(QStringLiteral("SASL_SSL"))));
        choose(child<QComboBox>("securityProtocolCombo"), QStringLiteral("SASL_SSL"));
        choose(child<QComboBox>("saslMechanismCombo"), QStringLiteral("SCRAM-SHA-512"));
        type(child<QLineEdit>("usernameEdit"), QStringLiteral("carol"));
        type(child<QLineEdit>("caFileEdit"), m_certificates.caCertificate());
        type(child<QLineEdit>("passwordEdit"), QStringLiteral("not-carols-password"));

        const QString refused = pressTest();
        QCOMPARE(refused,
            QStringLiteral("Authentication failed: the broker refused the user name or password (SCRAM-SHA-512)."));
        auto* detail = child<QLabel>("testDetailLabel");
        QVERIFY(detail->isVisible());
        QVERIFY2(
            detail->text().startsWith(QStringLiteral("librdkafka: sasl_ssl://127.0.0.1:")), qPrintable(detail->text()));
        QVERIFY2(detail->text().contains(QStringLiteral("SASL authentication error")), qPrintable(detail->text()));
        QVERIFY(!detail->text().contains(QStringLiteral("not-carols-password")));

        type(child<QLineEdit>("passwordEdit"), QStringLiteral("carols-password"));
        const QString connected = pressTest();
        QVERIFY2(connected.startsWith(QStringLiteral("Connected: 1 broker, ")), qPrintable(connected));
        QVERIFY(!detail->isVisible());
    }
};

SAMSA_TEST_MAIN(TestSecureConnectionDialog, QApplication)
#include "tst_secureconnectiondialog.moc"
