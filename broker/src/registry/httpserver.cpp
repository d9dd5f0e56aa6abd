#include "registry/httpserver.h"

#include "registry/httprequestparser.h"

#include "avroschema/json.h"
#include "common/log.h"
#include "server/tcplistener.h"

#include <asio.hpp>

#include <array>
#include <chrono>
#include <exception>
#include <thread>

namespace samsa::broker::registry {

namespace {

constexpr size_t ReadChunk = 16 * 1024;
// After an accept error (e.g. out of file descriptors) wait before trying again, not spin.
constexpr auto AcceptRetryDelay = std::chrono::milliseconds(100);

HttpResponse errorResponse(int status, const std::string& message)
{
    HttpResponse response;
    response.status = status;
    response.body = Json(Json::Object { { "error_code", status }, { "message", message } }).dump();
    return response;
}

class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
public:
    HttpConnection(asio::ip::tcp::socket socket, const HttpServerOptions& options, const HttpHandler& handler)
        : m_idleTimeout(options.idleTimeout)
        , m_idle(socket.get_executor())
        , m_delay(socket.get_executor())
        , m_socket(std::move(socket))
        , m_parser(options.maxHeaderBytes, options.maxBodyBytes)
        , m_handler(handler)
    {
    }

    void start() { readMore(); }

private:
    void readMore()
    {
        armIdleTimer();
        auto self = shared_from_this();
        m_socket.async_read_some(asio::buffer(m_chunk), [this, self](const asio::error_code& ec, size_t n) {
            if (ec)
                return close();
            m_pending = std::string_view(m_chunk.data(), n);
            processPending();
        });
    }

    // Feeds what was read to the parser, which keeps what it needs: bytes are looked at once,
    // whatever the size of the reads. After a request, the rest of the read (a pipelined
    // request) waits in m_pending until the answer is written.
    void processPending()
    {
        size_t used = 0;
        const auto state = m_parser.feed(m_pending, &used);
        m_pending.remove_prefix(used);
        switch (state) {
        case HttpRequestParser::State::NeedMore:
            if (m_parser.headComplete() && m_parser.request().expectsContinue() && !m_sentContinue) {
                m_sentContinue = true;
                write(std::make_shared<std::string>("HTTP/1.1 100 Continue\r\n\r\n"), false, false);
                return;
            }
            readMore();
            return;
        case HttpRequestParser::State::Error: {
            const int status = m_parser.errorStatus();
            respondAndClose(errorResponse(status, status == 400 ? "malformed HTTP request" : reasonPhrase(status)));
            return;
        }
        case HttpRequestParser::State::Complete:
            break;
        }
        const HttpRequest request = m_parser.takeRequest();
        m_sentContinue = false;
        HttpResponse response;
        try {
            response = m_handler(request);
        } catch (const std::exception& e) {
            log(LogLevel::Error, "schema registry: %s %s failed: %s", request.method.c_str(), request.path.c_str(),
                e.what());
            response = errorResponse(500, "internal error");
        }
        const bool keepAlive = request.keepAlive();
        auto data = std::make_shared<std::string>(serializeResponse(response, keepAlive, request.method == "HEAD"));
        if (response.delay.count() <= 0)
            return write(std::move(data), true, !keepAlive);
        m_delay.expires_after(response.delay);
        auto self = shared_from_this();
        m_delay.async_wait([this, self, data, keepAlive](const asio::error_code& ec) {
            if (ec)
                return close();
            write(data, true, !keepAlive);
        });
    }

    void respondAndClose(const HttpResponse& response)
    {
        write(std::make_shared<std::string>(serializeResponse(response, false, false)), false, true);
    }

    // After the write: close, or go on with the buffer (next pipelined request or more reading).
    void write(std::shared_ptr<std::string> data, bool continueAfter, bool closeAfter)
    {
        auto self = shared_from_this();
        asio::async_write(m_socket, asio::buffer(*data),
            [this, self, data, closeAfter, continueAfter](const asio::error_code& ec, size_t) {
                if (ec || closeAfter)
                    return close();
                if (continueAfter)
                    processPending();
                else
                    readMore();
            });
    }

    // A connection that sends nothing for idleTimeout is closed, so idle clients cannot pile up.
    void armIdleTimer()
    {
        m_idle.expires_after(m_idleTimeout);
        std::weak_ptr<HttpConnection> weak = shared_from_this();
        m_idle.async_wait([weak](const asio::error_code& ec) {
            if (ec)
                return; // re-armed or cancelled
            if (auto self = weak.lock())
                self->close();
        });
    }

    void close()
    {
        m_idle.cancel();
        m_delay.cancel();
        asio::error_code ignored;
        m_socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
        m_socket.close(ignored);
    }

    std::chrono::milliseconds m_idleTimeout;
    asio::steady_timer m_idle;
    asio::steady_timer m_delay; // holds back a delayed answer
    asio::ip::tcp::socket m_socket;
    HttpRequestParser m_parser;
    const HttpHandler& m_handler;
    std::array<char, ReadChunk> m_chunk {};
    std::string_view m_pending; // read, not yet taken by the parser (inside m_chunk)
    bool m_sentContinue = false;
};

} // namespace

struct HttpServer::Impl {
    explicit Impl(HttpServerOptions o)
        : options(std::move(o))
        , acceptor(io)
        , retry(io)
    {
    }

    void accept()
    {
        acceptor.async_accept([this](const asio::error_code& ec, asio::ip::tcp::socket socket) {
            if (ec) {
                if (ec == asio::error::operation_aborted || !acceptor.is_open())
                    return;
                log(LogLevel::Warning, "schema registry: accept failed: %s", ec.message().c_str());
                retry.expires_after(AcceptRetryDelay);
                retry.async_wait([this](const asio::error_code& waited) {
                    if (!waited)
                        accept();
                });
                return;
            } else {
                std::make_shared<HttpConnection>(std::move(socket), options, handler)->start();
            }
            accept();
        });
    }

    HttpServerOptions options;
    HttpHandler handler;
    asio::io_context io;
    asio::ip::tcp::acceptor acceptor;
    asio::steady_timer retry;
    std::thread thread;
    uint16_t port = 0;
};

HttpServer::HttpServer(HttpServerOptions options)
    : m_impl(std::make_unique<Impl>(std::move(options)))
{
}

HttpServer::~HttpServer()
{
    stop();
}

bool HttpServer::listen(std::string* error)
{
    const auto& options = m_impl->options;
    server::ListenFailure failure;
    if (server::listenOn(m_impl->io, m_impl->acceptor, options.host, options.port, &m_impl->port, &failure))
        return true;
    *error = failure.resolving
        ? "cannot resolve schema registry host " + options.host + ": " + failure.reason
        : "cannot listen for the schema registry on " + options.host + ":" + std::to_string(options.port) + ": "
            + failure.reason;
    return false;
}

uint16_t HttpServer::boundPort() const
{
    return m_impl->port;
}

void HttpServer::start(HttpHandler handler)
{
    m_impl->handler = std::move(handler);
    m_impl->accept();
    m_impl->thread = std::thread([this] { m_impl->io.run(); });
}

void HttpServer::stop()
{
    if (!m_impl->thread.joinable())
        return;
    asio::post(m_impl->io, [this] {
        asio::error_code ignored;
        m_impl->acceptor.close(ignored);
    });
    m_impl->io.stop();
    m_impl->thread.join();
}

} // namespace samsa::broker::registry
