// samsactl acl list | create | delete, run as a separate process against the real samsa-broker with
// the standard authorizer (PLAINTEXT clients are User:ANONYMOUS, made a super user here): text and
// JSON output, delete's preview without --yes, usage errors, a broker without an authorizer, and
// what the app's core (AclActions, another connection) then sees.

#include "acls/aclactions.h"
#include "brokerprocess.h"
#include "kafka/kafkathreads.h"
#include "programrun.h"
#include "testmain.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>

using namespace Samsa;
using Samsa::Test::BrokerProcess;

namespace {

using Run = Samsa::Test::ProgramRun;
using Samsa::Test::args;
using Samsa::Test::parseObject;
using Samsa::Test::runProgram;

QJsonObject aclJson(const char* type, const char* name, const char* pattern, const char* principal, const char* host,
    const char* operation, const char* permission)
{
    const auto text = [](const char* value) { return QString::fromUtf8(value); };
    return { { QStringLiteral("resourceType"), text(type) }, { QStringLiteral("resourceName"), text(name) },
        { QStringLiteral("patternType"), text(pattern) }, { QStringLiteral("principal"), text(principal) },
        { QStringLiteral("host"), text(host) }, { QStringLiteral("operation"), text(operation) },
        { QStringLiteral("permission"), text(permission) } };
}

QJsonObject withResult(QJsonObject acl)
{
    acl.insert(QStringLiteral("ok"), true);
    acl.insert(QStringLiteral("error"), QJsonValue());
    return acl;
}

} // namespace

class TestSamsactlAcls : public QObject {
    Q_OBJECT

private:
    BrokerProcess m_broker;

    Run ctl(QStringList arguments, const BrokerProcess* broker = nullptr) const
    {
        return runProgram(QStringLiteral(SAMSACTL_PATH),
            arguments << QStringLiteral("-b") << (broker ? broker : &m_broker)->bootstrapServers());
    }

    // The ACLs as the app's core lists them, on its own connection.
    QList<AclBinding> coreList() const
    {
        AclActions actions({ { QStringLiteral("bootstrap.servers"), m_broker.bootstrapServers() } }, 10000);
        QSignalSpy done(&actions, &AclActions::finished);
        actions.list(AclFilter());
        if (!done.wait(20000))
            return {};
        const AclActionResult result = done.first().at(1).value<AclActionResult>();
        if (!result.ok())
            qWarning("list failed: %s", qPrintable(result.error));
        return result.bindings;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_broker.setExtraArguments({ QStringLiteral("--set"), QStringLiteral("authorizer=standard"),
            QStringLiteral("--set"), QStringLiteral("super.users=User:ANONYMOUS") });
        QVERIFY2(m_broker.start(), qPrintable(m_broker.error()));
    }

    void cleanup()
    {
        const Run cleared = ctl(args({ "acl", "delete", "--yes" }));
        QVERIFY2(cleared.exitCode == 0, cleared.err.constData());
        QVERIFY(coreList().isEmpty());
    }

    void cleanupTestCase() { QVERIFY(KafkaThreads::waitForAll(30000)); }

    void createListAndDeleteAsText()
    {
        Run run = ctl(args({ "acl", "create", "--principal", "User:alice", "--operation", "read", "--operation",
            "describe-configs", "--resource-type", "topic", "--resource", "orders" }));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QStringList lines = QString::fromUtf8(run.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines.at(0).startsWith(QLatin1String("PRINCIPAL")) && lines.at(0).endsWith(QLatin1String("RESULT")),
            qPrintable(lines.at(0)));
        QCOMPARE(lines.at(1).simplified(), QStringLiteral("User:alice ALLOW READ TOPIC orders LITERAL * created"));
        QCOMPARE(lines.at(2).simplified(),
            QStringLiteral("User:alice ALLOW DESCRIBE_CONFIGS TOPIC orders LITERAL * created"));
        QCOMPARE(coreList().size(), 2);

        run = ctl(args({ "acl", "create", "--principal", "User:bob", "--operation", "idempotent-write",
            "--resource-type", "cluster" }));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("kafka-cluster"), run.out.constData());

