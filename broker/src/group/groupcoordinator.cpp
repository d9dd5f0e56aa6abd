// GroupCoordinator: the classic rebalance protocol (JoinGroup, SyncGroup, Heartbeat, LeaveGroup),
// following Kafka's GroupCoordinator state by state.

#include "group/groupcoordinator.h"

#include "common/log.h"
#include "storage/logmanager.h"

#include <asio/post.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>

namespace samsa::broker::group {

namespace {

std::string newMemberId(const std::string& prefix)
{
    static thread_local std::mt19937_64 random { std::random_device {}() };
    const uint64_t high = random();
    const uint64_t low = random();
    char uuid[40];
    std::snprintf(uuid, sizeof uuid, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(high >> 32),
        static_cast<unsigned>((high >> 16) & 0xFFFF), static_cast<unsigned>(high & 0xFFFF),
        static_cast<unsigned>(low >> 48), static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
    return prefix + "-" + uuid;
}

bool sameProtocols(const std::vector<Protocol>& a, const std::vector<Protocol>& b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].name != b[i].name || a[i].metadata != b[i].metadata)
            return false;
    }
    return true;
}

} // namespace

GroupCoordinator::GroupCoordinator(LogManager& logs, CoordinatorOptions options)
    : m_work(asio::make_work_guard(m_io))
    , m_logs(logs)
    , m_options(options)
{
    {
        std::lock_guard lock(m_mutex);
        loadFromLog();
        scheduleExpiryCheck();
    }
    m_thread = std::thread([this] { m_io.run(); });
}

GroupCoordinator::~GroupCoordinator()
{
    shutdown();
}

void GroupCoordinator::shutdown()
{
    Completions completions;
    {
        std::lock_guard lock(m_mutex);
        if (m_stopped)
            return;
        m_stopped = true;
        for (auto& [id, group] : m_groups) {
            ++group->joinToken;
            if (group->joinTimer)
                group->joinTimer->cancel();
            for (auto& member : group->members) {
                if (member->awaitingJoin)
                    respondJoin(*member, joinError(ErrorCode::CoordinatorNotAvailable, member->memberId));
                if (member->awaitingSync)
                    respondSync(*member, SyncResult { ErrorCode::CoordinatorNotAvailable, {}, {}, {} });
                if (member->sessionTimer)
                    member->sessionTimer->cancel();
            }
        }
        if (m_expiryTimer)
            m_expiryTimer->cancel();
        completions.swap(m_completions);
    }
    for (auto& completion : completions)
        completion();
    m_work.reset();
    m_io.stop();
    if (m_thread.joinable())
        m_thread.join();
}

int64_t GroupCoordinator::nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Group* GroupCoordinator::findGroup(const std::string& groupId)
{
    auto it = m_groups.find(groupId);
    return it == m_groups.end() ? nullptr : it->second.get();
}

Group& GroupCoordinator::createGroup(const std::string& groupId)
{
    auto& slot = m_groups[groupId];
    if (!slot) {
        slot = std::make_unique<Group>();
        slot->id = groupId;
        slot->currentStateTimestamp = nowMs();
    }
    return *slot;
}

void GroupCoordinator::setState(Group& group, GroupState state)
{
    group.state = state;
    group.currentStateTimestamp = nowMs();
}

void GroupCoordinator::respondJoin(Member& member, JoinResult result)
{
    if (!member.awaitingJoin)
        return;
    m_completions.push_back(
        [callback = std::move(member.awaitingJoin), result = std::move(result)]() mutable { callback(std::move(result)); });
    member.awaitingJoin = nullptr;
}

void GroupCoordinator::respondSync(Member& member, SyncResult result)
{
    if (!member.awaitingSync)
        return;
    m_completions.push_back(
        [callback = std::move(member.awaitingSync), result = std::move(result)]() mutable { callback(std::move(result)); });
    member.awaitingSync = nullptr;
}

JoinResult GroupCoordinator::currentJoinResult(const Group& group, const Member& member) const
{
    JoinResult result;
    result.generationId = group.generationId;
    result.protocolType = group.protocolType;
    result.protocolName = group.protocolName;
    result.leaderId = group.leaderId;
    result.memberId = member.memberId;
    if (member.memberId == group.leaderId && group.protocolName) {
        for (const auto& m : group.members) {
            const Bytes* metadata = m->metadataFor(*group.protocolName);
            result.members.push_back({ m->memberId, m->groupInstanceId, metadata ? *metadata : Bytes {} });
        }
    }
    return result;
}

