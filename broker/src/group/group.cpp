#include "group/group.h"

#include "protocol/bytereader.h"

#include <algorithm>

namespace samsa::broker::group {

const char* stateName(GroupState state)
{
    switch (state) {
    case GroupState::Empty:
        return "Empty";
    case GroupState::PreparingRebalance:
        return "PreparingRebalance";
    case GroupState::CompletingRebalance:
        return "CompletingRebalance";
    case GroupState::Stable:
        return "Stable";
    case GroupState::Dead:
        return "Dead";
    }
    return "Dead";
}

JoinResult joinError(ErrorCode error, std::string memberId)
{
    JoinResult result;
    result.error = error;
    result.memberId = std::move(memberId);
    return result;
}

const Bytes* Member::metadataFor(const std::string& protocol) const
{
    for (const auto& p : protocols) {
        if (p.name == protocol)
            return &p.metadata;
    }
    return nullptr;
}

Member* Group::member(const std::string& memberId) const
{
    for (const auto& m : members) {
        if (m->memberId == memberId)
            return m.get();
    }
    return nullptr;
}

void Group::removeMember(const std::string& memberId)
{
    auto it = std::find_if(members.begin(), members.end(), [&](const auto& m) { return m->memberId == memberId; });
    if (it == members.end())
        return;
    if ((*it)->sessionTimer)
        (*it)->sessionTimer->cancel();
    if ((*it)->groupInstanceId)
        staticMembers.erase(*(*it)->groupInstanceId);
    members.erase(it);
    if (leaderId == memberId)
        leaderId = members.empty() ? std::string() : members.front()->memberId;
}

bool Group::allMembersJoined() const
{
    if (!pendingMembers.empty())
        return false;
    return std::all_of(members.begin(), members.end(), [](const auto& m) { return bool(m->awaitingJoin); });
}

std::vector<std::string> Group::candidateProtocols() const
{
    std::vector<std::string> candidates;
    if (members.empty())
        return candidates;
    for (const auto& p : members.front()->protocols) {
        const bool everyone = std::all_of(
            members.begin(), members.end(), [&](const auto& m) { return m->metadataFor(p.name) != nullptr; });
        if (everyone)
            candidates.push_back(p.name);
    }
    return candidates;
}

bool Group::supportsProtocols(const std::string& type, const std::vector<Protocol>& protocols) const
{
    if (type.empty() || protocols.empty())
        return false;
    if (members.empty())
        return true;
    if (type != protocolType)
        return false;
    for (const auto& candidate : candidateProtocols()) {
        for (const auto& p : protocols) {
            if (p.name == candidate)
                return true;
        }
    }
    return false;
}

std::string Group::selectProtocol() const
{
    const auto candidates = candidateProtocols();
    if (candidates.empty())
        return {};
    std::map<std::string, int> votes;
    for (const auto& m : members) {
        for (const auto& p : m->protocols) {
            if (std::find(candidates.begin(), candidates.end(), p.name) != candidates.end()) {
                ++votes[p.name];
                break;
            }
        }
    }
    std::string best = candidates.front();
    for (const auto& candidate : candidates) {
        if (votes[candidate] > votes[best])
            best = candidate;
    }
    return best;
}

std::set<std::string> Group::subscribedTopics() const
{
    std::set<std::string> topics;
    if (protocolType != "consumer" || !protocolName)
        return topics;
    for (const auto& m : members) {
        const Bytes* metadata = m->metadataFor(*protocolName);
        if (!metadata)
            continue;
        // ConsumerProtocolSubscription: version, then the topics (every version starts so).
        protocol::ByteReader in(*metadata);
        in.readInt16();
        const int32_t count = in.readArrayLength(false);
        for (int32_t i = 0; i < count && in.ok(); ++i)
            topics.insert(in.readString(false));
    }
    return topics;
}

int32_t Group::maxRebalanceTimeoutMs() const
{
    int32_t timeout = 0;
    for (const auto& m : members)
        timeout = std::max(timeout, m->rebalanceTimeoutMs);
    return timeout;
}

GroupValue Group::toValue() const
{
    GroupValue value;
    value.protocolType = protocolType;
    value.generation = generationId;
    value.protocol = protocolName;
    if (!leaderId.empty())
        value.leader = leaderId;
    value.currentStateTimestamp = currentStateTimestamp;
    for (const auto& m : members) {
        MemberValue member;
        member.memberId = m->memberId;
        member.groupInstanceId = m->groupInstanceId;
        member.clientId = m->clientId;
        member.clientHost = m->clientHost;
        member.rebalanceTimeout = m->rebalanceTimeoutMs;
        member.sessionTimeout = m->sessionTimeoutMs;
        if (protocolName) {
            if (const Bytes* metadata = m->metadataFor(*protocolName))
                member.subscription = *metadata;
        }
        member.assignment = m->assignment;
        value.members.push_back(std::move(member));
    }
    return value;
}

} // namespace samsa::broker::group
