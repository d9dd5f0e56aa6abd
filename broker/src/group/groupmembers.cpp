// GroupCoordinator: SyncGroup, Heartbeat, LeaveGroup and the session timeouts that remove
// silent members.

#include "group/groupcoordinator.h"

#include "common/log.h"

namespace samsa::broker::group {

void GroupCoordinator::sync(SyncRequest request, SyncCallback done)
{
    Completions completions;
    {
        std::lock_guard lock(m_mutex);
        auto fail = [&](ErrorCode error) {
            m_completions.push_back([done = std::move(done), error] { done(SyncResult { error, {}, {}, {} }); });
        };
        Group* group = m_stopped ? nullptr : findGroup(request.groupId);
        Member* member = group ? group->member(request.memberId) : nullptr;
        if (m_stopped) {
            fail(ErrorCode::CoordinatorNotAvailable);
        } else if (!group) {
            fail(ErrorCode::UnknownMemberId);
        } else if (group->state == GroupState::Dead) {
            fail(ErrorCode::CoordinatorNotAvailable);
        } else if (request.groupInstanceId && group->staticMembers.count(*request.groupInstanceId)
            && group->staticMembers[*request.groupInstanceId] != request.memberId) {
            fail(ErrorCode::FencedInstanceId);
        } else if (!member) {
            fail(ErrorCode::UnknownMemberId);
        } else if (request.generationId != group->generationId) {
            fail(ErrorCode::IllegalGeneration);
        } else if ((request.protocolType && *request.protocolType != group->protocolType)
            || (request.protocolName && *request.protocolName != group->protocolName.value_or(""))) {
            fail(ErrorCode::InconsistentGroupProtocol);
        } else if (group->state == GroupState::Empty) {
            fail(ErrorCode::UnknownMemberId);
        } else if (group->state == GroupState::PreparingRebalance) {
            fail(ErrorCode::RebalanceInProgress);
        } else if (group->state == GroupState::Stable) {
            scheduleSessionExpiry(*group, *member);
            m_completions.push_back([done = std::move(done),
                                        result = SyncResult { ErrorCode::None, group->protocolType,
                                            group->protocolName, member->assignment }] { done(result); });
        } else {
            // CompletingRebalance: everyone waits for the leader's assignment.
            if (member->awaitingSync)
                respondSync(*member, SyncResult { ErrorCode::RebalanceInProgress, {}, {}, {} });
            member->awaitingSync = std::move(done);
            scheduleSessionExpiry(*group, *member);
            if (member->memberId == group->leaderId) {
                for (auto& m : group->members) {
                    m->assignment.clear();
                    for (auto& [memberId, assignment] : request.assignments) {
                        if (memberId == m->memberId)
                            m->assignment = assignment;
                    }
                }
                storeGroup(*group);
                setState(*group, GroupState::Stable);
                for (auto& m : group->members)
                    respondSync(*m, SyncResult { ErrorCode::None, group->protocolType, group->protocolName, m->assignment });
            }
        }
        completions.swap(m_completions);
    }
    for (auto& completion : completions)
        completion();
}

ErrorCode GroupCoordinator::heartbeat(const std::string& groupId, const std::string& memberId,
    const std::optional<std::string>& groupInstanceId, int32_t generationId)
{
    std::lock_guard lock(m_mutex);
    if (m_stopped)
        return ErrorCode::CoordinatorNotAvailable;
    Group* group = findGroup(groupId);
    if (!group)
        return ErrorCode::UnknownMemberId;
    if (group->state == GroupState::Dead)
        return ErrorCode::CoordinatorNotAvailable;
    if (groupInstanceId) {
        auto known = group->staticMembers.find(*groupInstanceId);
        if (known != group->staticMembers.end() && known->second != memberId)
            return ErrorCode::FencedInstanceId;
    }
    Member* member = group->member(memberId);
    if (group->state == GroupState::Empty || !member)
        return ErrorCode::UnknownMemberId;
    if (generationId != group->generationId)
        return ErrorCode::IllegalGeneration;
    scheduleSessionExpiry(*group, *member);
    return group->state == GroupState::PreparingRebalance ? ErrorCode::RebalanceInProgress : ErrorCode::None;
}

LeaveResult GroupCoordinator::leave(const std::string& groupId, const std::vector<LeavingMember>& members)
{
    LeaveResult result;
    Completions completions;
    {
        std::lock_guard lock(m_mutex);
        Group* group = m_stopped ? nullptr : findGroup(groupId);
        if (m_stopped || (group && group->state == GroupState::Dead)) {
            result.error = ErrorCode::CoordinatorNotAvailable;
            return result;
        }
        for (const auto& leaving : members) {
            if (!group) {
                result.memberErrors.push_back(ErrorCode::UnknownMemberId);
                continue;
            }
            std::string memberId = leaving.memberId;
            if (leaving.groupInstanceId) {
                auto known = group->staticMembers.find(*leaving.groupInstanceId);
                if (known == group->staticMembers.end()) {
                    result.memberErrors.push_back(ErrorCode::UnknownMemberId);
                    continue;
                }
                if (!memberId.empty() && known->second != memberId) {
                    result.memberErrors.push_back(ErrorCode::FencedInstanceId);
                    continue;
                }
                memberId = known->second;
            }
            if (group->pendingMembers.erase(memberId)) {
                result.memberErrors.push_back(ErrorCode::None);
                tryCompleteJoin(*group);
                continue;
            }
            if (!group->has(memberId)) {
                result.memberErrors.push_back(ErrorCode::UnknownMemberId);
                continue;
            }
            removeMemberAndUpdate(*group, memberId, "the member left");
            result.memberErrors.push_back(ErrorCode::None);
        }
        completions.swap(m_completions);
    }
    for (auto& completion : completions)
        completion();
    return result;
}

void GroupCoordinator::removeMemberAndUpdate(Group& group, const std::string& memberId, const char* reason)
{
    Member* member = group.member(memberId);
    if (!member)
        return;
    log(LogLevel::Info, "group %s: removing member %s: %s", group.id.c_str(), memberId.c_str(), reason);
    respondJoin(*member, joinError(ErrorCode::UnknownMemberId, memberId));
    respondSync(*member, SyncResult { ErrorCode::UnknownMemberId, {}, {}, {} });
    group.removeMember(memberId);
    switch (group.state) {
    case GroupState::Stable:
    case GroupState::CompletingRebalance:
        prepareRebalance(group, reason);
        break;
    case GroupState::PreparingRebalance:
        tryCompleteJoin(group);
        break;
    case GroupState::Empty:
    case GroupState::Dead:
        break;
    }
}

void GroupCoordinator::scheduleSessionExpiry(Group& group, Member& member)
{
    scheduleSessionExpiry(group, member, member.sessionTimeoutMs);
}

void GroupCoordinator::scheduleSessionExpiry(Group& group, Member& member, int32_t timeoutMs)
{
    if (m_stopped)
        return;
    const uint64_t token = ++member.sessionToken;
    if (!member.sessionTimer)
        member.sessionTimer = std::make_unique<asio::steady_timer>(m_io);
    member.sessionTimer->expires_after(std::chrono::milliseconds(timeoutMs));
    member.sessionTimer->async_wait(
        [this, groupId = group.id, memberId = member.memberId, token](const asio::error_code& ec) {
            if (!ec)
                onSessionExpired(groupId, memberId, token);
        });
}

void GroupCoordinator::onSessionExpired(const std::string& groupId, const std::string& memberId, uint64_t token)
{
    Completions completions;
    {
        std::lock_guard lock(m_mutex);
        Group* group = m_stopped ? nullptr : findGroup(groupId);
        Member* member = group ? group->member(memberId) : nullptr;
        if (!member || member->sessionToken != token)
            return;
        if (member->awaitingJoin || member->awaitingSync) {
            // A member waiting for the rebalance is alive: the rebalance timeout governs it.
            scheduleSessionExpiry(*group, *member);
            return;
        }
        removeMemberAndUpdate(*group, memberId, "its session timed out");
        completions.swap(m_completions);
    }
    for (auto& completion : completions)
        completion();
}

void GroupCoordinator::schedulePendingExpiry(Group& group, const std::string& memberId, int32_t timeoutMs)
{
    auto timer = std::make_shared<asio::steady_timer>(m_io, std::chrono::milliseconds(timeoutMs));
    timer->async_wait([this, timer, groupId = group.id, memberId](const asio::error_code& ec) {
        if (ec)
            return;
        Completions completions;
        {
            std::lock_guard lock(m_mutex);
            Group* pendingGroup = m_stopped ? nullptr : findGroup(groupId);
            if (!pendingGroup || !pendingGroup->pendingMembers.erase(memberId))
                return;
            tryCompleteJoin(*pendingGroup);
            completions.swap(m_completions);
        }
        for (auto& completion : completions)
            completion();
    });
}

} // namespace samsa::broker::group
