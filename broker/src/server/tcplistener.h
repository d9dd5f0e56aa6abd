#pragma once

// Opens a listening TCP acceptor on HOST:PORT (a literal address or a name to resolve), for the
// Kafka listener and the schema registry alike.

#include <asio.hpp>

#include <cstdint>
#include <string>

namespace samsa::broker::server {

struct ListenFailure {
    bool resolving = false; // the host name did not resolve (else: open, bind or listen failed)
    std::string reason;
};

// Binds and listens. On success returns true with *boundPort the port actually bound (differs from
// `port` when that was 0); on failure false with *failure set and the acceptor closed.
bool listenOn(asio::io_context& io, asio::ip::tcp::acceptor& acceptor, const std::string& host, uint16_t port,
    uint16_t* boundPort, ListenFailure* failure);

} // namespace samsa::broker::server