void GroupCoordinator::join(JoinRequest request, JoinCallback done)
{
    Completions completions;
    {
        std::lock_guard lock(m_mutex);
        joinLocked(request, done);
        completions.swap(m_completions);
    }
    for (auto& completion : completions)
        completion();
}

void GroupCoordinator::joinLocked(JoinRequest& request, JoinCallback& done)
{
    auto fail = [&](ErrorCode error, std::string memberId = {}) {
        m_completions.push_back([done = std::move(done), error, memberId = std::move(memberId)] {
            done(joinError(error, memberId));
        });
    };
    if (m_stopped)
        return fail(ErrorCode::CoordinatorNotAvailable);
    if (request.groupId.empty())
        return fail(ErrorCode::InvalidGroupId);
    if (request.sessionTimeoutMs < m_options.minSessionTimeoutMs
        || request.sessionTimeoutMs > m_options.maxSessionTimeoutMs)
        return fail(ErrorCode::InvalidSessionTimeout);
    if (request.rebalanceTimeoutMs <= 0)
        request.rebalanceTimeoutMs = request.sessionTimeoutMs; // JoinGroup v0
    Group* group = findGroup(request.groupId);
    if (!group) {
        if (!request.memberId.empty())
            return fail(ErrorCode::UnknownMemberId, request.memberId);
        group = &createGroup(request.groupId);
    }
    if (group->state == GroupState::Dead)
        return fail(ErrorCode::CoordinatorNotAvailable);
    if (!group->supportsProtocols(request.protocolType, request.protocols))
        return fail(ErrorCode::InconsistentGroupProtocol, request.memberId);

    if (request.memberId.empty()) {
        const std::string memberId = newMemberId(request.clientId);
        if (request.groupInstanceId) {
            auto known = group->staticMembers.find(*request.groupInstanceId);
            Member* old = known == group->staticMembers.end() ? nullptr : group->member(known->second);
            if (old) {
                // A static member restarted: it takes over the old identity; whoever still
                // uses the old member id is fenced.
                respondJoin(*old, joinError(ErrorCode::FencedInstanceId, old->memberId));
                respondSync(*old, SyncResult { ErrorCode::FencedInstanceId, {}, {}, {} });
                const bool wasLeader = group->leaderId == old->memberId;
                old->memberId = memberId;
                known->second = memberId;
                if (wasLeader)
                    group->leaderId = memberId;
                const bool unchanged = sameProtocols(old->protocols, request.protocols);
                if (group->state == GroupState::Stable && unchanged && !wasLeader) {
                    old->awaitingJoin = std::move(done);
                    respondJoin(*old, currentJoinResult(*group, *old));
                    scheduleSessionExpiry(*group, *old);
                    storeGroup(*group);
                    return;
                }
                updateMemberAndRebalance(*group, *old, request, std::move(done));
            } else {
                addMemberAndRebalance(*group, request, memberId, std::move(done));
            }
        } else if (request.requireKnownMemberId) {
            group->pendingMembers.insert(memberId);
            schedulePendingExpiry(*group, memberId, request.sessionTimeoutMs);
            return fail(ErrorCode::MemberIdRequired, memberId);
        } else {
            addMemberAndRebalance(*group, request, memberId, std::move(done));
        }
    } else {
        if (request.groupInstanceId) {
            auto known = group->staticMembers.find(*request.groupInstanceId);
            if (known != group->staticMembers.end() && known->second != request.memberId)
                return fail(ErrorCode::FencedInstanceId, request.memberId);
        }
        if (group->pendingMembers.erase(request.memberId)) {
            addMemberAndRebalance(*group, request, request.memberId, std::move(done));
        } else {
            Member* member = group->member(request.memberId);
            if (!member)
                return fail(ErrorCode::UnknownMemberId, request.memberId);
            switch (group->state) {
            case GroupState::PreparingRebalance:
                updateMemberAndRebalance(*group, *member, request, std::move(done));
                break;
            case GroupState::CompletingRebalance:
                if (sameProtocols(member->protocols, request.protocols)) {
                    // The member missed the answer to its join: give it again.
                    member->awaitingJoin = std::move(done);
                    respondJoin(*member, currentJoinResult(*group, *member));
                } else {
                    updateMemberAndRebalance(*group, *member, request, std::move(done));
                }
                break;
            case GroupState::Stable:
                if (member->memberId == group->leaderId || !sameProtocols(member->protocols, request.protocols)) {
                    updateMemberAndRebalance(*group, *member, request, std::move(done));
                } else {
                    member->awaitingJoin = std::move(done);
                    respondJoin(*member, currentJoinResult(*group, *member));
                    scheduleSessionExpiry(*group, *member);
                }
                break;
            case GroupState::Empty:
            case GroupState::Dead:
                return fail(ErrorCode::UnknownMemberId, request.memberId);
            }
        }
    }
    if (group->state == GroupState::PreparingRebalance)
        tryCompleteJoin(*group);
}

