// The ACL value types: Kafka's names and parsing them back, the checks a binding passes before it
// is sent, the filter that matches exactly one ACL, and how a result reports its failures.

#include "acls/acltypes.h"
#include "kafka/wire/describeacls.h"
#include "kafka/wire/wirecodec.h"
#include "testmain.h"

using namespace Samsa;

Q_DECLARE_METATYPE(Samsa::AclResourceType)
Q_DECLARE_METATYPE(Samsa::AclPatternType)
Q_DECLARE_METATYPE(Samsa::AclOperation)
Q_DECLARE_METATYPE(Samsa::AclPermission)

namespace {

AclBinding topicRead(const QString& topic)
{
    AclBinding binding;
    binding.resourceName = topic;
    binding.principal = QStringLiteral("User:alice");
    return binding;
}

// A DescribeAcls v1 answer: one resource with the given ACLs (principal, host, operation, permission).
QByteArray describeAnswer(qint16 errorCode, const QString& message, qint8 resourceType, const QString& name,
    qint8 patternType, const QList<std::tuple<QString, QString, qint8, qint8>>& acls)
{
    WireWriter out;
    out.int32(0); // throttle
    out.int16(errorCode);
    out.nullableString(message);
    out.int32(1);
    out.int8(resourceType);
    out.string(name);
    out.int8(patternType);
    out.int32(qint32(acls.size()));
    for (const auto& [principal, host, operation, permission] : acls) {
        out.string(principal);
        out.string(host);
        out.int8(operation);
        out.int8(permission);
    }
    return out.data();
}

template <typename Enum, typename Parse> void checkRoundTrip(int count, Parse parse)
{
    QSet<QString> names;
    for (int value = 0; value < count; ++value) {
        const Enum item = Enum(value);
        const QString name = aclName(item);
        QVERIFY2(!name.isEmpty(), qPrintable(QString::number(value)));
        QCOMPARE(name, name.toUpper());
        names.insert(name);
        QCOMPARE(parse(name), std::optional<Enum>(item));
        QCOMPARE(parse(name.toLower()), std::optional<Enum>(item));
        QCOMPARE(parse(QString(name).replace(QLatin1Char('_'), QLatin1Char('-')).toLower()), std::optional<Enum>(item));
        QCOMPARE(parse(QString(name).remove(QLatin1Char('_')).toLower()), std::optional<Enum>(item));
    }
    QCOMPARE(names.size(), count); // every value has its own name
    QCOMPARE(parse(QStringLiteral("nonsense")), std::nullopt);
    QCOMPARE(parse(QString()), std::nullopt);
}

} // namespace

class AclTypesTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void kafkaNames()
    {
        QCOMPARE(aclName(AclResourceType::Topic), QStringLiteral("TOPIC"));
        QCOMPARE(aclName(AclResourceType::TransactionalId), QStringLiteral("TRANSACTIONAL_ID"));
        QCOMPARE(aclName(AclPatternType::Prefixed), QStringLiteral("PREFIXED"));
        QCOMPARE(aclName(AclOperation::DescribeConfigs), QStringLiteral("DESCRIBE_CONFIGS"));
        QCOMPARE(aclName(AclOperation::IdempotentWrite), QStringLiteral("IDEMPOTENT_WRITE"));
        QCOMPARE(aclName(AclOperation::ClusterAction), QStringLiteral("CLUSTER_ACTION"));
        QCOMPARE(aclName(AclPermission::Allow), QStringLiteral("ALLOW"));
        QCOMPARE(aclName(AclPermission::Deny), QStringLiteral("DENY"));
    }

    void parsingRoundTrip()
    {
        checkRoundTrip<AclResourceType>(5, parseAclResourceType);
        checkRoundTrip<AclPatternType>(4, parseAclPatternType);
        checkRoundTrip<AclOperation>(12, parseAclOperation);
        checkRoundTrip<AclPermission>(3, parseAclPermission);
    }

    void parsingSpellings_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<AclOperation>("operation");
        QTest::addRow("kebab") << QStringLiteral("describe-configs") << AclOperation::DescribeConfigs;
        QTest::addRow("squeezed") << QStringLiteral("describeconfigs") << AclOperation::DescribeConfigs;
        QTest::addRow("camel") << QStringLiteral("AlterConfigs") << AclOperation::AlterConfigs;
        QTest::addRow("spaces around") << QStringLiteral("  read ") << AclOperation::Read;
        QTest::addRow("mixed case") << QStringLiteral("IdemPotent_Write") << AclOperation::IdempotentWrite;
    }
    void parsingSpellings()
    {
        QFETCH(QString, text);
        QFETCH(AclOperation, operation);
        QCOMPARE(parseAclOperation(text), std::optional<AclOperation>(operation));
        QCOMPARE(parseAclResourceType(QStringLiteral("transactional-id")),
            std::optional<AclResourceType>(AclResourceType::TransactionalId));
    }

    void operationsPerType()
    {
        const QList<AclOperation> topic = aclOperationsFor(AclResourceType::Topic);
        QCOMPARE(topic.first(), AclOperation::All);
        QVERIFY(topic.contains(AclOperation::Read));
        QVERIFY(topic.contains(AclOperation::DescribeConfigs));
        QVERIFY(!topic.contains(AclOperation::IdempotentWrite));
        QVERIFY(!topic.contains(AclOperation::Any));
        const QList<AclOperation> group = aclOperationsFor(AclResourceType::Group);
        QCOMPARE(group.size(), 4); // ALL, READ, DELETE, DESCRIBE
        QVERIFY(!group.contains(AclOperation::Write));
        const QList<AclOperation> cluster = aclOperationsFor(AclResourceType::Cluster);
        QVERIFY(cluster.contains(AclOperation::IdempotentWrite));
        QVERIFY(cluster.contains(AclOperation::ClusterAction));
        QVERIFY(!cluster.contains(AclOperation::Read));
        const QList<AclOperation> transactional = aclOperationsFor(AclResourceType::TransactionalId);
        QCOMPARE(
            transactional, (QList<AclOperation> { AclOperation::All, AclOperation::Write, AclOperation::Describe }));
        const QList<AclOperation> any = aclOperationsFor(AclResourceType::Any);
        QCOMPARE(any.size(), 11);
        QVERIFY(!any.contains(AclOperation::Any));
    }

    void validation_data()
    {
        QTest::addColumn<AclBinding>("binding");
        QTest::addColumn<QString>("problemPart"); // empty: valid

        QTest::addRow("topic read") << topicRead(QStringLiteral("orders")) << QString();
        AclBinding binding = topicRead(QStringLiteral("ord"));
        binding.patternType = AclPatternType::Prefixed;
        binding.permission = AclPermission::Deny;
        QTest::addRow("prefixed deny") << binding << QString();
        QTest::addRow("wildcard topic") << topicRead(QStringLiteral("*")) << QString();

        binding = topicRead(QStringLiteral("orders"));
        binding.principal.clear();
        QTest::addRow("empty principal") << binding << QStringLiteral("principal is empty");
        binding.principal = QStringLiteral("alice");
        QTest::addRow("principal without type") << binding << QStringLiteral("not written TYPE:NAME");
        binding.principal = QStringLiteral("User:");
        QTest::addRow("principal without name") << binding << QStringLiteral("not written TYPE:NAME");
        binding.principal = QStringLiteral(":alice");
        QTest::addRow("principal with empty type") << binding << QStringLiteral("not written TYPE:NAME");
        binding.principal = QStringLiteral("User:*");
        QTest::addRow("every user") << binding << QString();

        QTest::addRow("empty topic") << topicRead(QString()) << QStringLiteral("topic name is empty");
        binding = topicRead(QStringLiteral("  "));
        QTest::addRow("blank topic") << binding << QStringLiteral("topic name is empty");
        binding = topicRead(QString());
        binding.resourceType = AclResourceType::Group;
        QTest::addRow("empty group") << binding << QStringLiteral("group name is empty");

        binding = topicRead(QString());
        binding.resourceType = AclResourceType::Cluster;
        binding.operation = AclOperation::Describe;
        QTest::addRow("cluster without name") << binding << QString();
        binding.resourceName = QStringLiteral("kafka-cluster");
        QTest::addRow("cluster named") << binding << QString();
        binding.resourceName = QStringLiteral("prod");
        QTest::addRow("cluster misnamed") << binding << QStringLiteral("kafka-cluster, not 'prod'");

        binding = topicRead(QStringLiteral("orders"));
        binding.resourceType = AclResourceType::Any;
        QTest::addRow("any type") << binding << QStringLiteral("not ANY");
        binding = topicRead(QStringLiteral("orders"));
        binding.patternType = AclPatternType::Any;
        QTest::addRow("any pattern") << binding << QStringLiteral("ANY only filters");
        binding.patternType = AclPatternType::Match;
        QTest::addRow("match pattern") << binding << QStringLiteral("MATCH only filters");
        binding = topicRead(QStringLiteral("orders"));
        binding.operation = AclOperation::Any;
        QTest::addRow("any operation") << binding << QStringLiteral("not ANY");
        binding = topicRead(QStringLiteral("orders"));
        binding.permission = AclPermission::Any;
        QTest::addRow("any permission") << binding << QStringLiteral("not ANY");
        binding = topicRead(QStringLiteral("orders"));
        binding.host.clear();
        QTest::addRow("empty host") << binding << QStringLiteral("host is empty");

        binding = topicRead(QStringLiteral("orders"));
        binding.operation = AclOperation::IdempotentWrite;
        QTest::addRow("idempotent write on a topic")
            << binding << QStringLiteral("IDEMPOTENT_WRITE is not an operation on a topic");
        binding = topicRead(QStringLiteral("kafka-cluster"));
        binding.resourceType = AclResourceType::Cluster;
        QTest::addRow("read on the cluster") << binding << QStringLiteral("READ is not an operation on a cluster");
        binding = topicRead(QStringLiteral("g"));
        binding.resourceType = AclResourceType::Group;
        binding.operation = AclOperation::Write;
        QTest::addRow("write on a group") << binding << QStringLiteral("WRITE is not an operation on a group");
        binding.operation = AclOperation::All;
        QTest::addRow("all on a group") << binding << QString();
    }
    void validation()
    {
        QFETCH(AclBinding, binding);
        QFETCH(QString, problemPart);
        const QString problem = validateAclBinding(binding);
        if (problemPart.isEmpty())
            QCOMPARE(problem, QString());
        else
            QVERIFY2(problem.contains(problemPart), qPrintable(problem));
    }

    void exactFilter()
    {
        AclBinding binding = topicRead(QStringLiteral("ord"));
        binding.patternType = AclPatternType::Prefixed;
        binding.host = QStringLiteral("10.0.0.1");
        binding.operation = AclOperation::Write;
        binding.permission = AclPermission::Deny;
        const AclFilter filter = AclFilter::exactly(binding);
        QCOMPARE(filter.resourceType, AclResourceType::Topic);
        QCOMPARE(filter.resourceName, QStringLiteral("ord"));
        QCOMPARE(filter.patternType, AclPatternType::Prefixed);
        QCOMPARE(filter.principal, QStringLiteral("User:alice"));
        QCOMPARE(filter.host, QStringLiteral("10.0.0.1"));
        QCOMPARE(filter.operation, AclOperation::Write);
        QCOMPARE(filter.permission, AclPermission::Deny);

        // A cluster ACL given without its name matches the one Kafka stores, named kafka-cluster.
        AclBinding cluster = topicRead(QString());
        cluster.resourceType = AclResourceType::Cluster;
        cluster.operation = AclOperation::Describe;
        QCOMPARE(AclFilter::exactly(cluster).resourceName, QStringLiteral("kafka-cluster"));
        QCOMPARE(completedAclBinding(cluster).resourceName, QStringLiteral("kafka-cluster"));
        QCOMPARE(completedAclBinding(binding), binding);
    }

    void failures()
    {
        AclActionResult result;
        QVERIFY(result.ok());
        result.outcomes.append({ topicRead(QStringLiteral("a")), QString() });
        QVERIFY(result.ok());
        result.outcomes.append({ topicRead(QStringLiteral("b")), QStringLiteral("denied") });
        QCOMPARE(result.failures(),
            QStringList { QStringLiteral("ALLOW User:alice READ on TOPIC b (LITERAL) from *: denied") });
        result.filterErrors.append(QStringLiteral("f: refused"));
        QCOMPARE(result.failures().size(), 2);

        // A request that failed as a whole says so once, not once more per binding.
        AclActionResult whole;
        whole.error = QStringLiteral("no answer");
        whole.outcomes.append({ topicRead(QStringLiteral("a")), QStringLiteral("no answer") });
        whole.outcomes.append({ topicRead(QString()), QStringLiteral("The topic name is empty") });
        QVERIFY(!whole.ok());
        QCOMPARE(whole.failures().size(), 2);
        QCOMPARE(whole.failures().first(), QStringLiteral("no answer"));
    }

    void describeRequestEncoding()
    {
        AclFilter filter;
        filter.resourceType = AclResourceType::Cluster;
        filter.patternType = AclPatternType::Match;
        filter.principal = QStringLiteral("User:a");
        filter.operation = AclOperation::IdempotentWrite;
        filter.permission = AclPermission::Allow;
        // Kafka's codes: CLUSTER 4, MATCH 2, IDEMPOTENT_WRITE 12, ALLOW 3; empty strings go as null.
        const QByteArray expected = QByteArray::fromHex("04"
                                                        "ffff"
                                                        "02"
                                                        "0006")
            + "User:a"
            + QByteArray::fromHex("ffff"
                                  "0c"
                                  "03");
        QCOMPARE(DescribeAcls::encodeRequest(filter), expected);
    }

    void describeAnswerDecoding()
    {
        AclActionResult result;
        qint16 code = -1;
        QString error;
        // TRANSACTIONAL_ID (5) PREFIXED (4); DESCRIBE (8) DENY (2), and an operation of a newer Kafka (99), left out.
        const QByteArray body = describeAnswer(0, QString(), 5, QStringLiteral("tx-"), 4,
            { { QStringLiteral("User:a"), QStringLiteral("*"), 8, 2 },
                { QStringLiteral("User:b"), QStringLiteral("*"), 99, 3 } });
        QVERIFY2(DescribeAcls::decodeResponse(body, &result, &code, &error), qPrintable(error));
        QCOMPARE(code, qint16(0));
        QVERIFY(result.error.isEmpty());
        AclBinding expected;
        expected.resourceType = AclResourceType::TransactionalId;
        expected.resourceName = QStringLiteral("tx-");
        expected.patternType = AclPatternType::Prefixed;
        expected.principal = QStringLiteral("User:a");
        expected.operation = AclOperation::Describe;
        expected.permission = AclPermission::Deny;
        QCOMPARE(result.bindings, QList<AclBinding> { expected });

        // The refusals librdkafka 2.0.2 drops: here they are the result's error.
        AclActionResult refused;
        QVERIFY(DescribeAcls::decodeResponse(
            describeAnswer(31, QStringLiteral("no"), 1, QString(), 1, {}), &refused, &code, &error));
        QCOMPARE(code, qint16(31));
        QVERIFY2(refused.error.startsWith(QLatin1String("Not authorized")), qPrintable(refused.error));
        QVERIFY(refused.error.contains(QLatin1String("CLUSTER_AUTHORIZATION_FAILED: no")));
        AclActionResult disabled;
        QVERIFY(
            DescribeAcls::decodeResponse(describeAnswer(54, QString(), 1, QString(), 1, {}), &disabled, &code, &error));
        QVERIFY2(disabled.error.startsWith(QLatin1String("Security is disabled")), qPrintable(disabled.error));
    }

    void describeAnswerHostile_data()
    {
        QTest::addColumn<QByteArray>("body");
        const QByteArray good = describeAnswer(
            0, QString(), 2, QStringLiteral("t"), 3, { { QStringLiteral("User:a"), QStringLiteral("*"), 3, 3 } });
        QTest::addRow("empty") << QByteArray();
        QTest::addRow("truncated") << good.left(good.size() - 1);
        QTest::addRow("left over") << QByteArray(good + '\0');
        QByteArray lyingCount = good;
        lyingCount.replace(8, 4, QByteArray::fromHex("7fffffff")); // resources, after throttle, code, null message
        QTest::addRow("lying resource count") << lyingCount;
        QByteArray negativeCount = good;
        negativeCount.replace(8, 4, QByteArray::fromHex("ffffffff"));
        QTest::addRow("negative resource count") << negativeCount;
    }
    void describeAnswerHostile()
    {
        QFETCH(QByteArray, body);
        AclActionResult result;
        qint16 code = 0;
        QString error;
        QVERIFY(!DescribeAcls::decodeResponse(body, &result, &code, &error));
        QVERIFY2(error.startsWith(QLatin1String("The DescribeAcls answer")), qPrintable(error));
        QVERIFY(result.bindings.isEmpty());
    }

    void filterDescription()
    {
        AclFilter filter;
        QCOMPARE(aclDescription(filter), QStringLiteral("every ACL"));
        filter.principal = QStringLiteral("User:bob");
        filter.patternType = AclPatternType::Match;
        QCOMPARE(aclDescription(filter), QStringLiteral("pattern=MATCH principal=User:bob"));
    }
};

SAMSA_TEST_MAIN(AclTypesTest, QCoreApplication)
#include "tst_acltypes.moc"
