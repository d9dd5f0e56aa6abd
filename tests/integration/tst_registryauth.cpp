// The app's Schema Registry client and schema cache (what the registry page, the decoders,
// samsactl and sample data use) against a samsa-broker with SASL users, whose registry then wants
// HTTP basic auth as one of them: the profile's registry user and password get through, a wrong
// password or none gets a clear 401.

#include "brokerprocess.h"
#include "registry/schemacache.h"
#include "registry/schemaregistryclient.h"
#include "registrytestsupport.h"
#include "testmain.h"

#include <QSignalSpy>

using namespace Samsa;
using Samsa::Test::BrokerProcess;
using Samsa::Test::RegistryReply;

namespace {

const QByteArray GuardedSchema = R"({"type":"record","name":"Guarded","fields":[{"name":"id","type":"long"}]})";

} // namespace

class TestRegistryAuth : public QObject {
    Q_OBJECT

private:
    BrokerProcess m_broker;

    std::unique_ptr<SchemaRegistryClient> client(const QString& user, const QString& password)
    {
        auto registry = std::make_unique<SchemaRegistryClient>(QUrl(m_broker.schemaRegistryUrl()));
        registry->setBasicAuth(user, password);
        return registry;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_broker.enableSchemaRegistry();
        m_broker.setExtraArguments({ QStringLiteral("--set"), QStringLiteral("sasl.enabled.mechanisms=PLAIN"),
            QStringLiteral("--set"), QStringLiteral("sasl.plain.users=alice:s3cret,bob:pw:with:colons") });
        QVERIFY2(m_broker.start(), m_broker.errorText());
    }

    void rightCredentials()
    {
        const auto alice = client(QStringLiteral("alice"), QStringLiteral("s3cret"));
        RegistryReply<int> registered;
        alice->registerSchema(QStringLiteral("guarded-value"), GuardedSchema, QString(), {}, registered.callback());
        SAMSA_AWAIT_OK(registered);
        QVERIFY(registered.value > 0);
        const auto bob = client(QStringLiteral("bob"), QStringLiteral("pw:with:colons"));
        RegistryReply<QStringList> subjects;
        bob->listSubjects(false, subjects.callback());
        SAMSA_AWAIT_OK(subjects);
        QCOMPARE(subjects.value, QStringList { QStringLiteral("guarded-value") });
    }

    void wrongCredentials_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addRow("none") << QString() << QString();
        QTest::addRow("wrong password") << QStringLiteral("alice") << QStringLiteral("s3cre");
        QTest::addRow("longer password") << QStringLiteral("alice") << QStringLiteral("s3cret0");
        QTest::addRow("unknown user") << QStringLiteral("eve") << QStringLiteral("s3cret");
    }

    void wrongCredentials()
    {
        QFETCH(QString, user);
        QFETCH(QString, password);
        const auto registry = client(user, password);
        RegistryReply<QStringList> subjects;
        registry->listSubjects(false, subjects.callback());
        QVERIFY(subjects.wait());
        QCOMPARE(subjects.error.kind, RegistryError::Kind::Http);
        QCOMPARE(subjects.error.httpStatus, 401);
        QVERIFY(subjects.value.isEmpty());
    }

    // The cache behind the decoders and samsactl passes its options' credentials on.
    void schemaCacheUsesCredentials()
    {
        const auto alice = client(QStringLiteral("alice"), QStringLiteral("s3cret"));
        RegistryReply<int> registered;
        alice->registerSchema(QStringLiteral("guarded-value"), GuardedSchema, QString(), {}, registered.callback());
        SAMSA_AWAIT_OK(registered);

        for (const bool right : { false, true }) {
            SchemaCache::Options options;
            options.registryUrl = QUrl(m_broker.schemaRegistryUrl());
            options.user = QStringLiteral("alice");
            options.password = right ? QStringLiteral("s3cret") : QStringLiteral("nope");
            SchemaCache cache(options);
            QSignalSpy arrived(&cache, &SchemaCache::schemaArrived);
            QVERIFY(!cache.lookup(registered.value));
            QVERIFY(arrived.wait(15000));
            const auto schema = cache.peek(registered.value);
            QVERIFY(schema);
            QCOMPARE(schema->isUsable(), right);
            if (!right)
                QVERIFY2(!schema->error.isEmpty(), qPrintable(schema->error));
        }
    }

    void cleanupTestCase() { QVERIFY2(m_broker.stop(), m_broker.errorText()); }
};

SAMSA_TEST_MAIN(TestRegistryAuth, QCoreApplication)
#include "tst_registryauth.moc"
