// GroupCoordinator in-process: the classic rebalance protocol state by state, offsets, expiry,
// and reloading from __consumer_offsets.

#include "testmain.h"

#include "group/groupcoordinator.h"
#include "storage/logmanager.h"

#include <QTemporaryDir>
#include <QtTest>

#include <mutex>

using namespace samsa::broker;
using namespace samsa::broker::group;

Q_DECLARE_METATYPE(samsa::broker::ErrorCode)

namespace {

// A result delivered later, from the coordinator's thread.
template<typename T>
class Outcome {
public:
    std::function<void(T)> callback()
    {
        return [this](T value) {
            std::lock_guard lock(m_mutex);
            m_value = std::move(value);
        };
    }
    bool ready()
    {
        std::lock_guard lock(m_mutex);
        return m_value.has_value();
    }
    T value()
    {
        std::lock_guard lock(m_mutex);
        return *m_value;
    }

private:
    std::mutex m_mutex;
    std::optional<T> m_value;
};

JoinRequest joinRequest(const std::string& memberId, bool v4 = true, int sessionMs = 6000)
{
    JoinRequest request;
    request.groupId = "g";
    request.memberId = memberId;
    request.sessionTimeoutMs = sessionMs;
    request.rebalanceTimeoutMs = 5000;
    request.protocolType = "consumer";
    request.protocols = { { "range", { 0, 0, 0, 0, 0, 1, 0, 1, 't', 0, 0, 0, 0 } } };
    request.clientId = "client";
    request.requireKnownMemberId = v4;
    return request;
}

SyncRequest syncRequest(const JoinResult& joined, std::vector<std::pair<std::string, Bytes>> assignments = {})
{
    SyncRequest request;
    request.groupId = "g";
    request.generationId = joined.generationId;
    request.memberId = joined.memberId;
    request.assignments = std::move(assignments);
    return request;
}

} // namespace

