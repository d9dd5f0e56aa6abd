// The authorizer's decisions, with Kafka's StandardAuthorizer semantics: literal, wildcard and
// prefixed patterns, principal and host matching, DENY over ALLOW, implied operations, super users
// and allow.everyone.if.no.acl.found. Also the ACL filters of DescribeAcls and DeleteAcls.

#include "testmain.h"

#include "security/authorizer.h"

#include <QtTest>

using namespace samsa::broker;
using namespace samsa::broker::security;

namespace {

const RequestIdentity Alice { "User:alice", "10.0.0.1" };
const RequestIdentity Bob { "User:bob", "10.0.0.2" };

AclBinding acl(ResourceType type, const std::string& name, PatternType pattern, const std::string& principal,
    AclOperation operation, AclPermission permission = AclPermission::Allow, const std::string& host = "*")
{
    return { { type, name, pattern }, { principal, host, operation, permission } };
}

Authorizer make(std::vector<AclBinding> acls, Authorizer::Options options = {})
{
    return Authorizer(std::move(options), nullptr, std::move(acls));
}

} // namespace

class TestAuthorizer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void literalPatternMatchesOnlyItsName()
    {
        const auto authorizer
            = make({ acl(ResourceType::Topic, "orders", PatternType::Literal, "User:alice", AclOperation::Read) });
        QVERIFY(authorizer.authorize(Alice, AclOperation::Read, ResourceType::Topic, "orders"));
        QVERIFY(!authorizer.authorize(Alice, AclOperation::Read, ResourceType::Topic, "orders2"));
        QVERIFY(!authorizer.authorize(Alice, AclOperation::Write, ResourceType::Topic, "orders"));
        QVERIFY(!authorizer.authorize(Bob, AclOperation::Read, ResourceType::Topic, "orders"));
        // Same name, other resource type.
        QVERIFY(!authorizer.authorize(Alice, AclOperation::Read, ResourceType::Group, "orders"));
    }

    void prefixedPatternMatchesNamesStartingWithIt()
    {
        const auto authorizer
            = make({ acl(ResourceType::Topic, "sales-", PatternType::Prefixed, "User:alice", AclOperation::Write) });
        QVERIFY(authorizer.authorize(Alice, AclOperation::Write, ResourceType::Topic, "sales-eu"));
        QVERIFY(authorizer.authorize(Alice, AclOperation::Write, ResourceType::Topic, "sales-"));
        QVERIFY(!authorizer.authorize(Alice, AclOperation::Write, ResourceType::Topic, "sales"));
        QVERIFY(!authorizer.authorize(Alice, AclOperation::Write, ResourceType::Topic, "presales-eu"));
    }

    void wildcardResourceAndPrincipal()
    {
        const auto authorizer
            = make({ acl(ResourceType::Topic, "*", PatternType::Literal, "User:*", AclOperation::Describe) });
        QVERIFY(authorizer.authorize(Alice, AclOperation::Describe, ResourceType::Topic, "anything"));
        QVERIFY(authorizer.authorize(Bob, AclOperation::Describe, ResourceType::Topic, "other"));
        QVERIFY(!authorizer.authorize(Bob, AclOperation::Read, ResourceType::Topic, "other"));
        // A prefixed "*" is a prefix like any other, not a wildcard.
        const auto prefixedStar
            = make({ acl(ResourceType::Topic, "*", PatternType::Prefixed, "User:alice", AclOperation::Read) });
        QVERIFY(!prefixedStar.authorize(Alice, AclOperation::Read, ResourceType::Topic, "orders"));
    }

    void hostMatchesExactlyOrWildcard()
    {
        const auto authorizer = make({ acl(ResourceType::Topic, "t", PatternType::Literal, "User:alice",
            AclOperation::Read, AclPermission::Allow, "10.0.0.1") });
        QVERIFY(authorizer.authorize(Alice, AclOperation::Read, ResourceType::Topic, "t"));
        QVERIFY(!authorizer.authorize({ "User:alice", "10.0.0.9" }, AclOperation::Read, ResourceType::Topic, "t"));
    }

    void denyWinsOverAllow()
    {
        const auto authorizer = make({
            acl(ResourceType::Topic, "*", PatternType::Literal, "User:*", AclOperation::All),
            acl(ResourceType::Topic, "secret-", PatternType::Prefixed, "User:alice", AclOperation::Read,
                AclPermission::Deny),
        });
        QVERIFY(authorizer.authorize(Alice, AclOperation::Read, ResourceType::Topic, "public"));
        QVERIFY(!authorizer.authorize(Alice, AclOperation::Read, ResourceType::Topic, "secret-plans"));
        // The DENY names READ only: WRITE stays allowed, and a DENY implies nothing (DESCRIBE too).
        QVERIFY(authorizer.authorize(Alice, AclOperation::Write, ResourceType::Topic, "secret-plans"));
        QVERIFY(authorizer.authorize(Alice, AclOperation::Describe, ResourceType::Topic, "secret-plans"));
        QVERIFY(authorizer.authorize(Bob, AclOperation::Read, ResourceType::Topic, "secret-plans"));
        // A DENY of ALL denies every operation; a DENY for User:* denies everyone.
        const auto denyAll = make({
            acl(ResourceType::Group, "g", PatternType::Literal, "User:alice", AclOperation::All),
            acl(ResourceType::Group, "g", PatternType::Literal, "User:*", AclOperation::All, AclPermission::Deny),
        });
        QVERIFY(!denyAll.authorize(Alice, AclOperation::Read, ResourceType::Group, "g"));
        QVERIFY(!denyAll.authorize(Alice, AclOperation::Describe, ResourceType::Group, "g"));
    }

    void impliedOperations_data()
    {
        QTest::addColumn<int>("granted");
        QTest::addColumn<int>("asked");
        QTest::addColumn<bool>("allowed");
        const auto row = [](AclOperation granted, AclOperation asked, bool allowed) {
            QTest::addRow(
                "%s grants %s: %s", toString(granted).c_str(), toString(asked).c_str(), allowed ? "yes" : "no")
                << int(granted) << int(asked) << allowed;
        };
        row(AclOperation::Read, AclOperation::Describe, true);
        row(AclOperation::Write, AclOperation::Describe, true);
        row(AclOperation::Delete, AclOperation::Describe, true);
        row(AclOperation::Alter, AclOperation::Describe, true);
        row(AclOperation::Create, AclOperation::Describe, false);
        row(AclOperation::AlterConfigs, AclOperation::DescribeConfigs, true);
        row(AclOperation::AlterConfigs, AclOperation::Describe, false);
        row(AclOperation::Describe, AclOperation::Read, false);
        row(AclOperation::Read, AclOperation::Write, false);
        row(AclOperation::DescribeConfigs, AclOperation::AlterConfigs, false);
        row(AclOperation::All, AclOperation::Write, true);
        row(AclOperation::All, AclOperation::AlterConfigs, true);
    }
    void impliedOperations()
    {
        QFETCH(int, granted);
        QFETCH(int, asked);
        QFETCH(bool, allowed);
        const auto authorizer
            = make({ acl(ResourceType::Topic, "t", PatternType::Literal, "User:alice", AclOperation(granted)) });
        QCOMPARE(authorizer.authorize(Alice, AclOperation(asked), ResourceType::Topic, "t"), allowed);
    }

    void superUsersMayDoEverything()
    {
        const auto authorizer = make(
            { acl(ResourceType::Topic, "*", PatternType::Literal, "User:*", AclOperation::All, AclPermission::Deny) },
            { { "User:admin", "User:ops" }, false });
        QVERIFY(authorizer.authorize({ "User:admin", "1.2.3.4" }, AclOperation::Write, ResourceType::Topic, "t"));
        QVERIFY(authorizer.authorize(
            { "User:ops", "1.2.3.4" }, AclOperation::Alter, ResourceType::Cluster, ClusterResourceName));
        QVERIFY(!authorizer.authorize(Alice, AclOperation::Write, ResourceType::Topic, "t"));
    }

    void allowEveryoneIfNoAclFound()
    {
        const std::vector<AclBinding> acls
            = { acl(ResourceType::Topic, "guarded", PatternType::Literal, "User:bob", AclOperation::Read) };
        const auto closed = make(acls);
        const auto open = make(acls, { {}, true });
        QVERIFY(!closed.authorize(Alice, AclOperation::Read, ResourceType::Topic, "free"));
        QVERIFY(open.authorize(Alice, AclOperation::Read, ResourceType::Topic, "free"));
        // A resource with any ACL at all (even one for someone else) is no longer open.
        QVERIFY(!open.authorize(Alice, AclOperation::Read, ResourceType::Topic, "guarded"));
        QVERIFY(open.authorize(Bob, AclOperation::Read, ResourceType::Topic, "guarded"));
    }

    void authorizeAnyForIdempotentProducers()
    {
        const auto none = make({});
        QVERIFY(!none.authorizeAny(Alice, AclOperation::Write, ResourceType::Topic));
        const auto one
            = make({ acl(ResourceType::Topic, "t", PatternType::Literal, "User:alice", AclOperation::Write) });
        QVERIFY(one.authorizeAny(Alice, AclOperation::Write, ResourceType::Topic));
        QVERIFY(!one.authorizeAny(Bob, AclOperation::Write, ResourceType::Topic));
        const auto denied = make({
            acl(ResourceType::Topic, "t-", PatternType::Prefixed, "User:alice", AclOperation::Write),
            acl(ResourceType::Topic, "t", PatternType::Prefixed, "User:alice", AclOperation::Write,
                AclPermission::Deny),
        });
        QVERIFY(!denied.authorizeAny(Alice, AclOperation::Write, ResourceType::Topic));
    }

    void createValidatesAndDescribeFilters()
    {
        auto authorizer = make({});
        const auto outcomes = authorizer.create({
            acl(ResourceType::Topic, "a", PatternType::Literal, "User:alice", AclOperation::Read),
            acl(ResourceType::Topic, "a", PatternType::Match, "User:alice", AclOperation::Read),
            acl(ResourceType::Topic, "b", PatternType::Literal, "alice", AclOperation::Read),
            acl(ResourceType::Cluster, "other", PatternType::Literal, "User:alice", AclOperation::Alter),
            acl(ResourceType::Topic, "p-", PatternType::Prefixed, "User:bob", AclOperation::Write),
            acl(ResourceType::Topic, "a", PatternType::Literal, "User:alice", AclOperation::Any),
        });
        QCOMPARE(outcomes.size(), size_t(6));
        QCOMPARE(outcomes[0].error, ErrorCode::None);
        QCOMPARE(outcomes[1].error, ErrorCode::InvalidRequest);
        QCOMPARE(outcomes[2].error, ErrorCode::InvalidRequest);
        QCOMPARE(outcomes[3].error, ErrorCode::InvalidRequest);
        QCOMPARE(outcomes[4].error, ErrorCode::None);
        QCOMPARE(outcomes[5].error, ErrorCode::InvalidRequest);
        QCOMPARE(authorizer.describe({}).size(), size_t(2));

        AclBindingFilter match;
        match.resourceType = ResourceType::Topic;
        match.name = "p-east";
        match.patternType = PatternType::Match;
        const auto matched = authorizer.describe(match);
        QCOMPARE(matched.size(), size_t(1));
        QCOMPARE(matched[0].pattern.name, std::string("p-"));

        AclBindingFilter exact;
        exact.name = "p-east";
        QVERIFY(authorizer.describe(exact).empty());

        AclBindingFilter byPrincipal;
        byPrincipal.principal = "User:alice";
        const auto removed = authorizer.remove({ byPrincipal });
        QCOMPARE(removed.size(), size_t(1));
        QCOMPARE(removed[0].deleted.size(), size_t(1));
        QCOMPARE(removed[0].deleted[0].pattern.name, std::string("a"));
        QCOMPARE(authorizer.describe({}).size(), size_t(1));
        QVERIFY(!authorizer.authorize(Alice, AclOperation::Read, ResourceType::Topic, "a"));
    }
};

SAMSA_TEST_MAIN(TestAuthorizer, QCoreApplication)
#include "tst_authorizer.moc"
