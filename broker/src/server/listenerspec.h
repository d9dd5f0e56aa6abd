#pragma once

// --listen and --advertised-listener, Kafka style: comma-separated entries PROTOCOL://HOST:PORT
// (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL) or a bare HOST:PORT, whose protocol is decided once
// all options are read (PLAINTEXT, or SASL_PLAINTEXT when sasl.enabled.mechanisms is set).
// Kafka matches advertised listeners to listeners by listener name; we name each listener by its
// security protocol, so there is at most one listener per protocol.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samsa::broker::server {

enum class SecurityProtocol { Plaintext, Ssl, SaslPlaintext, SaslSsl };

std::optional<SecurityProtocol> parseSecurityProtocol(std::string_view name);
const char* securityProtocolName(SecurityProtocol protocol);
inline bool usesTls(SecurityProtocol p)
{
    return p == SecurityProtocol::Ssl || p == SecurityProtocol::SaslSsl;
}
inline bool usesSasl(SecurityProtocol p)
{
    return p == SecurityProtocol::SaslPlaintext || p == SecurityProtocol::SaslSsl;
}

struct ListenerSpec {
    std::optional<SecurityProtocol> protocol; // nullopt: a bare HOST:PORT, resolved later
    std::string host;
    uint16_t port = 0;
};

// Parses one option's value. Port 0 is accepted only when allowPortZero (listeners, not
// advertised ones). On failure returns false with one readable line in *error.
bool parseListenerList(const std::string& text, bool allowPortZero, std::vector<ListenerSpec>* out, std::string* error);

// A listener ready to bind: its protocol decided and the endpoint it advertises (empty host: the
// listen host, or 127.0.0.1 for a wildcard, with the bound port).
struct ResolvedListener {
    SecurityProtocol protocol = SecurityProtocol::Plaintext;
    std::string host;
    uint16_t port = 0;
    std::string advertisedHost;
    uint16_t advertisedPort = 0;
};

// Decides bare entries' protocols (saslEnabled: sasl.enabled.mechanisms is set), refuses two
// listeners of one protocol, SASL listeners without mechanisms and advertised entries without a
// listener of their protocol, and pairs each listener with its advertised endpoint.
bool resolveListeners(const std::vector<ListenerSpec>& listeners, const std::vector<ListenerSpec>& advertised,
    bool saslEnabled, std::vector<ResolvedListener>* out, std::string* error);

// "PROTOCOL://HOST:PORT,..." (IPv6 hosts in brackets), for describe() and log lines.
std::string formatEndpoint(SecurityProtocol protocol, const std::string& host, uint16_t port);

// True for 127.0.0.0/8, ::1 and "localhost": where an unauthenticated listener is no exposure.
bool isLoopbackHost(const std::string& host);

} // namespace samsa::broker::server
