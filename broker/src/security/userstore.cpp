#include "security/userstore.h"

#include "common/log.h"
#include "security/usersfile.h"

#include <openssl/crypto.h>

namespace samsa::broker::security {

struct UserStore::User {
    std::string passwordDigest; // HMAC-SHA-256 keyed with m_digestKey
    ScramCredential sha256;
    ScramCredential sha512;
};

UserStore::UserStore(std::string filePath, const std::map<std::string, std::string>& commandLineUsers)
    : m_filePath(std::move(filePath))
    , m_digestKey(randomBytes(32))
    , m_users(std::make_shared<const Users>())
{
    for (const auto& [name, password] : commandLineUsers)
        m_commandLineUsers.emplace(name, makeUser(password, {}, name));
}

UserStore::~UserStore() = default;

// Deriving costs two PBKDF2 runs of 4096 rounds, so a user whose password did not change keeps
// the credentials derived before: a reload of a long file stays quick.
std::shared_ptr<const UserStore::User> UserStore::makeUser(
    std::string_view password, const Users& previous, const std::string& name) const
{
    std::string digest = scramHmac(ScramMechanism::Sha256, m_digestKey, password);
    if (const auto it = previous.find(name); it != previous.end() && it->second->passwordDigest == digest)
        return it->second;
    auto user = std::make_shared<User>();
    user->passwordDigest = std::move(digest);
    user->sha256 = newScramCredential(ScramMechanism::Sha256, password);
    user->sha512 = newScramCredential(ScramMechanism::Sha512, password);
    return user;
}

bool UserStore::load(std::string* error)
{
    std::lock_guard loading(m_loading);
    auto users = std::make_shared<Users>(m_commandLineUsers);
    if (!m_filePath.empty()) {
        std::map<std::string, std::string> fromFile;
        if (!readUsersFile(m_filePath, &fromFile, error))
            return false;
        const auto previous = snapshot();
        for (auto& [name, password] : fromFile) {
            (*users)[name] = makeUser(password, *previous, name);
            OPENSSL_cleanse(password.data(), password.size());
        }
    }
    std::unique_lock lock(m_mutex);
    m_users = std::move(users);
    return true;
}

void UserStore::reload()
{
    if (m_filePath.empty()) {
        log(LogLevel::Info, "SIGHUP: no sasl.users.file to reload");
        return;
    }
    std::string error;
    if (load(&error))
        log(LogLevel::Info, "SIGHUP: %zu SASL users loaded (sasl.users.file %s)", userCount(), m_filePath.c_str());
    else
        log(LogLevel::Warning, "SIGHUP: %s; keeping the %zu SASL users loaded before", error.c_str(), userCount());
}

std::shared_ptr<const UserStore::Users> UserStore::snapshot() const
{
    std::shared_lock lock(m_mutex);
    return m_users;
}

bool UserStore::checkPlain(const std::string& user, std::string_view password) const
{
    const auto users = snapshot();
    const auto it = users->find(user);
    if (it == users->end())
        return false;
    return constantTimeEquals(scramHmac(ScramMechanism::Sha256, m_digestKey, password), it->second->passwordDigest);
}

std::optional<ScramCredential> UserStore::scramCredential(ScramMechanism mechanism, const std::string& user) const
{
    const auto users = snapshot();
    const auto it = users->find(user);
    if (it == users->end())
        return std::nullopt;
    return mechanism == ScramMechanism::Sha256 ? it->second->sha256 : it->second->sha512;
}

size_t UserStore::userCount() const
{
    return snapshot()->size();
}

} // namespace samsa::broker::security