        run = ctl(args({ "acl", "list", "--principal", "User:alice" }));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        lines = QString::fromUtf8(run.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(1).simplified(), QStringLiteral("User:alice ALLOW READ TOPIC orders LITERAL *"));

        // Without --yes: what would go, status 2, nothing deleted.
        run = ctl(args({ "acl", "delete", "--principal", "User:alice" }));
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(QString::fromUtf8(run.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 3);
        QVERIFY2(run.err.contains("2 ACL(s) match; nothing was deleted: add --yes"), run.err.constData());
        QCOMPARE(coreList().size(), 3);

        run = ctl(args({ "acl", "delete", "--principal", "User:alice", "--operation", "read", "--yes" }));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        lines = QString::fromUtf8(run.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(1).simplified(), QStringLiteral("User:alice ALLOW READ TOPIC orders LITERAL * deleted"));
        const QList<AclBinding> left = coreList();
        QCOMPARE(left.size(), 2);
        QVERIFY(std::none_of(
            left.cbegin(), left.cend(), [](const AclBinding& b) { return b.operation == AclOperation::Read; }));

        run = ctl(args({ "acl", "list", "--resource-type", "group" }));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.out, QByteArray("No ACL matches.\n"));
    }

    void jsonShapes()
    {
        Run run = ctl(args({ "acl", "create", "--principal", "User:bob", "--operation", "write", "--resource-type",
            "topic", "--resource", "ord", "--pattern", "prefixed", "--deny", "--host", "10.0.0.1", "--json" }));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject denyPrefix = aclJson("TOPIC", "ord", "PREFIXED", "User:bob", "10.0.0.1", "WRITE", "DENY");
        QCOMPARE(parseObject(run.out),
            (QJsonObject { { QStringLiteral("action"), QStringLiteral("create") }, { QStringLiteral("ok"), true },
                { QStringLiteral("error"), QJsonValue() },
                { QStringLiteral("acls"), QJsonArray { withResult(denyPrefix) } } }));

        run = ctl(args({ "acl", "create", "--principal", "User:bob", "--operation", "read", "--resource-type", "group",
            "--resource", "*" }));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject anyGroup = aclJson("GROUP", "*", "LITERAL", "User:bob", "*", "READ", "ALLOW");

        // Sorted by resource type first: the topic's ACL, then the group's.
        run = ctl(args({ "acl", "list", "--principal", "User:bob", "--json" }));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(parseObject(run.out),
            (QJsonObject { { QStringLiteral("action"), QStringLiteral("list") }, { QStringLiteral("ok"), true },
                { QStringLiteral("error"), QJsonValue() },
                { QStringLiteral("acls"), QJsonArray { denyPrefix, anyGroup } } }));

        // match: the prefixed ACL covers "orders".
        run = ctl(args(
            { "acl", "list", "--resource-type", "topic", "--resource", "orders", "--pattern", "match", "--json" }));
        QCOMPARE(parseObject(run.out).value(QLatin1String("acls")).toArray(), QJsonArray { denyPrefix });

        run = ctl(args({ "acl", "delete", "--permission", "deny", "--json" }));
        QCOMPARE(run.exitCode, 2);
        QJsonObject preview = parseObject(run.out);
        QCOMPARE(preview.value(QLatin1String("deleted")).toBool(true), false);
        QCOMPARE(preview.value(QLatin1String("acls")).toArray(), QJsonArray { denyPrefix });
        QCOMPARE(coreList().size(), 2);

        run = ctl(args({ "acl", "delete", "--permission", "deny", "--yes", "--json" }));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(parseObject(run.out),
            (QJsonObject { { QStringLiteral("action"), QStringLiteral("delete") }, { QStringLiteral("ok"), true },
                { QStringLiteral("error"), QJsonValue() }, { QStringLiteral("deleted"), true },
                { QStringLiteral("filterErrors"), QJsonArray() },
                { QStringLiteral("acls"), QJsonArray { denyPrefix } } }));
        QCOMPARE(coreList().size(), 1);
    }

    void usageErrorsCreateNothing_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::addRow("no subcommand") << args({ "acl" }) << QStringLiteral("acl needs a subcommand");
        QTest::addRow("principal without type") << args({ "acl", "create", "--principal", "alice", "--operation",
            "read", "--resource-type", "topic", "--resource", "t" })
                                                << QStringLiteral("not written TYPE:NAME");
        QTest::addRow("operation not on the type")
            << args({ "acl", "create", "--principal", "User:a", "--operation", "read", "--operation", "write",
                   "--resource-type", "group", "--resource", "g" })
            << QStringLiteral("--operation needs one of all, read, delete, describe, not 'write'");
        QTest::addRow("no operation") << args({ "acl", "create", "--principal", "User:a", "--resource-type", "topic",
            "--resource", "t" }) << QStringLiteral("needs --operation");
        QTest::addRow("no resource") << args(
            { "acl", "create", "--principal", "User:a", "--operation", "read", "--resource-type", "topic" })
                                     << QStringLiteral("topic name is empty");
        QTest::addRow("match in a binding") << args({ "acl", "create", "--principal", "User:a", "--operation", "read",
            "--resource-type", "topic", "--resource", "t", "--pattern", "match" })
                                            << QStringLiteral("--pattern needs one of literal, prefixed, not 'match'");
        QTest::addRow("cluster misnamed") << args({ "acl", "create", "--principal", "User:a", "--operation", "describe",
            "--resource-type", "cluster", "--resource", "prod" })
                                          << QStringLiteral("kafka-cluster, not 'prod'");
        QTest::addRow("unknown type") << args({ "acl", "list", "--resource-type", "table" })
                                      << QStringLiteral("--resource-type needs one of any, topic");
        QTest::addRow("deny in a filter")
            << args({ "acl", "list", "--deny" }) << QStringLiteral("option --deny does not apply to acl list");
        QTest::addRow("yes on create") << args({ "acl", "create", "--principal", "User:a", "--operation", "read",
            "--resource-type", "topic", "--resource", "t", "--yes" })
                                       << QStringLiteral("option --yes does not apply to acl create");
    }
    void usageErrorsCreateNothing()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run run = ctl(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
        QVERIFY(run.out.isEmpty());
        QVERIFY(coreList().isEmpty());
    }

    void brokerWithoutAuthorizer()
    {
        BrokerProcess open;
        QVERIFY2(open.start(), qPrintable(open.error()));
        Run run = ctl(args({ "acl", "list" }), &open);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("Security is disabled on the cluster"), run.err.constData());
        QVERIFY(run.out.isEmpty());

        run = ctl(args({ "acl", "list", "--json" }), &open);
        QCOMPARE(run.exitCode, 1);
        const QJsonObject json = parseObject(run.out);
        QCOMPARE(json.value(QLatin1String("ok")).toBool(true), false);
        QVERIFY(json.value(QLatin1String("error")).toString().contains(QLatin1String("SECURITY_DISABLED")));

        run = ctl(args({ "acl", "create", "--principal", "User:a", "--operation", "read", "--resource-type", "topic",
                      "--resource", "t" }),
            &open);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains("Security is disabled"), run.out.constData());
        QVERIFY2(run.err.contains("ALLOW User:a READ on TOPIC t (LITERAL) from *: Security is disabled"),
            run.err.constData());
    }
};

SAMSA_TEST_MAIN(TestSamsactlAcls, QCoreApplication)
#include "tst_samsactlacls.moc"
