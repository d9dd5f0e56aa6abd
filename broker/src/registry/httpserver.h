#pragma once

// A small HTTP/1.1 server on standalone asio for the schema registry: one thread, keep-alive,
// Content-Length and chunked request bodies, limits on head and body size, and a 400 (or 413,
// 431...) answer followed by closing the connection for anything it cannot parse.

#include "registry/httprequest.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace samsa::broker::registry {

struct HttpServerOptions {
    std::string host = "127.0.0.1";
    uint16_t port = 8081;
    size_t maxHeaderBytes = 64 * 1024;
    size_t maxBodyBytes = 16 * 1024 * 1024;
    std::chrono::milliseconds idleTimeout { 5 * 60 * 1000 };
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

class HttpServer {
public:
    explicit HttpServer(HttpServerOptions options);
    ~HttpServer(); // calls stop()
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds and listens; false with a readable reason (e.g. the port is in use).
    bool listen(std::string* error);
    uint16_t boundPort() const;
    // Serves requests with `handler` on a thread of its own, until stop().
    void start(HttpHandler handler);
    // Closes the listener and every connection and joins the thread. Idempotent.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace samsa::broker::registry
