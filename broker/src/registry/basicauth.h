#pragma once

// HTTP basic authentication for the registry, with the broker's SASL users (sasl.plain.users and
// sasl.users.file, reloaded on SIGHUP): when the broker has users, every request must carry
// "Authorization: Basic" with one of them, as Confluent's registry does with
// authentication.method=BASIC. Without users, the registry stays open, as the Kafka listener then is.

#include "registry/httprequest.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace samsa::broker::security {
class UserStore;
}

namespace samsa::broker::registry {

class BasicAuth {
public:
    // `users` outlives this object; null means no users, an open registry.
    explicit BasicAuth(const security::UserStore* users);

    bool required() const;
    // Whether the request may be served: no users, or valid credentials for one of them.
    bool allows(const HttpRequest& request) const;
    // 401 with a WWW-Authenticate challenge and a Confluent-style error body.
    static HttpResponse challenge();

    // "user:password" from the value of an Authorization header; nullopt unless it is a
    // well-formed Basic credential (strict base64, as RFC 7617 asks of clients).
    static std::optional<std::pair<std::string, std::string>> credentials(std::string_view authorization);

private:
    const security::UserStore* m_users;
};

} // namespace samsa::broker::registry