class TestGroupCoordinator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        BrokerConfig config;
        config.dataDir = m_dir->path().toStdString();
        std::string error;
        m_logs = LogManager::open(config, &error);
        QVERIFY2(m_logs, error.c_str());
        QCOMPARE(m_logs->createTopic("t", 2, {}, false).error, ErrorCode::None);
        m_options.offsetsTopicPartitions = 5;
        m_options.initialRebalanceDelayMs = 50;
        m_options.minSessionTimeoutMs = 100;
        m_coordinator = std::make_unique<GroupCoordinator>(*m_logs, m_options);
    }

    void cleanup()
    {
        m_coordinator.reset();
        m_logs.reset();
        m_dir.reset();
    }

    void memberIdRequiredOnlyFromV4()
    {
        Outcome<JoinResult> first;
        m_coordinator->join(joinRequest(""), first.callback());
        QVERIFY(first.ready()); // answered at once
        QCOMPARE(first.value().error, ErrorCode::MemberIdRequired);
        QVERIFY(!first.value().memberId.empty());

        Outcome<JoinResult> second;
        m_coordinator->join(joinRequest(first.value().memberId), second.callback());
        QTRY_VERIFY_WITH_TIMEOUT(second.ready(), 5000);
        QCOMPARE(second.value().error, ErrorCode::None);
        QCOMPARE(second.value().generationId, 1);
        QCOMPARE(second.value().leaderId, first.value().memberId);

        // An old client (JoinGroup v2) joins without the extra round trip.
        Outcome<JoinResult> old;
        JoinRequest v2 = joinRequest("", false);
        v2.groupId = "g-old";
        m_coordinator->join(v2, old.callback());
        QTRY_VERIFY_WITH_TIMEOUT(old.ready(), 5000);
        QCOMPARE(old.value().error, ErrorCode::None);
        QVERIFY(!old.value().memberId.empty());
    }

    void followerWaitsForTheLeadersAssignment()
    {
        Outcome<JoinResult> a, b;
        m_coordinator->join(joinRequest("", false), a.callback());
        m_coordinator->join(joinRequest("", false), b.callback());
        QTRY_VERIFY_WITH_TIMEOUT(a.ready() && b.ready(), 5000);
        QCOMPARE(a.value().generationId, 1);
        QCOMPARE(b.value().generationId, 1);
        const JoinResult leader = a.value().memberId == a.value().leaderId ? a.value() : b.value();
        const JoinResult follower = a.value().memberId == a.value().leaderId ? b.value() : a.value();
        QCOMPARE(leader.members.size(), size_t(2));
        QVERIFY(follower.members.empty());
        QCOMPARE(m_coordinator->describeGroup("g").state, std::string("CompletingRebalance"));

        Outcome<SyncResult> followerSync;
        m_coordinator->sync(syncRequest(follower), followerSync.callback());
        QVERIFY(!followerSync.ready());
        QCOMPARE(m_coordinator->heartbeat("g", follower.memberId, std::nullopt, 1), ErrorCode::None);

        Outcome<SyncResult> leaderSync;
        m_coordinator->sync(syncRequest(leader, { { leader.memberId, { 'L' } }, { follower.memberId, { 'F' } } }),
            leaderSync.callback());
        QTRY_VERIFY_WITH_TIMEOUT(followerSync.ready() && leaderSync.ready(), 5000);
        QCOMPARE(followerSync.value().assignment, (Bytes { 'F' }));
        QCOMPARE(leaderSync.value().assignment, (Bytes { 'L' }));
        QCOMPARE(m_coordinator->describeGroup("g").state, std::string("Stable"));

        QCOMPARE(m_coordinator->heartbeat("g", follower.memberId, std::nullopt, 0), ErrorCode::IllegalGeneration);
        QCOMPARE(m_coordinator->heartbeat("g", "nobody", std::nullopt, 1), ErrorCode::UnknownMemberId);
        QCOMPARE(m_coordinator->heartbeat("other", "nobody", std::nullopt, 1), ErrorCode::UnknownMemberId);
        // An admin commit (generation -1) is refused while the group has members; so is deletion.
        QCOMPARE(m_coordinator->commitOffsets("g", -1, "", std::nullopt, { { "t", 0, 5, -1, "" } }).front(),
            ErrorCode::UnknownMemberId);
        QCOMPARE(m_coordinator->deleteGroup("g"), ErrorCode::NonEmptyGroup);
        QCOMPARE(m_coordinator->commitOffsets("g", 1, follower.memberId, std::nullopt, { { "t", 1, 9, -1, "m" } }).front(),
            ErrorCode::None);
        QCOMPARE(m_coordinator->commitOffsets("g", 1, follower.memberId, std::nullopt, { { "nope", 1, 9, -1, "" } }).front(),
            ErrorCode::UnknownTopicOrPartition);

        // The leader leaves: the follower is told to rejoin and forms generation 2 alone.
        const auto left = m_coordinator->leave("g", { { leader.memberId, std::nullopt } });
        QCOMPARE(left.memberErrors.front(), ErrorCode::None);
        QCOMPARE(m_coordinator->heartbeat("g", follower.memberId, std::nullopt, 1), ErrorCode::RebalanceInProgress);
        Outcome<JoinResult> rejoined;
        m_coordinator->join(joinRequest(follower.memberId), rejoined.callback());
        QTRY_VERIFY_WITH_TIMEOUT(rejoined.ready(), 5000);
        QCOMPARE(rejoined.value().generationId, 2);
        QCOMPARE(rejoined.value().leaderId, follower.memberId);
        Outcome<SyncResult> stale;
        m_coordinator->sync(syncRequest(follower), stale.callback());
        QTRY_VERIFY_WITH_TIMEOUT(stale.ready(), 5000);
        QCOMPARE(stale.value().error, ErrorCode::IllegalGeneration);

        QCOMPARE(m_coordinator->leave("g", { { follower.memberId, std::nullopt } }).memberErrors.front(), ErrorCode::None);
        QCOMPARE(m_coordinator->describeGroup("g").state, std::string("Empty"));
        QCOMPARE(m_coordinator->commitOffsets("g", -1, "", std::nullopt, { { "t", 0, 5, -1, std::nullopt } }).front(),
            ErrorCode::None);
        std::vector<FetchedOffset> offsets;
        m_coordinator->fetchOffsets("g", std::nullopt, &offsets);
        QCOMPARE(offsets.size(), size_t(2));
        QCOMPARE(offsets[0].offset, 5);
        QCOMPARE(offsets[0].metadata, std::string("")); // never null
        QCOMPARE(offsets[1].metadata, std::string("m"));
        QCOMPARE(m_coordinator->deleteGroup("g"), ErrorCode::None);
        QCOMPARE(m_coordinator->deleteGroup("g"), ErrorCode::GroupIdNotFound);
        QVERIFY(m_coordinator->listGroups().empty());
    }

    void staticMemberTakesOverItsIdentity()
    {
        JoinRequest first = joinRequest("");
        first.groupInstanceId = "instance-1";
        Outcome<JoinResult> joined;
        m_coordinator->join(first, joined.callback());
        QTRY_VERIFY_WITH_TIMEOUT(joined.ready(), 5000);
        QCOMPARE(joined.value().error, ErrorCode::None); // no MEMBER_ID_REQUIRED with an instance id
        Outcome<SyncResult> synced;
        m_coordinator->sync(syncRequest(joined.value(), { { joined.value().memberId, { 'S' } } }), synced.callback());
        QTRY_VERIFY_WITH_TIMEOUT(synced.ready(), 5000);

        // The same instance restarts: new member id, the old one is fenced.
        JoinRequest again = joinRequest("");
        again.groupInstanceId = "instance-1";
        Outcome<JoinResult> rejoined;
        m_coordinator->join(again, rejoined.callback());
        QTRY_VERIFY_WITH_TIMEOUT(rejoined.ready(), 5000);
        QCOMPARE(rejoined.value().error, ErrorCode::None);
        QVERIFY(rejoined.value().memberId != joined.value().memberId);
        const int32_t generation = rejoined.value().generationId;
        QCOMPARE(m_coordinator->heartbeat("g", joined.value().memberId, std::string("instance-1"), generation),
            ErrorCode::FencedInstanceId);
        QCOMPARE(m_coordinator->leave("g", { { joined.value().memberId, std::string("instance-1") } }).memberErrors.front(),
            ErrorCode::FencedInstanceId);
        QCOMPARE(m_coordinator->describeGroup("g").members.size(), size_t(1));
        QCOMPARE(m_coordinator->leave("g", { { "", std::string("instance-1") } }).memberErrors.front(), ErrorCode::None);
        QCOMPARE(m_coordinator->describeGroup("g").state, std::string("Empty"));
    }

    void leaderThatNeverSyncsIsRemoved()
    {
        JoinRequest a = joinRequest("", false);
        a.rebalanceTimeoutMs = 300;
        JoinRequest b = a;
        Outcome<JoinResult> first, second;
        m_coordinator->join(a, first.callback());
        m_coordinator->join(b, second.callback());
        QTRY_VERIFY_WITH_TIMEOUT(first.ready() && second.ready(), 5000);
        const JoinResult follower = first.value().memberId == first.value().leaderId ? second.value() : first.value();
        Outcome<SyncResult> waiting;
        m_coordinator->sync(syncRequest(follower), waiting.callback());
        // The leader stays silent: after the rebalance timeout it is out and the follower must rejoin.
        QTRY_VERIFY_WITH_TIMEOUT(waiting.ready(), 5000);
        QCOMPARE(waiting.value().error, ErrorCode::RebalanceInProgress);
        const auto described = m_coordinator->describeGroup("g");
        QCOMPARE(described.members.size(), size_t(1));
        QCOMPARE(described.members[0].memberId, follower.memberId);
    }

    void silentMemberIsEvicted()
    {
        Outcome<JoinResult> a;
        m_coordinator->join(joinRequest("", false, 300), a.callback());
        QTRY_VERIFY_WITH_TIMEOUT(a.ready(), 5000);
        Outcome<SyncResult> synced;
        m_coordinator->sync(syncRequest(a.value(), { { a.value().memberId, { 1 } } }), synced.callback());
        QTRY_VERIFY_WITH_TIMEOUT(synced.ready(), 5000);
        QCOMPARE(m_coordinator->describeGroup("g").state, std::string("Stable"));
        // No heartbeats: gone after the 300 ms session timeout.
        QTRY_COMPARE_WITH_TIMEOUT(m_coordinator->describeGroup("g").state, std::string("Empty"), 5000);
        QCOMPARE(m_coordinator->heartbeat("g", a.value().memberId, std::nullopt, 1), ErrorCode::UnknownMemberId);
    }

    void sessionTimeoutOutOfRange()
    {
        Outcome<JoinResult> tooShort;
        m_coordinator->join(joinRequest("", false, 10), tooShort.callback());
        QTRY_VERIFY(tooShort.ready());
        QCOMPARE(tooShort.value().error, ErrorCode::InvalidSessionTimeout);
    }

    void survivesARestart()
    {
        QCOMPARE(m_coordinator->commitOffsets("simple", -1, "", std::nullopt, { { "t", 1, 77, 3, "x" } }).front(),
            ErrorCode::None);
        Outcome<JoinResult> a;
        m_coordinator->join(joinRequest("", false), a.callback());
        QTRY_VERIFY_WITH_TIMEOUT(a.ready(), 5000);
        Outcome<SyncResult> synced;
        m_coordinator->sync(syncRequest(a.value(), { { a.value().memberId, { 'A' } } }), synced.callback());
        QTRY_VERIFY_WITH_TIMEOUT(synced.ready(), 5000);

        m_coordinator = std::make_unique<GroupCoordinator>(*m_logs, m_options);
        std::vector<FetchedOffset> offsets;
        m_coordinator->fetchOffsets("simple", std::vector<std::pair<std::string, std::vector<int32_t>>> { { "t", { 0, 1 } } },
            &offsets);
        QCOMPARE(offsets.size(), size_t(2));
        QCOMPARE(offsets[0].offset, -1);
        QCOMPARE(offsets[1].offset, 77);
        QCOMPARE(offsets[1].leaderEpoch, 3);
        QCOMPARE(offsets[1].metadata, std::string("x"));
        const auto described = m_coordinator->describeGroup("g");
        QCOMPARE(described.state, std::string("Stable"));
        QCOMPARE(described.members.size(), size_t(1));
        QCOMPARE(described.members[0].assignment, (Bytes { 'A' }));
        // The member carries on with its generation.
        QCOMPARE(m_coordinator->heartbeat("g", a.value().memberId, std::nullopt, 1), ErrorCode::None);
    }

    void offsetsOfADeletedTopicGo()
    {
        QCOMPARE(m_logs->createTopic("u", 1, {}, false).error, ErrorCode::None);
        QCOMPARE(m_coordinator->commitOffsets("two", -1, "", std::nullopt, { { "t", 0, 1, -1, "" }, { "u", 0, 2, -1, "" } }),
            (std::vector<ErrorCode> { ErrorCode::None, ErrorCode::None }));
        QCOMPARE(m_coordinator->commitOffsets("one", -1, "", std::nullopt, { { "u", 0, 3, -1, "" } }).front(), ErrorCode::None);
        QCOMPARE(m_logs->deleteTopic("u").error, ErrorCode::None);
        m_coordinator->removeOffsetsOfTopic("u");
        std::vector<FetchedOffset> offsets;
        m_coordinator->fetchOffsets("two", std::nullopt, &offsets);
        QCOMPARE(offsets.size(), size_t(1));
        QCOMPARE(offsets[0].topic, std::string("t"));
        QCOMPARE(m_coordinator->listGroups().size(), size_t(1)); // "one" had nothing else
        m_coordinator = std::make_unique<GroupCoordinator>(*m_logs, m_options);
        QCOMPARE(m_coordinator->listGroups().size(), size_t(1));
    }

    void compactsItsLogOnLoad()
    {
        const int commits = int(GroupCoordinator::CompactionMinimumRecords) + 500;
        for (int i = 1; i <= commits; ++i)
            QCOMPARE(m_coordinator->commitOffsets("busy", -1, "", std::nullopt, { { "t", i % 2, i, -1, "" } }).front(),
                ErrorCode::None);
        auto log = m_logs->partition("__consumer_offsets", partitionForGroup("busy", m_options.offsetsTopicPartitions));
        QVERIFY(log);
        QCOMPARE(log->highWatermark(), int64_t(commits));
        for (int restart = 0; restart < 2; ++restart) {
            m_coordinator = std::make_unique<GroupCoordinator>(*m_logs, m_options);
            // The two live offsets were written again and everything before them dropped.
            QCOMPARE(log->logStartOffset(), int64_t(commits));
            QCOMPARE(log->highWatermark(), int64_t(commits + 2));
            std::vector<FetchedOffset> offsets;
            m_coordinator->fetchOffsets("busy", std::nullopt, &offsets);
            QCOMPARE(offsets.size(), size_t(2));
            QCOMPARE(offsets[0].offset, int64_t(commits - commits % 2)); // partition 0: the last even i
            QCOMPARE(offsets[1].offset, int64_t(commits - 1 + commits % 2));
        }
        // A running coordinator compacts at its periodic offset expiry check.
        for (int i = 1; i <= commits; ++i)
            m_coordinator->commitOffsets("busy", -1, "", std::nullopt, { { "t", 0, i, -1, "" } });
        const int64_t end = log->highWatermark();
        m_coordinator->expireOffsets(0);
        QCOMPARE(log->logStartOffset(), end);
        std::vector<FetchedOffset> offsets;
        m_coordinator->fetchOffsets("busy", std::nullopt, &offsets);
        QCOMPARE(offsets[0].offset, int64_t(commits));
    }

    void offsetsOfEmptyGroupsExpire()
    {
        QCOMPARE(m_coordinator->commitOffsets("old", -1, "", std::nullopt, { { "t", 0, 1, -1, "" } }).front(),
            ErrorCode::None);
        const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now().time_since_epoch()).count();
        m_coordinator->expireOffsets(now);
        QCOMPARE(m_coordinator->listGroups().size(), size_t(1));
        m_coordinator->expireOffsets(now + m_options.offsetsRetentionMs + 1000);
        QVERIFY(m_coordinator->listGroups().empty());
        // The tombstones are in the log: a restart does not bring them back.
        m_coordinator = std::make_unique<GroupCoordinator>(*m_logs, m_options);
        QVERIFY(m_coordinator->listGroups().empty());
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LogManager> m_logs;
    CoordinatorOptions m_options;
    std::unique_ptr<GroupCoordinator> m_coordinator;
};

SAMSA_TEST_MAIN(TestGroupCoordinator, QCoreApplication)
#include "tst_groupcoordinator.moc"
