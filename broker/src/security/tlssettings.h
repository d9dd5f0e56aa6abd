#pragma once

// The ssl.* settings of TLS listeners (Kafka's names), free of asio so that server.h and main
// can carry them.

#include <string>

namespace samsa::broker::security {

struct TlsSettings {
    std::string certificateLocation; // PEM: the server certificate, then its chain
    std::string keyLocation; // PEM: its private key, unencrypted
    std::string caLocation; // PEM: CAs for client certificates (empty: none trusted)
    std::string clientAuth = "none"; // none, requested, required
};

} // namespace samsa::broker::security
