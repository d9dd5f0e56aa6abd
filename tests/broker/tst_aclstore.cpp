// The ACL file in the data dir: a round trip through it, and a damaged file refused with a clear
// message instead of being read as "no ACLs".

#include "testmain.h"

#include "security/aclstore.h"
#include "security/authorizer.h"
#include "storage/brokerconfig.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace samsa::broker;
using namespace samsa::broker::security;

class TestAclStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void missingFileIsNoAcls()
    {
        QTemporaryDir dir;
        std::string error;
        const auto acls = AclStore(dir.path().toStdString()).load(&error);
        QVERIFY2(acls, error.c_str());
        QVERIFY(acls->empty());
    }

    void roundTrip()
    {
        QTemporaryDir dir;
        const std::vector<AclBinding> acls = {
            { { ResourceType::Topic, "orders", PatternType::Literal },
                { "User:alice", "*", AclOperation::Read, AclPermission::Allow } },
            { { ResourceType::Group, "team-", PatternType::Prefixed },
                { "User:*", "10.1.2.3", AclOperation::All, AclPermission::Deny } },
            { { ResourceType::Cluster, ClusterResourceName, PatternType::Literal },
                { "User:ops", "*", AclOperation::IdempotentWrite, AclPermission::Allow } },
            { { ResourceType::TransactionalId, "tx", PatternType::Literal },
                { "User:bob", "*", AclOperation::Write, AclPermission::Allow } },
        };
        const AclStore store(dir.path().toStdString());
        std::string error;
        QVERIFY2(store.save(acls, &error), error.c_str());
        const auto loaded = AclStore(dir.path().toStdString()).load(&error);
        QVERIFY2(loaded, error.c_str());
        QVERIFY(*loaded == acls);
    }

    void createdAclsSurviveReopening()
    {
        QTemporaryDir dir;
        BrokerConfig config;
        config.dataDir = dir.path().toStdString();
        config.authorizer = "standard";
        std::string error;
        auto first = Authorizer::open(config, &error);
        QVERIFY2(first, error.c_str());
        const AclBinding binding { { ResourceType::Topic, "t", PatternType::Literal },
            { "User:alice", "*", AclOperation::Read, AclPermission::Allow } };
        QCOMPARE(first->create({ binding })[0].error, ErrorCode::None);
        first.reset();
        auto second = Authorizer::open(config, &error);
        QVERIFY2(second, error.c_str());
        QVERIFY(second->authorize({ "User:alice", "127.0.0.1" }, AclOperation::Read, ResourceType::Topic, "t"));
        // Deleting is durable too.
        QCOMPARE(second->remove({ AclBindingFilter {} })[0].deleted.size(), size_t(1));
        second.reset();
        QVERIFY(Authorizer::open(config, &error)->describe({}).empty());
    }

    void noAuthorizerWhenOff()
    {
        BrokerConfig config;
        std::string error = "stale";
        QVERIFY(!Authorizer::open(config, &error));
        QVERIFY(error.empty());
    }

    void damagedFileIsRefused_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QByteArray>("problem");
        QTest::addRow("truncated") << QByteArray("{\"version\": 1, \"acls\": [{\"resourceType\": \"TOP")
                                   << QByteArray("not valid JSON");
        QTest::addRow("empty") << QByteArray() << QByteArray("not valid JSON");
        QTest::addRow("no list") << QByteArray("{\"version\": 1}") << QByteArray("no \"acls\" array");
        QTest::addRow("future version") << QByteArray("{\"version\": 9, \"acls\": []}") << QByteArray("format version");
        QTest::addRow("unknown operation") << QByteArray(
            "{\"version\": 1, \"acls\": [{\"resourceType\": \"TOPIC\", \"resourceName\": \"t\", \"patternType\": "
            "\"LITERAL\", \"principal\": \"User:a\", \"host\": \"*\", \"operation\": \"SING\", \"permission\": "
            "\"ALLOW\"}]}") << QByteArray("unknown resource type, pattern type, operation or permission");
        QTest::addRow("missing field") << QByteArray(
            "{\"version\": 1, \"acls\": [{\"resourceType\": \"TOPIC\", \"resourceName\": \"t\"}]}")
                                       << QByteArray("lacks one of");
        QTest::addRow("invalid binding") << QByteArray(
            "{\"version\": 1, \"acls\": [{\"resourceType\": \"TOPIC\", \"resourceName\": \"t\", \"patternType\": "
            "\"MATCH\", \"principal\": \"User:a\", \"host\": \"*\", \"operation\": \"READ\", \"permission\": "
            "\"ALLOW\"}]}") << QByteArray("invalid pattern type");
    }
    void damagedFileIsRefused()
    {
        QFETCH(QByteArray, content);
        QFETCH(QByteArray, problem);
        QTemporaryDir dir;
        QFile file(dir.filePath(QString::fromLatin1(AclStore::FileName)));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        std::string error;
        QVERIFY(!AclStore(dir.path().toStdString()).load(&error));
        QVERIFY2(error.find("is damaged") != std::string::npos, error.c_str());
        QVERIFY2(error.find(problem.toStdString()) != std::string::npos, error.c_str());
        QVERIFY2(error.find(file.fileName().toStdString()) != std::string::npos, error.c_str());
        // The authorizer refuses to start on it rather than run with no ACLs.
        BrokerConfig config;
        config.dataDir = dir.path().toStdString();
        config.authorizer = "standard";
        QVERIFY(!Authorizer::open(config, &error));
        QVERIFY(!error.empty());
    }
};

SAMSA_TEST_MAIN(TestAclStore, QCoreApplication)
#include "tst_aclstore.moc"
