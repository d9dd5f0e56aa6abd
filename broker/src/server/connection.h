#pragma once

// Internal to the server folder: includes asio, so only server.cpp and connection.cpp see it.

#include "api/connectioncontext.h"
#include "api/dispatcher.h"
#include "server/transport.h"

#include <asio.hpp>

#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace samsa::broker::server {

// An allocator whose resize() leaves new bytes uninitialised: a receive buffer is written by
// read() before it is read, so zero-filling it first only costs a pass over memory (and its page
// faults) per growth.
template<typename T>
struct DefaultInitAllocator : std::allocator<T> {
    template<typename U>
    struct rebind {
        using other = DefaultInitAllocator<U>;
    };
    using std::allocator<T>::allocator;
    template<typename U>
    void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>)
    {
        ::new (static_cast<void*>(p)) U;
    }
    template<typename U, typename... Args>
    void construct(U* p, Args&&... args)
    {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
};


class ConnectionRegistry;

// What a connection takes from the listener it arrived on.
struct ListenerContext {
    std::string name;            // the security protocol's name: PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL
    bool saslRequired = false;   // SASL_PLAINTEXT and SASL_SSL
    std::string advertisedHost;  // what Metadata and DescribeCluster answer on this listener
    int32_t advertisedPort = 0;
};

// One client connection. Requests are read, handled and answered one after another (as Kafka
// does: the connection is muted while a request is in progress), so pipelined requests are
// answered in order. Writes are non-blocking; file regions go out with sendfile().
// Limits from the broker config: socket.request.max.bytes per frame (sasl.server.max.receive.size
// before a SASL login), connections.max.idle.ms, connection.failed.authentication.delay.ms.
class Connection : public std::enable_shared_from_this<Connection>, public api::ConnectionContext {
public:
    Connection(std::shared_ptr<Transport> transport, const ListenerContext& listener, api::Dispatcher& dispatcher,
        int32_t maxRequestBytes, ConnectionRegistry& registry);
    ~Connection() override;

    void start();
    // Called (from any thread) when the broker stops: finish the current request, then close.
    void beginShutdown();

    const std::string& peer() const override { return m_peer; }
    void park(int waitMs, std::function<void(bool timedOut)> retry) override;
    bool stopping() const override { return m_stopping.load(); }
    void post(std::function<void()> task) override;

private:
    struct OutFrame {
        protocol::ByteWriter data;
        size_t memSent = 0;
        size_t splice = 0;
        int64_t regionSent = 0;
    };

    void onStarted(const asio::error_code& ec);
    void readMore();
    void processFrames();
    // The largest frame this connection accepts now: smaller before a required SASL login.
    int32_t frameLimit() const;
    // Reads the rest of a large frame into the previous frame's memory; false when it cannot.
    bool readRestOfFrameDirectly(size_t size);
    void dispatchFrame(std::shared_ptr<std::vector<uint8_t>> frame);
    // Frees what this connection keeps between requests (the grown receive buffer, the last frame)
    // when it is too large or all connections together keep more than their budget.
    void keepBuffersWithinBudget();
    void onResponse(api::Response response);
    void deliver(api::Response response);
    void armIdleTimer(std::chrono::steady_clock::time_point due);
    void checkIdle();
    void enqueue(protocol::ByteWriter frame);
    void flushOut();
    void wake(uint64_t parkId, bool timedOut);
    void close(const char* reason);
    bool idle() const { return !m_processing && m_out.empty(); }

    std::shared_ptr<Transport> m_transport; // plain TCP or TLS; everything below runs on its strand
    asio::steady_timer m_parkTimer;
    asio::steady_timer m_idleTimer;
    asio::steady_timer m_authFailureTimer;
    api::Dispatcher& m_dispatcher;
    ConnectionRegistry& m_registry;
    int32_t m_maxRequestBytes;
    int32_t m_unauthenticatedMaxBytes; // INT32_MAX when SASL is off
    std::chrono::milliseconds m_maxIdle; // zero: never closed for idleness
    std::chrono::milliseconds m_authFailureDelay;
    std::chrono::steady_clock::time_point m_lastActive;
    std::string m_peer;

    // Grown without zero-filling (the bytes are written by the socket before anyone reads them).
    std::vector<uint8_t, DefaultInitAllocator<uint8_t>> m_in;
    std::shared_ptr<std::vector<uint8_t>> m_spareFrame; // the last frame, reused when nobody holds it
    size_t m_keptBytes = 0; // this connection's share of what all connections keep between requests
    size_t m_inLen = 0;
    bool m_reading = false;
    bool m_processing = false;
    bool m_closed = false;
    std::atomic<bool> m_stopping { false };

    std::deque<OutFrame> m_out;
    size_t m_outBytes = 0;
    bool m_waitingWritable = false;

    uint64_t m_parkId = 0; // non-zero while a request is parked
    uint64_t m_notifierId = 0;
    std::function<void(bool)> m_parkRetry;
};

// Tracks live connections so that shutdown can reach them.
class ConnectionRegistry {
public:
    void add(const std::shared_ptr<Connection>& c);
    void remove(Connection* c);
    void shutdownAll();
    size_t count();

private:
    std::mutex m_mutex;
    std::unordered_map<Connection*, std::weak_ptr<Connection>> m_connections;
};

} // namespace samsa::broker::server