void GroupCoordinator::addMemberAndRebalance(Group& group, JoinRequest& request, std::string memberId, JoinCallback done)
{
    auto member = std::make_unique<Member>();
    member->memberId = std::move(memberId);
    member->groupInstanceId = request.groupInstanceId;
    member->clientId = request.clientId;
    member->clientHost = request.clientHost;
    member->rebalanceTimeoutMs = request.rebalanceTimeoutMs;
    member->sessionTimeoutMs = request.sessionTimeoutMs;
    member->protocolType = request.protocolType;
    member->protocols = std::move(request.protocols);
    member->isNew = true;
    member->awaitingJoin = std::move(done);
    if (member->groupInstanceId)
        group.staticMembers[*member->groupInstanceId] = member->memberId;
    if (group.members.empty())
        group.protocolType = member->protocolType;
    if (group.leaderId.empty() || !group.has(group.leaderId))
        group.leaderId = member->memberId;
    group.newMemberAdded = true;
    Member& added = *member;
    group.members.push_back(std::move(member));
    scheduleSessionExpiry(group, added);
    if (group.state != GroupState::PreparingRebalance)
        prepareRebalance(group, "a new member joined");
}

void GroupCoordinator::updateMemberAndRebalance(Group& group, Member& member, JoinRequest& request, JoinCallback done)
{
    if (member.awaitingJoin)
        respondJoin(member, joinError(ErrorCode::RebalanceInProgress, member.memberId));
    member.clientId = request.clientId;
    member.clientHost = request.clientHost;
    member.rebalanceTimeoutMs = request.rebalanceTimeoutMs;
    member.sessionTimeoutMs = request.sessionTimeoutMs;
    member.protocols = std::move(request.protocols);
    member.awaitingJoin = std::move(done);
    if (group.state != GroupState::PreparingRebalance)
        prepareRebalance(group, "a member rejoined");
}

void GroupCoordinator::prepareRebalance(Group& group, const char* reason)
{
    if (group.state == GroupState::CompletingRebalance) {
        for (auto& member : group.members) {
            member->assignment.clear();
            respondSync(*member, SyncResult { ErrorCode::RebalanceInProgress, {}, {}, {} });
        }
    }
    const bool initial = group.state == GroupState::Empty;
    setState(group, GroupState::PreparingRebalance);
    log(LogLevel::Debug, "group %s: preparing rebalance (generation %d): %s", group.id.c_str(), group.generationId,
        reason);
    const uint64_t token = ++group.joinToken;
    if (!group.joinTimer)
        group.joinTimer = std::make_unique<asio::steady_timer>(m_io);
    const int32_t rebalanceTimeout = group.maxRebalanceTimeoutMs();
    int32_t delay = rebalanceTimeout;
    group.initialDelayRunning = false;
    if (initial && m_options.initialRebalanceDelayMs > 0) {
        // Kafka's InitialDelayedJoin: wait a little for more members before the first generation,
        // extending the wait while members keep arriving, up to the rebalance timeout.
        group.initialDelayRunning = true;
        group.newMemberAdded = false;
        group.initialDelayDeadlineMs = nowMs() + rebalanceTimeout;
        delay = std::min(m_options.initialRebalanceDelayMs, rebalanceTimeout);
    }
    group.joinTimer->expires_after(std::chrono::milliseconds(std::max(0, delay)));
    group.joinTimer->async_wait([this, groupId = group.id, token](const asio::error_code& ec) {
        if (!ec)
            onJoinTimer(groupId, token);
    });
    if (!group.initialDelayRunning)
        tryCompleteJoin(group);
}

