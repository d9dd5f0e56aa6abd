#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace samsa::broker::api {
class Dispatcher;
}

namespace samsa::broker::server {

struct ServerOptions {
    std::string listenHost = "127.0.0.1";
    uint16_t listenPort = 9092;
    int threads = 4;
    int32_t maxRequestBytes = 104857600;
};

// The TCP side of the broker: an asio acceptor and a small fixed pool of threads serving all
// connections. Requests go to the Dispatcher; asio stays inside this folder's .cpp files.
class Server {
public:
    explicit Server(ServerOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds and listens; on failure returns false with a readable reason.
    bool listen(std::string* error);
    // The port actually bound (differs from the requested one when that was 0).
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
