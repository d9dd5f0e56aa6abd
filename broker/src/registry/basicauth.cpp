#include "registry/basicauth.h"

#include "avroschema/json.h"
#include "common/base64.h"
#include "security/userstore.h"

namespace samsa::broker::registry {

BasicAuth::BasicAuth(const security::UserStore* users)
    : m_users(users)
{
}

bool BasicAuth::required() const
{
    return m_users && m_users->userCount() > 0;
}

std::optional<std::pair<std::string, std::string>> BasicAuth::credentials(std::string_view authorization)
{
    const size_t space = authorization.find(' ');
    if (space == std::string_view::npos)
        return std::nullopt;
    std::string scheme(authorization.substr(0, space));
    for (auto& c : scheme)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    std::string_view token = authorization.substr(space + 1);
    while (!token.empty() && token.front() == ' ')
        token.remove_prefix(1);
    if (scheme != "basic")
        return std::nullopt;
    const auto decoded = decodeBase64(token);
    if (!decoded)
        return std::nullopt;
    const size_t colon = decoded->find(':');
    if (colon == std::string::npos)
        return std::nullopt;
    return std::make_pair(decoded->substr(0, colon), decoded->substr(colon + 1));
}

bool BasicAuth::allows(const HttpRequest& request) const
{
    if (!required())
        return true;
    const auto given = credentials(request.header("authorization"));
    // checkPlain compares keyed digests in constant time, as the SASL/PLAIN login does.
    return given && m_users->checkPlain(given->first, given->second);
}

HttpResponse BasicAuth::challenge()
{
    HttpResponse response;
    response.status = 401;
    response.headers.emplace_back("WWW-Authenticate", "Basic realm=\"samsa-broker\"");
    Json body = Json::object();
    body.set("error_code", 401);
    body.set("message", "Unauthorized");
    response.body = body.dump();
    return response;
}

} // namespace samsa::broker::registry
