#pragma once

#include "security/tlssettings.h"
#include "server/listenerspec.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace samsa::broker::api {
class Dispatcher;
}

namespace samsa::broker::server {

struct ServerOptions {
    // Each with its security protocol; an empty advertisedHost means the listen host (127.0.0.1
    // for a wildcard) with the bound port.
    std::vector<ResolvedListener> listeners { ResolvedListener { SecurityProtocol::Plaintext, "127.0.0.1", 9092, {}, 0 } };
    security::TlsSettings tls; // for SSL and SASL_SSL listeners
    int threads = 4;
    int32_t maxRequestBytes = 104857600;
};

// The TCP side of the broker: an asio acceptor per listener and a small fixed pool of threads
// serving all connections. Requests go to the Dispatcher; asio stays inside this folder's .cpp files.
class Server {
public:
    explicit Server(ServerOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Loads the TLS certificate and key when a listener needs them, binds and listens; on failure
    // returns false with a readable reason.
    bool listen(std::string* error);
    // The listeners as bound: actual ports (not 0) and advertised endpoints filled in.
    const std::vector<ResolvedListener>& listeners() const;
    // The first listener's bound port.
    uint16_t boundPort() const;
    // Serves requests with the dispatcher until SIGTERM or SIGINT, then stops accepting, lets
    // connections finish the requests they are serving (a few seconds at most) and returns.
    void runUntilSignalled(api::Dispatcher& dispatcher);
    // Asks runUntilSignalled to return as if signalled (for tests embedding the server).
    void requestStop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace samsa::broker::server
