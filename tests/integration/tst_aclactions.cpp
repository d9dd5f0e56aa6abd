// ACL administration through the app's core (AclActions on its Kafka worker thread) against the real
// samsa-broker with the standard authorizer and SASL PLAIN users (admin a super user): literal and
// prefixed ACLs, allow and deny, listed by filter and removed by filter; a bad binding gets its own
// outcome; a user without rights and a broker without an authorizer get a clear error; and kcat,
// another client, sees what the ACLs allow and deny.

#include "acls/aclactions.h"
#include "brokerprocess.h"
#include "clientrun.h"
#include "kafka/kafkathreads.h"
#include "rdkafkaadmin.h"
#include "rdkafkaclient.h"
#include "testmain.h"

#include <QSignalSpy>

using namespace Samsa;
using Samsa::Test::BrokerProcess;
using Samsa::Test::RdKafkaAdmin;
using Samsa::Test::RdKafkaProducer;

namespace {

const QStringList SecuredBroker { QStringLiteral("--set"),
    QStringLiteral("sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256"), QStringLiteral("--set"),
    QStringLiteral("sasl.plain.users=admin:admin-pw,alice:alice-pw"), QStringLiteral("--set"),
    QStringLiteral("authorizer=standard"), QStringLiteral("--set"), QStringLiteral("super.users=User:admin") };

using Properties = QList<QPair<QString, QString>>;

Properties userProperties(const QString& bootstrap, const QString& user)
{
    return { { QStringLiteral("bootstrap.servers"), bootstrap },
        { QStringLiteral("security.protocol"), QStringLiteral("SASL_PLAINTEXT") },
        { QStringLiteral("sasl.mechanisms"), QStringLiteral("PLAIN") }, { QStringLiteral("sasl.username"), user },
        { QStringLiteral("sasl.password"), user + QStringLiteral("-pw") } };
}

Samsa::Test::KafkaConfig userConfig(const QByteArray& user)
{
    return { { "security.protocol", "SASL_PLAINTEXT" }, { "sasl.mechanisms", "PLAIN" }, { "sasl.username", user },
        { "sasl.password", user + "-pw" } };
}

AclBinding acl(AclResourceType type, const QString& name, AclPatternType pattern, const QString& principal,
    AclOperation operation, AclPermission permission = AclPermission::Allow)
{
    AclBinding binding;
    binding.resourceType = type;
    binding.resourceName = name;
    binding.patternType = pattern;
    binding.principal = principal;
    binding.operation = operation;
    binding.permission = permission;
    return binding;
}

// Runs one action and returns its result (the job id must match the one the call returned).
template <typename Call> AclActionResult run(AclActions& actions, Call call)
{
    QSignalSpy done(&actions, &AclActions::finished);
    const int job = call();
    AclActionResult result;
    if (!done.wait(30000))
        result.error = QStringLiteral("no answer");
    else if (done.first().at(0).toInt() != job)
        result.error = QStringLiteral("answer of another job");
    else
        result = done.first().at(1).value<AclActionResult>();
    return result;
}

// Order-free comparison: the broker lists ACLs grouped by resource.
bool sameAcls(QList<AclBinding> actual, QList<AclBinding> expected)
{
    const auto key = [](const AclBinding& b) { return aclDescription(b); };
    std::sort(actual.begin(), actual.end(), [&](const auto& l, const auto& r) { return key(l) < key(r); });
    std::sort(expected.begin(), expected.end(), [&](const auto& l, const auto& r) { return key(l) < key(r); });
    if (actual != expected) {
        QStringList lines;
        for (const AclBinding& binding : std::as_const(actual))
            lines.append(key(binding));
        qWarning("ACLs: %s", qPrintable(lines.join(QStringLiteral("; "))));
    }
    return actual == expected;
}

} // namespace

class TestAclActions : public QObject {
    Q_OBJECT

private:
    BrokerProcess m_broker;

    AclActionResult list(AclActions& actions, const AclFilter& filter)
    {
        return run(actions, [&] { return actions.list(filter); });
    }

