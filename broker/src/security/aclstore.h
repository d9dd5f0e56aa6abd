#pragma once

#include "security/aclbinding.h"

#include <optional>
#include <string>
#include <vector>

namespace samsa::broker::security {

// The ACLs of this broker, kept in <data dir>/acls.json: a small JSON document with Kafka's names
// (TOPIC, PREFIXED, READ, ALLOW) so that a person can read it. Every change rewrites the whole file
// atomically (temporary file, fsync, rename, fsync of the directory): ACLs are few and change
// rarely, and a crash must leave either the old set or the new one.
class AclStore {
public:
    explicit AclStore(std::string dataDir);

    // The stored ACLs: none when the file does not exist yet. A damaged file (unreadable, not JSON,
    // unknown names, invalid bindings) is an error naming the file and the problem: never an empty
    // set, which would silently drop every DENY.
    std::optional<std::vector<AclBinding>> load(std::string* error) const;

    bool save(const std::vector<AclBinding>& acls, std::string* error) const;

    const std::string& path() const { return m_path; }

    static constexpr const char* FileName = "acls.json";

private:
    std::string m_dataDir;
    std::string m_path;
};

} // namespace samsa::broker::security
