#include "server.h"

#include "api/dispatcher.h"
#include "common/log.h"
#include "connection.h"
#include "security/tlscontext.h"
#include "server/tcplistener.h"
#include "server/transport.h"
#include "storage/brokerconfig.h"

#include <asio.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <functional>
#include <pthread.h>
#include <thread>

namespace samsa::broker::server {

namespace {
// After an accept error (out of descriptors, above all) wait before trying again: the pending
// connection keeps the listener readable, so retrying at once would spin a thread at 100 % CPU.
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(100);
} // namespace

// One listener: its acceptor, what its connections are told, and its own accept-failure incident.
struct ListenerState {
    ListenerState(asio::io_context& io, ResolvedListener l)
        : listener(std::move(l))
        , acceptor(io)
        , acceptRetry(io)
    {
    }
    ResolvedListener listener; // bound port and advertised endpoint filled in by listen()
    ListenerContext context;
    asio::ip::tcp::acceptor acceptor;
    asio::steady_timer acceptRetry;
    uint64_t failedAccepts = 0; // in the current incident of failing accepts
};

struct Server::Impl {
    explicit Impl(ServerOptions o)
        : options(std::move(o))
    {
    }

    // One accept is outstanding per listener at a time, so its handler runs alone and owns that
    // listener's incident counter.
    void accept(ListenerState& state)
    {
        state.acceptor.async_accept(
            asio::make_strand(io), [this, &state](const asio::error_code& ec, asio::ip::tcp::socket socket) {
                if (ec) {
                    if (ec == asio::error::operation_aborted || !state.acceptor.is_open())
                        return;
                    acceptFailed(state, ec);
                    return;
                }
                if (state.failedAccepts > 0) {
                    log(LogLevel::Info, "accepting connections again after %llu failed accepts",
                        static_cast<unsigned long long>(state.failedAccepts));
                    state.failedAccepts = 0;
                }
                serve(state, std::move(socket));
                accept(state);
            });
    }

    void acceptFailed(ListenerState& state, const asio::error_code& ec)
    {
        // Logged once per incident: a descriptor shortage fails every retry until a connection closes.
        if (state.failedAccepts++ == 0)
            log(LogLevel::Warning, "accept failed: %s; retrying every %lld ms", ec.message().c_str(),
                static_cast<long long>(kAcceptRetryDelay.count()));
        state.acceptRetry.expires_after(kAcceptRetryDelay);
        state.acceptRetry.async_wait([this, &state](const asio::error_code& waited) {
            if (!waited && state.acceptor.is_open())
                accept(state);
        });
    }

    void serve(ListenerState& state, asio::ip::tcp::socket socket)
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
        if (const uint64_t refused = refusedConnections.exchange(0); refused > 0)
            log(LogLevel::Info, "below max.connections again after closing %llu new connections",
                static_cast<unsigned long long>(refused));
        std::shared_ptr<Transport> transport;
        if (usesTls(state.listener.protocol))
            transport = std::make_shared<TlsTransport>(std::move(socket), tls);
        else
            transport = std::make_shared<PlainTransport>(std::move(socket));
        auto connection = std::make_shared<Connection>(
            std::move(transport), state.context, *dispatcher, options.maxRequestBytes, registry);
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
    std::shared_ptr<asio::ssl::context> tls; // loaded when a listener uses TLS
    std::vector<std::unique_ptr<ListenerState>> listeners;
    std::vector<ResolvedListener> bound;
    // In the current incident of max.connections reached; accepts of several listeners may race.
    std::atomic<uint64_t> refusedConnections { 0 };
    ConnectionRegistry registry;

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
    Impl& impl = *m_impl;
    for (const auto& listener : impl.options.listeners) {
        if (usesTls(listener.protocol) && !impl.tls) {
            impl.tls = security::makeServerTlsContext(impl.options.tls, error);
            if (!impl.tls)
                return false;
        }
        auto state = std::make_unique<ListenerState>(impl.io, listener);
        ListenFailure failure;
        uint16_t port = 0;
        if (!listenOn(impl.io, state->acceptor, listener.host, listener.port, &port, &failure)) {
            const std::string name = securityProtocolName(listener.protocol);
            *error = failure.resolving
                ? "cannot resolve listen host " + listener.host + " (" + name + "): " + failure.reason
                : "cannot listen on " + formatEndpoint(listener.protocol, listener.host, listener.port) + ": "
                    + failure.reason;
            return false;
        }
        ResolvedListener& bound = state->listener;
        bound.port = port;
        if (bound.advertisedHost.empty()) {
            bound.advertisedHost = bound.host == "0.0.0.0" || bound.host == "::" ? "127.0.0.1" : bound.host;
            bound.advertisedPort = port;
        }
        state->context = ListenerContext { securityProtocolName(bound.protocol), usesSasl(bound.protocol),
            bound.advertisedHost, bound.advertisedPort };
        impl.bound.push_back(bound);
        impl.listeners.push_back(std::move(state));
    }
    return true;
}

const std::vector<ResolvedListener>& Server::listeners() const
{
    return m_impl->bound;
}

uint16_t Server::boundPort() const
{
    return m_impl->bound.empty() ? 0 : m_impl->bound.front().port;
}

void Server::requestStop()
{
    m_impl->stop();
}

void Server::runUntilSignalled(api::Dispatcher& dispatcher)
{
    Impl& impl = *m_impl;
    impl.dispatcher = &dispatcher;
    // SIGHUP re-reads what can change while running (the SASL users file) and waits again.
    asio::signal_set signals(impl.io, SIGINT, SIGTERM, SIGHUP);
    std::function<void(const asio::error_code&, int)> onSignal
        = [&impl, &signals, &dispatcher, &onSignal](const asio::error_code& ec, int signal) {
              if (ec)
                  return;
              if (signal != SIGHUP) {
                  impl.stop();
                  return;
              }
              dispatcher.reload();
              signals.async_wait(onSignal);
          };
    signals.async_wait(onSignal);
    for (auto& listener : impl.listeners)
        impl.accept(*listener);

    auto guard = asio::make_work_guard(impl.io);
    std::vector<std::thread> threads;
    for (int i = 0; i < std::max(1, impl.options.threads); ++i)
        threads.emplace_back([&impl] { impl.io.run(); });
    // main() blocks SIGTERM, SIGINT and SIGHUP until the signal_set is in place; the pool threads
    // keep them blocked, so they arrive here and reach asio's handler.
    sigset_t signalsToUnblock;
    sigemptyset(&signalsToUnblock);
    sigaddset(&signalsToUnblock, SIGTERM);
    sigaddset(&signalsToUnblock, SIGINT);
    sigaddset(&signalsToUnblock, SIGHUP);
    pthread_sigmask(SIG_UNBLOCK, &signalsToUnblock, nullptr);

    {
        std::unique_lock lock(impl.mutex);
        impl.cv.wait(lock, [&impl] { return impl.stopRequested; });
    }
    log(LogLevel::Info, "stopping: no longer accepting connections");
    asio::post(impl.io, [&impl, &signals] {
        asio::error_code ec;
        for (auto& listener : impl.listeners) {
            listener->acceptor.close(ec);
            listener->acceptRetry.cancel();
        }
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
