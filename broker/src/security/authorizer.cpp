#include "security/authorizer.h"

#include "storage/brokerconfig.h"

#include <algorithm>
#include <mutex>

namespace samsa::broker::security {

namespace {

// Whether a stored pattern applies to the resource of this type and name.
bool applies(const ResourcePattern& pattern, ResourceType type, const std::string& name)
{
    if (pattern.type != type)
        return false;
    if (pattern.patternType == PatternType::Prefixed)
        return name.starts_with(pattern.name);
    return pattern.name == name || pattern.name == Wildcard;
}

bool appliesTo(const AccessControlEntry& entry, const RequestIdentity& who)
{
    return (entry.principal == who.principal || entry.principal == WildcardPrincipal)
        && (entry.host == Wildcard || entry.host == who.host);
}

// Whether an entry's operation covers the one asked for; implications hold for ALLOW only.
bool covers(const AccessControlEntry& entry, AclOperation asked)
{
    if (entry.operation == AclOperation::All || entry.operation == asked)
        return true;
    if (entry.permission != AclPermission::Allow)
        return false;
    switch (asked) {
    case AclOperation::Describe:
        return entry.operation == AclOperation::Read || entry.operation == AclOperation::Write
            || entry.operation == AclOperation::Delete || entry.operation == AclOperation::Alter;
    case AclOperation::DescribeConfigs:
        return entry.operation == AclOperation::AlterConfigs;
    default:
        return false;
    }
}

void sortUnique(std::vector<AclBinding>& acls)
{
    std::sort(acls.begin(), acls.end());
    acls.erase(std::unique(acls.begin(), acls.end()), acls.end());
}

} // namespace

Authorizer::Authorizer(Options options, std::unique_ptr<AclStore> store, std::vector<AclBinding> acls)
    : m_options(std::move(options))
    , m_store(std::move(store))
    , m_acls(std::move(acls))
{
    sortUnique(m_acls);
}

std::unique_ptr<Authorizer> Authorizer::open(const BrokerConfig& config, std::string* error)
{
    error->clear();
    if (config.authorizer != "standard")
        return nullptr;
    auto store = std::make_unique<AclStore>(config.dataDir);
    auto acls = store->load(error);
    if (!acls)
        return nullptr;
    return std::make_unique<Authorizer>(
        Options { config.superUsers, config.allowEveryoneIfNoAclFound }, std::move(store), std::move(*acls));
}

bool Authorizer::isSuperUser(const std::string& principal) const
{
    return std::find(m_options.superUsers.begin(), m_options.superUsers.end(), principal) != m_options.superUsers.end();
}

bool Authorizer::authorize(
    const RequestIdentity& who, AclOperation operation, ResourceType type, const std::string& name) const
{
    if (isSuperUser(who.principal))
        return true;
    std::shared_lock lock(m_mutex);
    bool resourceHasAcls = false;
    bool allowed = false;
    for (const auto& acl : m_acls) {
        if (!applies(acl.pattern, type, name))
            continue;
        resourceHasAcls = true;
        if (!appliesTo(acl.entry, who) || !covers(acl.entry, operation))
            continue;
        if (acl.entry.permission == AclPermission::Deny)
            return false;
        allowed = true;
    }
    return allowed || (!resourceHasAcls && m_options.allowEveryoneIfNoAclFound);
}

bool Authorizer::authorizeAny(const RequestIdentity& who, AclOperation operation, ResourceType type) const
{
    if (isSuperUser(who.principal))
        return true;
    std::shared_lock lock(m_mutex);
    std::vector<const ResourcePattern*> allows;
    std::vector<const ResourcePattern*> denies;
    bool typeHasAcls = false;
    for (const auto& acl : m_acls) {
        if (acl.pattern.type != type)
            continue;
        typeHasAcls = true;
        if (!appliesTo(acl.entry, who)
            || (acl.entry.operation != operation && acl.entry.operation != AclOperation::All))
            continue;
        (acl.entry.permission == AclPermission::Deny ? denies : allows).push_back(&acl.pattern);
    }
    if (!typeHasAcls)
        return m_options.allowEveryoneIfNoAclFound;
    const auto deniedWhole = [&](const ResourcePattern& allow) {
        return std::any_of(denies.begin(), denies.end(), [&](const ResourcePattern* deny) {
            if (deny->patternType == PatternType::Literal && deny->name == Wildcard)
                return true; // every resource of the type
            if (deny->patternType == PatternType::Prefixed)
                return allow.name.starts_with(deny->name);
            return allow.patternType == PatternType::Literal && deny->name == allow.name;
        });
    };
    return std::any_of(
        allows.begin(), allows.end(), [&](const ResourcePattern* allow) { return !deniedWhole(*allow); });
}

std::vector<AclBinding> Authorizer::describe(const AclBindingFilter& filter) const
{
    std::shared_lock lock(m_mutex);
    std::vector<AclBinding> found;
    std::copy_if(m_acls.begin(), m_acls.end(), std::back_inserter(found),
        [&](const AclBinding& acl) { return matches(filter, acl); });
    return found;
}

bool Authorizer::persist(const std::vector<AclBinding>& acls, std::string* error) const
{
    return !m_store || m_store->save(acls, error);
}

std::vector<Authorizer::Outcome> Authorizer::create(const std::vector<AclBinding>& bindings)
{
    std::vector<Outcome> outcomes(bindings.size());
    std::unique_lock lock(m_mutex);
    auto next = m_acls;
    bool changed = false;
    for (size_t i = 0; i < bindings.size(); ++i) {
        if (auto reason = invalidBindingReason(bindings[i])) {
            outcomes[i] = { ErrorCode::InvalidRequest, *reason };
            continue;
        }
        next.push_back(bindings[i]);
        changed = true;
    }
    if (!changed)
        return outcomes;
    sortUnique(next);
    std::string error;
    if (!persist(next, &error)) {
        for (size_t i = 0; i < bindings.size(); ++i) {
            if (outcomes[i].error == ErrorCode::None)
                outcomes[i] = { ErrorCode::UnknownServerError, "ACLs not stored: " + error };
        }
        return outcomes;
    }
    m_acls = std::move(next);
    return outcomes;
}

std::vector<Authorizer::Deletion> Authorizer::remove(const std::vector<AclBindingFilter>& filters)
{
    std::vector<Deletion> results(filters.size());
    std::unique_lock lock(m_mutex);
    std::vector<AclBinding> kept = m_acls;
    for (size_t i = 0; i < filters.size(); ++i) {
        if (auto reason = invalidFilterReason(filters[i])) {
            results[i].outcome = { ErrorCode::InvalidRequest, *reason };
            continue;
        }
        const auto split = std::stable_partition(
            kept.begin(), kept.end(), [&](const AclBinding& acl) { return !matches(filters[i], acl); });
        results[i].deleted.assign(split, kept.end());
        kept.erase(split, kept.end());
    }
    if (kept.size() == m_acls.size())
        return results;
    std::string error;
    if (!persist(kept, &error)) {
        for (auto& result : results) {
            if (result.outcome.error == ErrorCode::None)
                result.outcome = { ErrorCode::UnknownServerError, "ACLs not stored: " + error };
            result.deleted.clear();
        }
        return results;
    }
    m_acls = std::move(kept);
    return results;
}

} // namespace samsa::broker::security
