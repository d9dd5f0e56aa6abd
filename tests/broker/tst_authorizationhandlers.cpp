// Every request handler asks the authorizer: each API called with a typed request by a principal
// that no ACL allows anything (and allow.everyone.if.no.acl.found off) gets Kafka's
// TOPIC_/GROUP_/CLUSTER_/TRANSACTIONAL_ID_AUTHORIZATION_FAILED where Kafka gives it, or sees
// nothing where Kafka filters (Metadata, ListGroups); a super user gets through the same calls.

#include "testmain.h"

#include "api/handlers.h"
#include "api/requestscope.h"
#include "fakeconnection.h"
#include "protocol/messages/servedapis.h"
#include "security/authorizer.h"
#include "storage/brokerconfig.h"
#include "storage/logmanager.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace samsa::broker;
using namespace samsa::broker::protocol;
using samsa::broker::test::FakeConnection;

namespace {

constexpr int16_t TopicDenied = 29;
constexpr int16_t GroupDenied = 30;
constexpr int16_t ClusterDenied = 31;
constexpr int16_t TransactionDenied = 53;

} // namespace

class TestAuthorizationHandlers : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<LogManager> m_logs;
    std::unique_ptr<api::Dispatcher> m_dispatcher;
    std::unique_ptr<FakeConnection> m_connection;
    std::unique_ptr<security::Authorizer> m_authorizer;
    int m_run = 0;

    std::shared_ptr<api::RequestScope> scope(int16_t version)
    {
        protocol::RequestHeader header;
        header.apiVersion = version;
        return std::make_shared<api::RequestScope>(api::RequestScope {
            *m_connection, m_dispatcher->broker(), header, std::make_shared<std::vector<uint8_t>>(), 0 });
    }

    template <class Request> auto call(const Request& request, int16_t version)
    {
        return api::handle(*scope(version), request);
    }

    // The async handlers (Fetch, JoinGroup, SyncGroup) answer through a reply; here at once.
    template <class Response, class Request> Response callAsync(Request request, int16_t version)
    {
        Response answer;
        bool answered = false;
        api::handle(scope(version), std::move(request), [&](Response r) {
            answer = std::move(r);
            answered = true;
        });
        if (!answered)
            qWarning("no answer");
        return answer;
    }

    void useAuthorizer(std::vector<std::string> superUsers)
    {
        m_authorizer
            = std::make_unique<security::Authorizer>(security::Authorizer::Options { std::move(superUsers), false },
                nullptr, std::vector<security::AclBinding> {});
        m_dispatcher->broker().authorizer = m_authorizer.get();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        BrokerConfig config;
        config.dataDir = QString(m_dir.path() + QStringLiteral("/data-") + QString::number(++m_run)).toStdString();
        std::string error;
        m_logs = LogManager::open(config, &error);
        QVERIFY2(m_logs, error.c_str());
        QCOMPARE(m_logs->createTopic("t", 1, {}, false).error, ErrorCode::None);
        m_dispatcher = std::make_unique<api::Dispatcher>(*m_logs, m_logs->config(), "127.0.0.1", 9092);
        m_connection = std::make_unique<FakeConnection>(*m_dispatcher);
        m_connection->principal = "alice";
        useAuthorizer({});
    }

    void cleanup()
    {
        m_connection.reset();
        m_dispatcher.reset();
        m_authorizer.reset();
        if (m_logs)
            m_logs->shutdown();
        m_logs.reset();
    }

    void topicApisRefused()
    {
        ProduceRequest produce;
        produce.acks = -1;
        produce.topics = { { "t", { { 0, {} } } } };
        QCOMPARE(call(produce, 7)->topics.at(0).partitions.at(0).errorCode, TopicDenied);

        FetchRequest fetch;
        fetch.topics = { { "t", {}, { { 0, -1, 0, -1, -1, 1024, {} } } } };
        QCOMPARE(callAsync<FetchResponse>(fetch, 11).topics.at(0).partitions.at(0).errorCode, TopicDenied);

        ListOffsetsRequest offsets;
        offsets.topics = { { "t", { { 0, -1, -1, 1 } } } };
        QCOMPARE(call(offsets, 2).topics.at(0).partitions.at(0).errorCode, TopicDenied);

        MetadataRequest all;
        all.topics = std::nullopt;
        QVERIFY(call(all, 4).topics.empty());
        MetadataRequest named;
        named.topics = std::vector<MetadataRequest::Topic> { { {}, std::string("t") } };
        QCOMPARE(call(named, 4).topics.at(0).errorCode, TopicDenied);
        MetadataRequest autoCreate;
        autoCreate.topics = std::vector<MetadataRequest::Topic> { { {}, std::string("new-topic") } };
        QCOMPARE(call(autoCreate, 4).topics.at(0).errorCode, TopicDenied);
        QVERIFY(!m_logs->topic("new-topic"));

        CreateTopicsRequest create;
        create.topics = { { "created", 1, 1, {}, {} } };
        QCOMPARE(call(create, 4).topics.at(0).errorCode, TopicDenied);
        DeleteTopicsRequest remove;
        remove.topicNames = { "t" };
        QCOMPARE(call(remove, 1).responses.at(0).errorCode, TopicDenied);
        CreatePartitionsRequest partitions;
        partitions.topics = { { "t", 2, std::nullopt } };
        QCOMPARE(call(partitions, 1).results.at(0).errorCode, TopicDenied);
        DeleteRecordsRequest records;
        records.topics = { { "t", { { 0, -1 } } } };
        QCOMPARE(call(records, 1).topics.at(0).partitions.at(0).errorCode, TopicDenied);

        DescribeConfigsRequest describe;
        describe.resources = { { 2, "t", std::nullopt }, { 4, "1", std::nullopt } };
        const auto described = call(describe, 2);
        QCOMPARE(described.results.at(0).errorCode, TopicDenied);
        QCOMPARE(described.results.at(1).errorCode, ClusterDenied);
        AlterConfigsRequest alter;
        alter.resources = { { 2, "t", { { "retention.ms", std::string("1000") } } }, { 4, "1", {} } };
        const auto altered = call(alter, 1);
        QCOMPARE(altered.responses.at(0).errorCode, TopicDenied);
        QCOMPARE(altered.responses.at(1).errorCode, ClusterDenied);
        IncrementalAlterConfigsRequest incremental;
        incremental.resources = { { 2, "t", { { "retention.ms", 0, std::string("1000") } } } };
        QCOMPARE(call(incremental, 1).responses.at(0).errorCode, TopicDenied);
    }

    void groupApisRefused()
    {
        OffsetCommitRequest commit;
        commit.groupId = "g";
        commit.topics = { { "t", { { 0, 1, -1, -1, std::nullopt } } } };
        QCOMPARE(call(commit, 2).topics.at(0).partitions.at(0).errorCode, GroupDenied);
        OffsetFetchRequest fetched;
        fetched.groupId = "g";
        QCOMPARE(call(fetched, 3).errorCode, GroupDenied);
        fetched.topics = std::vector<OffsetFetchRequest::Topic> { { "t", { 0 } } };
        QCOMPARE(call(fetched, 1).topics.at(0).partitions.at(0).errorCode, GroupDenied); // v1: no top-level error
        FindCoordinatorRequest coordinator;
        coordinator.key = "g";
        QCOMPARE(call(coordinator, 2).errorCode, GroupDenied);
        coordinator.keyType = 1;
        QCOMPARE(call(coordinator, 2).errorCode, TransactionDenied);

        JoinGroupRequest join;
        join.groupId = "g";
        join.sessionTimeoutMs = 10000;
        join.protocolType = "consumer";
        join.protocols = { { "range", {} } };
        QCOMPARE(callAsync<JoinGroupResponse>(join, 2).errorCode, GroupDenied);
        SyncGroupRequest sync;
        sync.groupId = "g";
        QCOMPARE(callAsync<SyncGroupResponse>(sync, 1).errorCode, GroupDenied);
        HeartbeatRequest heartbeat;
        heartbeat.groupId = "g";
        QCOMPARE(call(heartbeat, 1).errorCode, GroupDenied);
        LeaveGroupRequest leave;
        leave.groupId = "g";
        QCOMPARE(call(leave, 1).errorCode, GroupDenied);

        DescribeGroupsRequest describe;
        describe.groups = { "g" };
        QCOMPARE(call(describe, 1).groups.at(0).errorCode, GroupDenied);
        DeleteGroupsRequest remove;
        remove.groupsNames = { "g" };
        QCOMPARE(call(remove, 1).results.at(0).errorCode, GroupDenied);
        OffsetDeleteRequest offsets;
        offsets.groupId = "g";
        offsets.topics = { { "t", { { 0 } } } };
        QCOMPARE(call(offsets, 0).errorCode, GroupDenied);
    }

    void clusterApisRefused()
    {
        QCOMPARE(call(DescribeAclsRequest {}, 1).errorCode, ClusterDenied);
        CreateAclsRequest create;
        create.creations = { { 2, "t", 3, "User:alice", "*", 3, 3 } };
        QCOMPARE(call(create, 1).results.at(0).errorCode, ClusterDenied);
        DeleteAclsRequest remove;
        remove.filters = { { 1, std::nullopt, 1, std::nullopt, std::nullopt, 1, 1 } };
        QCOMPARE(call(remove, 1).filterResults.at(0).errorCode, ClusterDenied);
        QCOMPARE(call(DescribeLogDirsRequest {}, 3).errorCode, ClusterDenied);
        QCOMPARE(call(DescribeClusterRequest {}, 0).errorCode, ClusterDenied);
        QCOMPARE(call(InitProducerIdRequest {}, 1).errorCode, ClusterDenied);
        InitProducerIdRequest transactional;
        transactional.transactionalId = "tx";
        QCOMPARE(call(transactional, 1).errorCode, TransactionDenied);
    }

    void listGroupsShowsOnlyDescribableGroups()
    {
        useAuthorizer({ "User:alice" });
        OffsetCommitRequest commit;
        commit.groupId = "visible-to-admin";
        commit.topics = { { "t", { { 0, 0, -1, -1, std::nullopt } } } };
        QCOMPARE(call(commit, 2).topics.at(0).partitions.at(0).errorCode, int16_t(0));
        QCOMPARE(call(ListGroupsRequest {}, 2).groups.size(), size_t(1));
        useAuthorizer({});
        QVERIFY(call(ListGroupsRequest {}, 2).groups.empty());
    }

    void superUserGetsThrough()
    {
        useAuthorizer({ "User:alice" });
        MetadataRequest all;
        all.topics = std::nullopt;
        QCOMPARE(call(all, 4).topics.size(), size_t(1));
        ListOffsetsRequest offsets;
        offsets.topics = { { "t", { { 0, -1, -1, 1 } } } };
        QCOMPARE(call(offsets, 2).topics.at(0).partitions.at(0).errorCode, int16_t(0));
        QCOMPARE(call(DescribeClusterRequest {}, 0).errorCode, int16_t(0));
        QCOMPARE(call(InitProducerIdRequest {}, 1).errorCode, int16_t(0));
        QCOMPARE(call(DescribeAclsRequest { 1, std::nullopt, 1, std::nullopt, std::nullopt, 1, 1 }, 1).errorCode,
            int16_t(0));
    }
};

SAMSA_TEST_MAIN(TestAuthorizationHandlers, QCoreApplication)
#include "tst_authorizationhandlers.moc"
