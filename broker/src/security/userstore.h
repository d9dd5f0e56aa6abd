#pragma once

// The users samsa-broker knows for SASL: those of sasl.plain.users (the command line, for tests)
// plus those of sasl.users.file, the file winning for a name in both. Each user's SCRAM-SHA-256
// and SCRAM-SHA-512 credentials are derived once, when loaded; for PLAIN only a keyed digest of
// the password is kept, compared in constant time. Lookups from any thread read an immutable
// snapshot; reload() builds a new one and swaps it in, or keeps the old one when the file is bad.

#include "security/scramcredentials.h"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>

namespace samsa::broker::security {

class UserStore {
public:
    // Nothing is loaded yet: call load().
    UserStore(std::string filePath, const std::map<std::string, std::string>& commandLineUsers);
    ~UserStore();
    UserStore(const UserStore&) = delete;
    UserStore& operator=(const UserStore&) = delete;

    // Reads the file (when there is one) and swaps in the new users; on failure the users loaded
    // before stay and *error says why (never with a password).
    bool load(std::string* error);
    // load() for SIGHUP: logs what happened.
    void reload();

    bool checkPlain(const std::string& user, std::string_view password) const;
    std::optional<ScramCredential> scramCredential(ScramMechanism mechanism, const std::string& user) const;
    size_t userCount() const;
    const std::string& filePath() const { return m_filePath; }

private:
    struct User;
    using Users = std::map<std::string, std::shared_ptr<const User>>;

    std::shared_ptr<const User> makeUser(
        std::string_view password, const Users& previous, const std::string& name) const;
    std::shared_ptr<const Users> snapshot() const;

    const std::string m_filePath;
    const std::string m_digestKey; // random per process: keys the PLAIN digests
    Users m_commandLineUsers;
    mutable std::shared_mutex m_mutex; // guards m_users (the pointer, not what it points to)
    std::shared_ptr<const Users> m_users;
    std::mutex m_loading; // one load at a time
};

} // namespace samsa::broker::security
