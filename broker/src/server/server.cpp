#include "server.h"

#include "api/dispatcher.h"
#include "common/log.h"
#include "connection.h"
#include "server/tcplistener.h"
#include "storage/brokerconfig.h"

#include <asio.hpp>

#include <chrono>
#include <condition_variable>
#include <csignal>
#include <pthread.h>
#include <thread>

namespace samsa::broker::server {

namespace {
// After an accept error (out of descriptors, above all) wait before trying again: the pending
// connection keeps the listener readable, so retrying at once would spin a thread at 100 % CPU.
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(100);
} // namespace

struct Server::Impl {
    explicit Impl(ServerOptions o)
        : options(std::move(o))
        , acceptor(io)
        , acceptRetry(io)
    {
    }

    // One accept is outstanding at a time, so the handler runs alone and owns the incident counters.
    void accept()
    {
        acceptor.async_accept(asio::make_strand(io), [this](const asio::error_code& ec, asio::ip::tcp::socket socket) {
            if (ec) {
                if (ec == asio::error::operation_aborted || !acceptor.is_open())
                    return;
                acceptFailed(ec);
                return;
            }
            if (failedAccepts > 0) {
                log(LogLevel::Info, "accepting connections again after %llu failed accepts",
                    static_cast<unsigned long long>(failedAccepts));
                failedAccepts = 0;
            }
            serve(std::move(socket));
            accept();
        });
    }

    void acceptFailed(const asio::error_code& ec)
    {
        // Logged once per incident: a descriptor shortage fails every retry until a connection closes.
        if (failedAccepts++ == 0)
            log(LogLevel::Warning, "accept failed: %s; retrying every %lld ms", ec.message().c_str(),
                static_cast<long long>(kAcceptRetryDelay.count()));
        acceptRetry.expires_after(kAcceptRetryDelay);
        acceptRetry.async_wait([this](const asio::error_code& waited) {
            if (!waited && acceptor.is_open())
                accept();
        });
    }

    void serve(asio::ip::tcp::socket socket)
    {
        // max.connections: the newest connection beyond the cap is closed at once (the client sees
        // the close and retries with its backoff) rather than left unserved in the backlog.
        const auto cap = static_cast<size_t>(std::max(0, dispatcher->broker().config.maxConnections));
        if (registry.count() >= cap) {
            if (refusedConnections++ == 0)
                log(LogLevel::Warning, "max.connections (%zu) reached: closing new connections until some close",
                    cap);
            asio::error_code ignored;
            socket.close(ignored);
            return;
        }
        if (refusedConnections > 0) {
            log(LogLevel::Info, "below max.connections again after closing %llu new connections",
                static_cast<unsigned long long>(refusedConnections));
            refusedConnections = 0;
        }
        auto connection
            = std::make_shared<Connection>(std::move(socket), *dispatcher, options.maxRequestBytes, registry);
        registry.add(connection);
        connection->start();
    }

    void stop()
    {
        std::lock_guard lock(mutex);
        stopRequested = true;
        cv.notify_all();
    }

    ServerOptions options;
    api::Dispatcher* dispatcher = nullptr;
    asio::io_context io;
    asio::ip::tcp::acceptor acceptor;
    asio::steady_timer acceptRetry;
    uint64_t failedAccepts = 0; // in the current incident of failing accepts
    uint64_t refusedConnections = 0; // in the current incident of max.connections reached
    ConnectionRegistry registry;
    uint16_t port = 0;

    std::mutex mutex;
    std::condition_variable cv;
    bool stopRequested = false;
};

Server::Server(ServerOptions options)
    : m_impl(std::make_unique<Impl>(std::move(options)))
{
}

Server::~Server() = default;

bool Server::listen(std::string* error)
{
    const auto& options = m_impl->options;
    ListenFailure failure;
    if (listenOn(m_impl->io, m_impl->acceptor, options.listenHost, options.listenPort, &m_impl->port, &failure))
        return true;
    *error = failure.resolving
        ? "cannot resolve listen host " + options.listenHost + ": " + failure.reason
        : "cannot listen on " + options.listenHost + ":" + std::to_string(options.listenPort) + ": " + failure.reason;
    return false;
}

uint16_t Server::boundPort() const
{
    return m_impl->port;
}

void Server::requestStop()
{
    m_impl->stop();
}

void Server::runUntilSignalled(api::Dispatcher& dispatcher)
{
    Impl& impl = *m_impl;
    impl.dispatcher = &dispatcher;
    asio::signal_set signals(impl.io, SIGINT, SIGTERM);
    signals.async_wait([&impl](const asio::error_code& ec, int) {
        if (!ec)
            impl.stop();
    });
    impl.accept();

    auto guard = asio::make_work_guard(impl.io);
    std::vector<std::thread> threads;
    for (int i = 0; i < std::max(1, impl.options.threads); ++i)
        threads.emplace_back([&impl] { impl.io.run(); });
    // main() blocks SIGTERM and SIGINT until the signal_set is in place; the pool threads keep
    // them blocked, so they arrive here and reach asio's handler.
    sigset_t signalsToUnblock;
    sigemptyset(&signalsToUnblock);
    sigaddset(&signalsToUnblock, SIGTERM);
    sigaddset(&signalsToUnblock, SIGINT);
    pthread_sigmask(SIG_UNBLOCK, &signalsToUnblock, nullptr);

    {
        std::unique_lock lock(impl.mutex);
        impl.cv.wait(lock, [&impl] { return impl.stopRequested; });
    }
    log(LogLevel::Info, "stopping: no longer accepting connections");
    asio::post(impl.io, [&impl, &signals] {
        asio::error_code ec;
        impl.acceptor.close(ec);
        impl.acceptRetry.cancel();
        signals.cancel(ec);
    });
    // Requests waiting in the group coordinator are answered first, so connections can close.
    dispatcher.beginShutdown();
    impl.registry.shutdownAll();
    // Connections close once their current request is answered; give them a few seconds.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (impl.registry.count() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    guard.reset();
    impl.io.stop();
    for (auto& t : threads)
        t.join();
}

} // namespace samsa::broker::server
