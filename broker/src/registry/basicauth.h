#pragma once

// HTTP basic authentication for the registry, with the broker's SASL users: when the broker has
// users, every request must carry "Authorization: Basic" with one of them, as Confluent's
// registry does with authentication.method=BASIC. Without users, the registry stays open, as the
// Kafka listener then is.

#include "registry/httprequest.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace samsa::broker::registry {

class BasicAuth {
public:
    explicit BasicAuth(std::map<std::string, std::string> users);

    bool required() const { return !m_users.empty(); }
    // Whether the request may be served: no users, or valid credentials for one of them.
    bool allows(const HttpRequest& request) const;
    // 401 with a WWW-Authenticate challenge and a Confluent-style error body.
    static HttpResponse challenge();

    // "user:password" from the value of an Authorization header; nullopt unless it is a
    // well-formed Basic credential.
    static std::optional<std::pair<std::string, std::string>> credentials(std::string_view authorization);

private:
    std::map<std::string, std::string> m_users;
};

} // namespace samsa::broker::registry