void GroupCoordinator::tryCompleteJoin(Group& group)
{
    if (group.state == GroupState::PreparingRebalance && !group.initialDelayRunning && group.allMembersJoined())
        completeJoin(group);
}

void GroupCoordinator::onJoinTimer(const std::string& groupId, uint64_t token)
{
    Completions completions;
    {
        std::lock_guard lock(m_mutex);
        Group* group = findGroup(groupId);
        if (m_stopped || !group || group->joinToken != token || group->state != GroupState::PreparingRebalance)
            return;
        if (group->initialDelayRunning) {
            const int64_t remaining = group->initialDelayDeadlineMs - nowMs();
            if (group->newMemberAdded && remaining > 0) {
                group->newMemberAdded = false;
                const auto delay = std::min<int64_t>(m_options.initialRebalanceDelayMs, remaining);
                group->joinTimer->expires_after(std::chrono::milliseconds(delay));
                group->joinTimer->async_wait([this, groupId, token](const asio::error_code& ec) {
                    if (!ec)
                        onJoinTimer(groupId, token);
                });
                return;
            }
            group->initialDelayRunning = false;
        }
        completeJoin(*group);
        completions.swap(m_completions);
    }
    for (auto& completion : completions)
        completion();
}

void GroupCoordinator::completeJoin(Group& group)
{
    ++group.joinToken;
    if (group.joinTimer)
        group.joinTimer->cancel();
    group.initialDelayRunning = false;
    // Dynamic members that did not rejoin within the rebalance timeout are out.
    std::vector<std::string> absent;
    for (const auto& member : group.members) {
        if (!member->awaitingJoin && !member->groupInstanceId)
            absent.push_back(member->memberId);
    }
    for (const auto& memberId : absent) {
        log(LogLevel::Info, "group %s: removing member %s, which did not rejoin in time", group.id.c_str(),
            memberId.c_str());
        group.removeMember(memberId);
    }
    ++group.generationId;
    if (group.members.empty()) {
        group.protocolName.reset();
        group.leaderId.clear();
        setState(group, GroupState::Empty);
        storeGroup(group);
        log(LogLevel::Info, "group %s: generation %d with no members", group.id.c_str(), group.generationId);
        return;
    }
    group.protocolName = group.selectProtocol();
    Member* leader = group.member(group.leaderId);
    if (!leader || !leader->awaitingJoin) {
        for (const auto& member : group.members) {
            if (member->awaitingJoin) {
                group.leaderId = member->memberId;
                break;
            }
        }
    }
    setState(group, GroupState::CompletingRebalance);
    log(LogLevel::Info, "group %s: generation %d with %zu member(s), protocol %s", group.id.c_str(),
        group.generationId, group.members.size(), group.protocolName->c_str());
    for (auto& member : group.members) {
        respondJoin(*member, currentJoinResult(group, *member));
        member->isNew = false;
        scheduleSessionExpiry(group, *member);
    }
    // As Kafka (KIP-814): members that have not sent SyncGroup within the rebalance timeout are
    // removed, so a leader that never assigns cannot hold the others forever.
    const uint64_t token = ++group.joinToken;
    if (!group.joinTimer)
        group.joinTimer = std::make_unique<asio::steady_timer>(m_io);
    group.joinTimer->expires_after(std::chrono::milliseconds(std::max(0, group.maxRebalanceTimeoutMs())));
    group.joinTimer->async_wait([this, groupId = group.id, token](const asio::error_code& ec) {
        if (!ec)
            onSyncTimeout(groupId, token);
    });
}

void GroupCoordinator::onSyncTimeout(const std::string& groupId, uint64_t token)
{
    Completions completions;
    {
        std::lock_guard lock(m_mutex);
        Group* group = m_stopped ? nullptr : findGroup(groupId);
        if (!group || group->joinToken != token || group->state != GroupState::CompletingRebalance)
            return;
        std::vector<std::string> silent;
        for (const auto& member : group->members) {
            if (!member->awaitingSync)
                silent.push_back(member->memberId);
        }
        for (const auto& memberId : silent)
            removeMemberAndUpdate(*group, memberId, "it did not send SyncGroup within the rebalance timeout");
        completions.swap(m_completions);
    }
    for (auto& completion : completions)
        completion();
}

} // namespace samsa::broker::group
