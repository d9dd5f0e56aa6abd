#include "registry/basicauth.h"

#include "avroschema/json.h"

namespace samsa::broker::registry {

namespace {

int base64Value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

// Strict base64 (RFC 4648, padded), as RFC 7617 asks of clients.
std::optional<std::string> decodeBase64(std::string_view text)
{
    if (text.empty() || text.size() % 4 != 0)
        return std::nullopt;
    size_t padding = 0;
    while (padding < 2 && text[text.size() - 1 - padding] == '=')
        ++padding;
    std::string out;
    uint32_t bits = 0;
    int count = 0;
    for (size_t i = 0; i < text.size() - padding; ++i) {
        const int value = base64Value(text[i]);
        if (value < 0)
            return std::nullopt;
        bits = (bits << 6) | uint32_t(value);
        if (++count == 4) {
            out += static_cast<char>((bits >> 16) & 0xff);
            out += static_cast<char>((bits >> 8) & 0xff);
            out += static_cast<char>(bits & 0xff);
            bits = 0;
            count = 0;
        }
    }
    if (count == 3) {
        out += static_cast<char>((bits >> 10) & 0xff);
        out += static_cast<char>((bits >> 2) & 0xff);
    } else if (count == 2) {
        out += static_cast<char>((bits >> 4) & 0xff);
    } else if (count != 0) {
        return std::nullopt;
    }
    return out;
}

// Equality whose time depends only on the length of `given`, never on where the two differ, so
// that answer times tell nothing about a password.
bool equalInConstantTime(std::string_view given, std::string_view expected)
{
    unsigned char difference = given.size() == expected.size() ? 0 : 1;
    for (size_t i = 0; i < given.size(); ++i) {
        const char other = expected.empty() ? '\0' : expected[i % expected.size()];
        difference |= static_cast<unsigned char>(given[i] ^ other);
    }
    return difference == 0;
}

} // namespace

BasicAuth::BasicAuth(std::map<std::string, std::string> users)
    : m_users(std::move(users))
{
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
    if (m_users.empty())
        return true;
    const auto given = credentials(request.header("authorization"));
    if (!given)
        return false;
    // Every user is compared, so the time does not tell which user names exist either.
    bool allowed = false;
    for (const auto& [user, password] : m_users) {
        const bool userMatches = equalInConstantTime(given->first, user);
        const bool passwordMatches = equalInConstantTime(given->second, password);
        allowed |= userMatches & passwordMatches;
    }
    return allowed;
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
