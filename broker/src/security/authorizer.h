#pragma once

#include "common/errors.h"
#include "security/aclbinding.h"
#include "security/aclstore.h"

#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

namespace samsa::broker {
struct BrokerConfig;
}

namespace samsa::broker::security {

// Who asks: "User:alice" (User:ANONYMOUS before or without authentication) and the peer's IP.
struct RequestIdentity {
    std::string principal;
    std::string host;
};

// Decides requests as Kafka's StandardAuthorizer does, from ACLs it keeps in an AclStore:
// - super users may do everything;
// - the ACLs that apply to a resource are its literal ones, the literal "*" of its type and the
//   prefixed ones whose prefix starts its name; of these, those of the principal or of User:*
//   and of the peer's host or of "*";
// - a DENY for the operation (or ALL) wins over every ALLOW;
// - an ALLOW for the operation or ALL allows; ALLOW of READ, WRITE, DELETE or ALTER also allows
//   DESCRIBE, ALLOW of ALTER_CONFIGS also DESCRIBE_CONFIGS (a DENY implies nothing);
// - a resource that no ACL applies to at all (whoever it names) is open only with
//   allow.everyone.if.no.acl.found.
// Thread-safe: connections ask concurrently while the ACL APIs change the set.
class Authorizer {
public:
    struct Options {
        std::vector<std::string> superUsers;
        bool allowEveryoneIfNoAclFound = false;
    };

    // store may be null (tests): the ACLs then live in memory only.
    Authorizer(Options options, std::unique_ptr<AclStore> store, std::vector<AclBinding> acls);

    // The authorizer the configuration asks for, with the ACLs of its data directory: null with
    // an empty *error when authorizer=none, null with a message when the ACL file is damaged.
    static std::unique_ptr<Authorizer> open(const BrokerConfig& config, std::string* error);

    bool authorize(
        const RequestIdentity& who, AclOperation operation, ResourceType type, const std::string& name) const;

    // Whether the principal may do the operation on at least one resource of this type, as
    // Kafka's authorizeByResourceType (InitProducerId without a transactional id asks it for
    // WRITE on topics): an applicable ALLOW (literal name, prefix or "*") not covered by a DENY.
    bool authorizeAny(const RequestIdentity& who, AclOperation operation, ResourceType type) const;

    bool isSuperUser(const std::string& principal) const;

    std::vector<AclBinding> describe(const AclBindingFilter& filter) const;

    struct Outcome {
        ErrorCode error = ErrorCode::None;
        std::string message;
    };
    // One outcome per binding. Invalid bindings get INVALID_REQUEST; the valid ones are stored
    // together (duplicates are accepted and kept once).
    std::vector<Outcome> create(const std::vector<AclBinding>& bindings);

    struct Deletion {
        Outcome outcome;
        std::vector<AclBinding> deleted;
    };
    // One result per filter, each naming the ACLs it removed (an ACL matched by several filters is
    // reported under the first).
    std::vector<Deletion> remove(const std::vector<AclBindingFilter>& filters);

private:
    bool persist(const std::vector<AclBinding>& acls, std::string* error) const;

    Options m_options;
    std::unique_ptr<AclStore> m_store;
    mutable std::shared_mutex m_mutex;
    std::vector<AclBinding> m_acls; // sorted, unique
};

} // namespace samsa::broker::security
