#include "server/listenerspec.h"

#include "server/commandline.h"

#include <array>
#include <utility>

namespace samsa::broker::server {

namespace {

constexpr std::array<std::pair<SecurityProtocol, const char*>, 4> kNames { {
    { SecurityProtocol::Plaintext, "PLAINTEXT" },
    { SecurityProtocol::Ssl, "SSL" },
    { SecurityProtocol::SaslPlaintext, "SASL_PLAINTEXT" },
    { SecurityProtocol::SaslSsl, "SASL_SSL" },
} };

std::string trimmed(const std::string& text)
{
    const size_t begin = text.find_first_not_of(" \t");
    if (begin == std::string::npos)
        return {};
    const size_t end = text.find_last_not_of(" \t");
    return text.substr(begin, end - begin + 1);
}

} // namespace

std::optional<SecurityProtocol> parseSecurityProtocol(std::string_view name)
{
    for (const auto& [protocol, text] : kNames) {
        if (name == text)
            return protocol;
    }
    return std::nullopt;
}

const char* securityProtocolName(SecurityProtocol protocol)
{
    for (const auto& [p, text] : kNames) {
        if (p == protocol)
            return text;
    }
    return "PLAINTEXT";
}

bool parseListenerList(const std::string& text, bool allowPortZero, std::vector<ListenerSpec>* out, std::string* error)
{
    std::vector<ListenerSpec> result;
    size_t start = 0;
    while (true) {
        const size_t comma = text.find(',', start);
        const std::string entry
            = trimmed(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (entry.empty()) {
            *error = "empty listener entry in '" + text + "'";
            return false;
        }
        ListenerSpec spec;
        std::string address = entry;
        const size_t scheme = entry.find("://");
        if (scheme != std::string::npos) {
            const std::string name = entry.substr(0, scheme);
            spec.protocol = parseSecurityProtocol(name);
            if (!spec.protocol) {
                *error
                    = "unknown security protocol '" + name + "' (expected PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL)";
                return false;
            }
            address = entry.substr(scheme + 3);
        }
        if (!splitHostPort(address, &spec.host, &spec.port)) {
            *error = "expected [PROTOCOL://]HOST:PORT, got '" + entry + "'";
            return false;
        }
        if (spec.port == 0 && !allowPortZero) {
            *error = "port 0 cannot be advertised: '" + entry + "'";
            return false;
        }
        result.push_back(std::move(spec));
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    *out = std::move(result);
    return true;
}

bool resolveListeners(const std::vector<ListenerSpec>& listeners, const std::vector<ListenerSpec>& advertised,
    bool saslEnabled, std::vector<ResolvedListener>* out, std::string* error)
{
    const SecurityProtocol bare = saslEnabled ? SecurityProtocol::SaslPlaintext : SecurityProtocol::Plaintext;
    std::vector<ResolvedListener> result;
    for (const auto& spec : listeners) {
        const SecurityProtocol protocol = spec.protocol.value_or(bare);
        for (const auto& other : result) {
            if (other.protocol == protocol) {
                *error = std::string("two listeners with security protocol ") + securityProtocolName(protocol)
                    + ": listeners are named by their protocol, so each protocol may appear once";
                return false;
            }
        }
        if (usesSasl(protocol) && !saslEnabled) {
            *error = std::string("a ") + securityProtocolName(protocol)
                + " listener needs SASL mechanisms (--set sasl.enabled.mechanisms=PLAIN)";
            return false;
        }
        result.push_back({ protocol, spec.host, spec.port, {}, 0 });
    }
    std::vector<SecurityProtocol> seen;
    for (const auto& spec : advertised) {
        const SecurityProtocol protocol = spec.protocol.value_or(bare);
        const char* name = securityProtocolName(protocol);
        for (SecurityProtocol p : seen) {
            if (p == protocol) {
                *error = std::string("two advertised listeners with security protocol ") + name;
                return false;
            }
        }
        seen.push_back(protocol);
        ResolvedListener* match = nullptr;
        for (auto& listener : result) {
            if (listener.protocol == protocol)
                match = &listener;
        }
        if (!match) {
            *error = std::string("advertised listener ") + name + "://" + spec.host + ":" + std::to_string(spec.port)
                + " has no listener with security protocol " + name;
            return false;
        }
        match->advertisedHost = spec.host;
        match->advertisedPort = spec.port;
    }
    *out = std::move(result);
    return true;
}

std::string formatEndpoint(SecurityProtocol protocol, const std::string& host, uint16_t port)
{
    const bool ipv6 = host.find(':') != std::string::npos;
    return std::string(securityProtocolName(protocol)) + "://" + (ipv6 ? "[" + host + "]" : host) + ":"
        + std::to_string(port);
}

bool isLoopbackHost(const std::string& host)
{
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

} // namespace samsa::broker::server