    // kcat as alice, reading the topic from the beginning without a group (topic READ is all it needs).
    Samsa::Test::ClientRun kcatAsAlice(const QString& topic)
    {
        return Samsa::Test::runClient(QStringLiteral(KCAT_PATH),
            { QStringLiteral("-C"), QStringLiteral("-b"), m_broker.bootstrapServers(), QStringLiteral("-X"),
                QStringLiteral("security.protocol=SASL_PLAINTEXT"), QStringLiteral("-X"),
                QStringLiteral("sasl.mechanisms=PLAIN"), QStringLiteral("-X"), QStringLiteral("sasl.username=alice"),
                QStringLiteral("-X"), QStringLiteral("sasl.password=alice-pw"), QStringLiteral("-t"), topic,
                QStringLiteral("-o"), QStringLiteral("beginning"), QStringLiteral("-e"), QStringLiteral("-q") },
            {}, QProcessEnvironment::systemEnvironment(), 20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_broker.setExtraArguments(SecuredBroker);
        QVERIFY2(m_broker.start(), qPrintable(m_broker.error()));
    }

    void cleanup()
    {
        // Every test starts without ACLs.
        AclActions admin(userProperties(m_broker.bootstrapServers(), QStringLiteral("admin")), 10000);
        const AclActionResult removed = run(admin, [&] { return admin.remove({ AclFilter() }); });
        QVERIFY2(removed.ok(), qPrintable(removed.failures().join(QLatin1Char('\n'))));
    }

    void cleanupTestCase() { QVERIFY(KafkaThreads::waitForAll(30000)); }

    void createsListsAndFilters()
    {
        AclActions admin(userProperties(m_broker.bootstrapServers(), QStringLiteral("admin")), 10000);
        const AclBinding readA = acl(AclResourceType::Topic, QStringLiteral("lst-a"), AclPatternType::Literal,
            QStringLiteral("User:alice"), AclOperation::Read);
        AclBinding denyPrefix = acl(AclResourceType::Topic, QStringLiteral("lst-"), AclPatternType::Prefixed,
            QStringLiteral("User:alice"), AclOperation::Write, AclPermission::Deny);
        denyPrefix.host = QStringLiteral("127.0.0.1");
        const AclBinding readGroup = acl(AclResourceType::Group, QStringLiteral("lst-g"), AclPatternType::Literal,
            QStringLiteral("User:alice"), AclOperation::Read);
        const AclBinding bobDescribe = acl(AclResourceType::Topic, QStringLiteral("other"), AclPatternType::Literal,
            QStringLiteral("User:bob"), AclOperation::Describe);
        // The cluster ACL is given without its name: it is stored as kafka-cluster.
        const AclBinding bobCluster = acl(AclResourceType::Cluster, QString(), AclPatternType::Literal,
            QStringLiteral("User:bob"), AclOperation::IdempotentWrite);
        const AclBinding noName = acl(
            AclResourceType::Topic, QString(), AclPatternType::Literal, QStringLiteral("User:bob"), AclOperation::Read);
        const AclBinding readOnCluster = acl(AclResourceType::Cluster, QStringLiteral("kafka-cluster"),
            AclPatternType::Literal, QStringLiteral("User:bob"), AclOperation::Read);

        const QList<AclBinding> asked { readA, noName, denyPrefix, readGroup, readOnCluster, bobDescribe, bobCluster };
        const AclActionResult created = run(admin, [&] { return admin.create(asked); });
        QVERIFY(created.error.isEmpty());
        QCOMPARE(created.outcomes.size(), asked.size());
        for (qsizetype index = 0; index < asked.size(); ++index) {
            const AclOutcome& outcome = created.outcomes.at(index);
            const bool bad = index == 1 || index == 4;
            QVERIFY2(
                outcome.error.isEmpty() != bad, qPrintable(QString::number(index) + QLatin1Char(' ') + outcome.error));
            QCOMPARE(outcome.binding, index == 6 ? completedAclBinding(asked.at(index)) : asked.at(index));
        }
        QVERIFY(created.outcomes.at(1).error.contains(QLatin1String("topic name is empty")));
        QVERIFY(created.outcomes.at(4).error.contains(QLatin1String("READ is not an operation on a cluster")));
        QCOMPARE(created.failures().size(), 2);

        AclActionResult listed = list(admin, AclFilter());
        QVERIFY2(listed.ok(), qPrintable(listed.error));
        QVERIFY(
            sameAcls(listed.bindings, { readA, denyPrefix, readGroup, bobDescribe, completedAclBinding(bobCluster) }));

        AclFilter ofAlice;
        ofAlice.principal = QStringLiteral("User:alice");
        QVERIFY(sameAcls(list(admin, ofAlice).bindings, { readA, denyPrefix, readGroup }));

        AclFilter groups;
        groups.resourceType = AclResourceType::Group;
        QVERIFY(sameAcls(list(admin, groups).bindings, { readGroup }));

        AclFilter prefixed;
        prefixed.patternType = AclPatternType::Prefixed;
        QVERIFY(sameAcls(list(admin, prefixed).bindings, { denyPrefix }));

        // MATCH: the literal ACLs of the name and the prefixed ones that cover it.
        AclFilter matching;
        matching.resourceType = AclResourceType::Topic;
        matching.resourceName = QStringLiteral("lst-a");
        matching.patternType = AclPatternType::Match;
        QVERIFY(sameAcls(list(admin, matching).bindings, { readA, denyPrefix }));

        AclFilter denies;
        denies.permission = AclPermission::Deny;
        denies.host = QStringLiteral("127.0.0.1");
        QVERIFY(sameAcls(list(admin, denies).bindings, { denyPrefix }));

        AclFilter clusterOps;
        clusterOps.resourceType = AclResourceType::Cluster;
        clusterOps.operation = AclOperation::IdempotentWrite;
        QVERIFY(sameAcls(list(admin, clusterOps).bindings, { completedAclBinding(bobCluster) }));
    }

    void removesByFilter()
    {
        AclActions admin(userProperties(m_broker.bootstrapServers(), QStringLiteral("admin")), 10000);
        const AclBinding readA = acl(AclResourceType::Topic, QStringLiteral("rm-a"), AclPatternType::Literal,
            QStringLiteral("User:alice"), AclOperation::Read);
        const AclBinding writeA = acl(AclResourceType::Topic, QStringLiteral("rm-a"), AclPatternType::Literal,
            QStringLiteral("User:alice"), AclOperation::Write);
        const AclBinding prefixRead = acl(AclResourceType::Topic, QStringLiteral("rm-"), AclPatternType::Prefixed,
            QStringLiteral("User:bob"), AclOperation::Read);
        const AclBinding groupRead = acl(AclResourceType::Group, QStringLiteral("rm-g"), AclPatternType::Literal,
            QStringLiteral("User:bob"), AclOperation::Read);
        const AclActionResult created = run(admin, [&] {
            return admin.create({ readA, writeA, prefixRead, groupRead });
        });
        QVERIFY2(created.ok(), qPrintable(created.failures().join(QLatin1Char('\n'))));

        // One filter by principal, one exact: each deletes only its own.
        AclFilter ofBob;
        ofBob.principal = QStringLiteral("User:bob");
        ofBob.resourceType = AclResourceType::Group;
        AclActionResult removed = run(admin, [&] { return admin.remove({ ofBob, AclFilter::exactly(writeA) }); });
        QVERIFY2(removed.ok(), qPrintable(removed.failures().join(QLatin1Char('\n'))));
        QVERIFY(sameAcls(removed.bindings, { groupRead, writeA }));
        QVERIFY(sameAcls(list(admin, AclFilter()).bindings, { readA, prefixRead }));

        // A filter that matches nothing deletes nothing and is no failure.
        AclFilter nobody;
        nobody.principal = QStringLiteral("User:nobody");
        removed = run(admin, [&] { return admin.remove({ nobody }); });
        QVERIFY(removed.ok());
        QVERIFY(removed.bindings.isEmpty());

        // MATCH deletes the prefixed ACL covering the name too.
        AclFilter matching;
        matching.resourceType = AclResourceType::Topic;
        matching.resourceName = QStringLiteral("rm-a");
        matching.patternType = AclPatternType::Match;
        removed = run(admin, [&] { return admin.remove({ matching }); });
        QVERIFY(sameAcls(removed.bindings, { readA, prefixRead }));
        QVERIFY(list(admin, AclFilter()).bindings.isEmpty());
    }

    // librdkafka 2.0.2 knows no TRANSACTIONAL_ID resource: that ACL gets the reason, the others go on.
    void transactionalIdAclIsRefusedOnItsOwn()
    {
        AclActions admin(userProperties(m_broker.bootstrapServers(), QStringLiteral("admin")), 10000);
        const AclBinding transactional = acl(AclResourceType::TransactionalId, QStringLiteral("tx"),
            AclPatternType::Literal, QStringLiteral("User:alice"), AclOperation::Write);
        const AclBinding topic = acl(AclResourceType::Topic, QStringLiteral("tx-topic"), AclPatternType::Literal,
            QStringLiteral("User:alice"), AclOperation::Write);
        const AclActionResult created = run(admin, [&] { return admin.create({ transactional, topic }); });
        QCOMPARE(created.outcomes.size(), 2);
        QVERIFY2(created.outcomes.at(0).error.contains(QLatin1String("transactional ids")),
            qPrintable(created.outcomes.at(0).error));
        QVERIFY2(created.outcomes.at(1).error.isEmpty(), qPrintable(created.outcomes.at(1).error));
        QVERIFY(sameAcls(list(admin, AclFilter()).bindings, { topic }));
    }

    // Samsa's own connection speaks no SCRAM: librdkafka lists then.
    void scramUserListsThroughLibrdkafka()
    {
        AclActions admin(userProperties(m_broker.bootstrapServers(), QStringLiteral("admin")), 10000);
        const AclBinding read = acl(AclResourceType::Topic, QStringLiteral("scram-t"), AclPatternType::Literal,
            QStringLiteral("User:alice"), AclOperation::Read);
        const AclActionResult created = run(admin, [&] { return admin.create({ read }); });
        QVERIFY2(created.ok(), qPrintable(created.failures().join(QLatin1Char('\n'))));

        Properties scram = userProperties(m_broker.bootstrapServers(), QStringLiteral("admin"));
        for (auto& [key, value] : scram) {
            if (key == QLatin1String("sasl.mechanisms"))
                value = QStringLiteral("SCRAM-SHA-256");
        }
        AclActions scramAdmin(scram, 10000);
        const AclActionResult listed = list(scramAdmin, AclFilter());
        QVERIFY2(listed.ok(), qPrintable(listed.error));
        QVERIFY(sameAcls(listed.bindings, { read }));
    }

    void userWithoutRightsIsToldSo()
    {
        AclActions alice(userProperties(m_broker.bootstrapServers(), QStringLiteral("alice")), 10000);
        const AclActionResult listed = list(alice, AclFilter());
        QVERIFY(!listed.ok());
        QVERIFY2(listed.error.contains(QLatin1String("Not authorized")), qPrintable(listed.error));
        QVERIFY2(listed.error.contains(QLatin1String("CLUSTER_AUTHORIZATION_FAILED")), qPrintable(listed.error));

        const AclBinding own = acl(AclResourceType::Topic, QStringLiteral("mine"), AclPatternType::Literal,
            QStringLiteral("User:alice"), AclOperation::All);
        const AclActionResult created = run(alice, [&] { return alice.create({ own }); });
        QCOMPARE(created.outcomes.size(), 1);
        QVERIFY2(created.outcomes.first().error.contains(QLatin1String("CLUSTER_AUTHORIZATION_FAILED")),
            qPrintable(created.outcomes.first().error));

        const AclActionResult removed = run(alice, [&] { return alice.remove({ AclFilter() }); });
        QCOMPARE(removed.filterErrors.size(), 1);
        QVERIFY2(removed.filterErrors.first().contains(QLatin1String("CLUSTER_AUTHORIZATION_FAILED")),
            qPrintable(removed.filterErrors.first()));
    }

    void brokerWithoutAuthorizerSaysSecurityIsDisabled()
    {
        BrokerProcess open;
        QVERIFY2(open.start(), qPrintable(open.error()));
        AclActions actions({ { QStringLiteral("bootstrap.servers"), open.bootstrapServers() } }, 10000);
        const AclActionResult listed = list(actions, AclFilter());
        QVERIFY2(listed.error.contains(QLatin1String("Security is disabled")), qPrintable(listed.error));
        QVERIFY(listed.error.contains(QLatin1String("SECURITY_DISABLED")));

        const AclBinding any = acl(AclResourceType::Topic, QStringLiteral("t"), AclPatternType::Literal,
            QStringLiteral("User:alice"), AclOperation::Read);
        const AclActionResult created = run(actions, [&] { return actions.create({ any }); });
        QCOMPARE(created.outcomes.size(), 1);
        QVERIFY2(created.outcomes.first().error.contains(QLatin1String("Security is disabled")),
            qPrintable(created.outcomes.first().error));
        const AclActionResult removed = run(actions, [&] { return actions.remove({ AclFilter() }); });
        QCOMPARE(removed.filterErrors.size(), 1);
        QVERIFY(removed.filterErrors.first().contains(QLatin1String("SECURITY_DISABLED")));
    }

    void anotherClientSeesTheEffect()
    {
        RdKafkaAdmin superUser(m_broker.bootstrapServers(), userConfig("admin"));
        QVERIFY(superUser.isValid());
        QVERIFY(superUser.createTopic({ "fx-orders", 1, {} }).ok());
        RdKafkaProducer producer(m_broker.bootstrapServers(), userConfig("admin"));
        for (int i = 0; i < 3; ++i)
            QVERIFY(producer.produce("fx-orders", 0, "k", "value-" + QByteArray::number(i)));
        QVERIFY(producer.flush(15000));
        QVERIFY2(producer.deliveryErrors().isEmpty(), qPrintable(producer.deliveryErrors()));

        Samsa::Test::ClientRun before = kcatAsAlice(QStringLiteral("fx-orders"));
        QVERIFY2(before.exitCode != 0 && before.output.contains(QLatin1String("authorization failed")),
            qPrintable(before.output));

        AclActions admin(userProperties(m_broker.bootstrapServers(), QStringLiteral("admin")), 10000);
        const AclBinding read = acl(AclResourceType::Topic, QStringLiteral("fx-orders"), AclPatternType::Literal,
            QStringLiteral("User:alice"), AclOperation::Read);
        const AclBinding group = acl(AclResourceType::Group, QStringLiteral("fx-group"), AclPatternType::Literal,
            QStringLiteral("User:alice"), AclOperation::Read);
        AclActionResult created = run(admin, [&] { return admin.create({ read, group }); });
        QVERIFY2(created.ok(), qPrintable(created.failures().join(QLatin1Char('\n'))));
        const Samsa::Test::ClientRun allowed = kcatAsAlice(QStringLiteral("fx-orders"));
        QVERIFY2(allowed.exitCode == 0, qPrintable(allowed.output));
        QCOMPARE(allowed.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts),
            QStringList({ QStringLiteral("value-0"), QStringLiteral("value-1"), QStringLiteral("value-2") }));

        // A prefixed DENY wins over the literal ALLOW.
        const AclBinding deny = acl(AclResourceType::Topic, QStringLiteral("fx-"), AclPatternType::Prefixed,
            QStringLiteral("User:alice"), AclOperation::Read, AclPermission::Deny);
        created = run(admin, [&] { return admin.create({ deny }); });
        QVERIFY2(created.ok(), qPrintable(created.failures().join(QLatin1Char('\n'))));
        before = kcatAsAlice(QStringLiteral("fx-orders"));
        QVERIFY2(before.exitCode != 0 && before.output.contains(QLatin1String("authorization failed")),
            qPrintable(before.output));
    }
};

SAMSA_TEST_MAIN(TestAclActions, QCoreApplication)
#include "tst_aclactions.moc"
