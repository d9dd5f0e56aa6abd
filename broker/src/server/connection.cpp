#include "connection.h"
#include "server/requestcapture.h"

#include "common/log.h"
#include "storage/brokerconfig.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace samsa::broker::server {

namespace {
// What a connection's receive buffer starts with: most requests (metadata, fetch, commits) fit, and
// a thousand idle connections hold only a few MiB.
constexpr size_t kInitialBuffer = 4 * 1024;
// A read leaves at least this much room (or half the buffer while it is smaller) before it grows.
constexpr size_t kReadRoom = 16 * 1024;
// A slow reader stops having its requests processed once this much is waiting to be sent.
constexpr size_t kMaxQueuedBytes = 64 * 1024 * 1024;

// The input buffer grows with the bytes that actually arrived (doubling, so a large frame costs
// amortised linear copying), never straight to the size a frame merely declares: a peer that sends
// only a length prefix must not make us allocate up to socket.request.max.bytes.
// What stays allocated between requests: librdkafka's produce requests are up to 1 MiB
// (message.max.bytes), so a producing connection keeps its buffer instead of growing it anew (and
// faulting its pages in) for every request.
constexpr size_t kKeptBuffer = 2 * 1024 * 1024 + 64 * 1024;
// All connections together keep at most this much between requests, so a thousand connections that
// each sent one large request cannot pin gigabytes; beyond it a connection frees its buffers as before.
constexpr size_t kKeptBudget = 64 * 1024 * 1024;
std::atomic<size_t> g_keptBytes { 0 };

template<typename Buffer>
size_t grownBufferSize(const Buffer& in, size_t filled)
{
    size_t grown = std::max(kInitialBuffer, in.size() * 2);
    if (filled >= 4) {
        const uint32_t declared
            = (uint32_t(in[0]) << 24) | (uint32_t(in[1]) << 16) | (uint32_t(in[2]) << 8) | uint32_t(in[3]);
        const size_t frameEnd = 4 + static_cast<size_t>(std::min<uint32_t>(declared, INT32_MAX));
        grown = std::min(grown, std::max(in.size() + kInitialBuffer, frameEnd));
    }
    return grown;
}

void shrinkToInitial(std::vector<uint8_t, DefaultInitAllocator<uint8_t>>& in)
{
    in.resize(kInitialBuffer);
    in.shrink_to_fit();
}

int32_t unauthenticatedLimit(const BrokerConfig& config, bool saslRequired)
{
    return saslRequired ? config.saslServerMaxReceiveSize : INT32_MAX;
}

// A TLS handshake gets connections.max.idle.ms, but never more than this: a client that opens a
// connection and stays silent must not hold a slot even when idle connections are kept forever.
constexpr std::chrono::milliseconds kMaxHandshakeTime { 10000 };
} // namespace

Connection::Connection(std::shared_ptr<Transport> transport, const ListenerContext& listener,
    api::Dispatcher& dispatcher, int32_t maxRequestBytes, ConnectionRegistry& registry)
    : m_transport(std::move(transport))
    , m_parkTimer(m_transport->executor())
    , m_idleTimer(m_transport->executor())
    , m_authFailureTimer(m_transport->executor())
    , m_dispatcher(dispatcher)
    , m_registry(registry)
    , m_maxRequestBytes(maxRequestBytes)
    , m_unauthenticatedMaxBytes(unauthenticatedLimit(dispatcher.broker().config, listener.saslRequired))
    , m_maxIdle(std::max<int64_t>(0, dispatcher.broker().config.connectionsMaxIdleMs))
    , m_authFailureDelay(dispatcher.broker().config.failedAuthenticationDelayMs)
{
    listenerName = listener.name;
    saslRequired = listener.saslRequired;
    advertisedHost = listener.advertisedHost;
    advertisedPort = listener.advertisedPort;
    asio::error_code ec;
    auto& socket = m_transport->socket();
    const auto endpoint = socket.remote_endpoint(ec);
    m_peer = ec ? std::string("unknown") : endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
    socket.set_option(asio::ip::tcp::no_delay(true), ec);
}

Connection::~Connection()
{
    g_keptBytes -= m_keptBytes;
}

void Connection::keepBuffersWithinBudget()
{
    // What stays allocated beyond the basic read chunk until the next request.
    if (m_in.size() > kKeptBuffer && m_inLen <= kInitialBuffer)
        shrinkToInitial(m_in);
    if (m_spareFrame && m_spareFrame->capacity() > kKeptBuffer)
        m_spareFrame.reset();
    const auto wanted = [this] {
        return (m_in.capacity() > kInitialBuffer ? m_in.capacity() - kInitialBuffer : 0)
            + (m_spareFrame ? m_spareFrame->capacity() : 0);
    };
    size_t now = wanted();
    if (now > m_keptBytes && g_keptBytes.load() + (now - m_keptBytes) > kKeptBudget) {
        m_spareFrame.reset();
        if (m_inLen <= kInitialBuffer)
            shrinkToInitial(m_in);
        now = wanted();
    }
    g_keptBytes += now;
    g_keptBytes -= m_keptBytes;
    m_keptBytes = now;
}

void Connection::start()
{
    m_in.resize(kInitialBuffer);
    m_lastActive = std::chrono::steady_clock::now();
    if (m_maxIdle.count() > 0)
        armIdleTimer(m_lastActive + m_maxIdle);
    const auto handshakeTime = m_maxIdle.count() > 0 ? std::min(m_maxIdle, kMaxHandshakeTime) : kMaxHandshakeTime;
    m_transport->start(handshakeTime, [self = shared_from_this()](const asio::error_code& ec) { self->onStarted(ec); });
}

void Connection::onStarted(const asio::error_code& ec)
{
    if (m_closed)
        return;
    if (ec) {
        // Garbage instead of a ClientHello, an untrusted client certificate, a silent client.
        // Aborted: the handshake deadline (or connections.max.idle.ms) closed the socket under it.
        const std::string reason = ec == asio::error::operation_aborted ? "not finished in time" : ec.message();
        log(LogLevel::Info, "closing connection from %s on %s: TLS handshake failed: %s", m_peer.c_str(),
            listenerName.c_str(), reason.c_str());
        close(nullptr);
        return;
    }
    // A client certificate names the principal until SASL (on SASL_SSL) names a user.
    principal = m_transport->peerPrincipal();
    if (!principal.empty())
        log(LogLevel::Debug, "connection from %s on %s: client certificate, principal %s", m_peer.c_str(),
            listenerName.c_str(), principal.c_str());
    m_lastActive = std::chrono::steady_clock::now();
    readMore();
}

void Connection::armIdleTimer(std::chrono::steady_clock::time_point due)
{
    // One wait per idle period, not one per request: activity only moves m_lastActive, and the check
    // re-arms for the moment the connection would have been idle long enough.
    m_idleTimer.expires_at(due);
    m_idleTimer.async_wait([self = shared_from_this()](const asio::error_code& ec) {
        if (!ec)
            self->checkIdle();
    });
}

void Connection::checkIdle()
{
    if (m_closed)
        return;
    const auto now = std::chrono::steady_clock::now();
    // A request in progress (a long-polling Fetch, a JoinGroup waiting for its group, a failed login
    // being delayed) or an answer still going out is not idleness.
    if (!idle() || m_waitingWritable)
        m_lastActive = now;
    if (now - m_lastActive >= m_maxIdle) {
        log(LogLevel::Debug, "closing connection from %s: idle for %lld ms (connections.max.idle.ms)",
            m_peer.c_str(), static_cast<long long>(m_maxIdle.count()));
        close(nullptr);
        return;
    }
    armIdleTimer(m_lastActive + m_maxIdle);
}

void Connection::beginShutdown()
{
    auto self = shared_from_this();
    asio::post(m_transport->executor(), [self] {
        self->m_stopping = true;
        if (self->m_parkId != 0) {
            self->wake(self->m_parkId, true);
        } else if (self->idle()) {
            self->close(nullptr);
        }
    });
}

void Connection::readMore()
{
    if (m_reading || m_closed || m_stopping)
        return;
    if (m_in.size() - m_inLen < std::min(kReadRoom, m_in.size() / 2))
        m_in.resize(grownBufferSize(m_in, m_inLen));
    m_reading = true;
    auto self = shared_from_this();
    m_transport->readSome(
        asio::buffer(m_in.data() + m_inLen, m_in.size() - m_inLen), [self](const asio::error_code& ec, size_t n) {
            self->m_reading = false;
            if (ec) {
                self->close(nullptr);
                return;
            }
            self->m_inLen += n;
            self->m_lastActive = std::chrono::steady_clock::now();
            self->processFrames();
        });
}

void Connection::processFrames()
{
    if (m_closed || m_processing || m_outBytes > kMaxQueuedBytes)
        return;
    if (m_stopping) {
        if (idle())
            close(nullptr);
        return;
    }
    if (m_inLen < 4) {
        readMore();
        return;
    }
    const int32_t size = static_cast<int32_t>(
        (uint32_t(m_in[0]) << 24) | (uint32_t(m_in[1]) << 16) | (uint32_t(m_in[2]) << 8) | uint32_t(m_in[3]));
    // A raw SASL/PLAIN token after SaslHandshake v0 carries no request header and may be tiny.
    const int32_t minimumSize = expectRawSaslToken ? 0 : 8;
    const int32_t limit = frameLimit();
    if (size < minimumSize || size > limit) {
        // Closed before its bytes are read: the frame is never buffered.
        log(LogLevel::Warning, "closing connection from %s: request frame of %d bytes (limit %d%s)", m_peer.c_str(),
            size, limit, limit < m_maxRequestBytes ? " before SASL authentication" : "");
        close(nullptr);
        return;
    }
    const size_t frameEnd = 4 + static_cast<size_t>(size);
    if (m_inLen < frameEnd) {
        if (!readRestOfFrameDirectly(static_cast<size_t>(size)))
            readMore();
        return;
    }
    // The previous request's frame is reused once its handler let go of it: its memory is warm, so a
    // producer's next megabyte is copied without a fresh allocation faulting its pages in.
    std::shared_ptr<std::vector<uint8_t>> frame;
    if (m_spareFrame && m_spareFrame.use_count() == 1 && m_spareFrame->capacity() <= kKeptBuffer) {
        frame = std::move(m_spareFrame);
        frame->assign(m_in.begin() + 4, m_in.begin() + static_cast<std::ptrdiff_t>(frameEnd));
    } else {
        frame = std::make_shared<std::vector<uint8_t>>(
            m_in.begin() + 4, m_in.begin() + static_cast<std::ptrdiff_t>(frameEnd));
    }
    std::memmove(m_in.data(), m_in.data() + frameEnd, m_inLen - frameEnd);
    m_inLen -= frameEnd;
    dispatchFrame(std::move(frame));
}

int32_t Connection::frameLimit() const
{
    // Kafka's sasl.server.max.receive.size: an unauthenticated peer cannot make us buffer a large frame.
    if (saslState == SaslState::Authenticated)
        return m_maxRequestBytes;
    return std::min(m_maxRequestBytes, m_unauthenticatedMaxBytes);
}

bool Connection::readRestOfFrameDirectly(size_t size)
{
    // A large frame (a producer's batch of up to 1 MiB) is read by the kernel straight into the frame
    // that goes to the handler, instead of into the receive buffer and then copied. Only into the
    // previous frame's memory, never into memory allocated for a size the peer merely declared.
    constexpr size_t kDirectReadMin = 256 * 1024;
    if (size < kDirectReadMin || !m_spareFrame || m_spareFrame.use_count() != 1 || m_spareFrame->capacity() < size)
        return false;
    std::shared_ptr<std::vector<uint8_t>> frame = std::move(m_spareFrame);
    const size_t have = m_inLen - 4;
    frame->resize(size);
    std::memcpy(frame->data(), m_in.data() + 4, have);
    m_inLen = 0;
    m_reading = true;
    auto self = shared_from_this();
    m_transport->readExactly(asio::buffer(frame->data() + have, size - have),
        [self, frame](const asio::error_code& ec, size_t) mutable {
            self->m_reading = false;
            if (ec || self->m_closed) {
                self->close(nullptr);
                return;
            }
            self->dispatchFrame(std::move(frame));
        });
    return true;
}

void Connection::dispatchFrame(std::shared_ptr<std::vector<uint8_t>> frame)
{
    m_spareFrame = frame;
    keepBuffersWithinBudget();
    if (RequestCapture::instance().enabled() && !expectRawSaslToken)
        RequestCapture::instance().capture(*frame);
    m_processing = true;
    auto self = shared_from_this();
    m_dispatcher.dispatch(*this, std::move(frame), [self](api::Response response) {
        // Handlers answer either synchronously on this strand or from a parked retry, which
        // also runs on this strand.
        self->onResponse(std::move(response));
    });
}

void Connection::onResponse(api::Response response)
{
    m_lastActive = std::chrono::steady_clock::now();
    if (authenticationFailed && m_authFailureDelay.count() > 0) {
        // Kafka's connection.failed.authentication.delay.ms: the answer and the close wait, so that
        // guessing passwords is slow, on a timer that holds no thread. The connection stays busy
        // meanwhile: it reads nothing more and is not closed as idle.
        authenticationFailed = false;
        m_authFailureTimer.expires_after(m_authFailureDelay);
        m_authFailureTimer.async_wait(
            [self = shared_from_this(), response = std::move(response)](const asio::error_code& ec) mutable {
                if (!ec)
                    self->deliver(std::move(response));
            });
        return;
    }
    deliver(std::move(response));
}

void Connection::deliver(api::Response response)
{
    m_processing = false;
    if (response.frame)
        enqueue(std::move(*response.frame));
    if (response.closeConnection) {
        if (!response.closeReason.empty())
            log(LogLevel::Warning, "closing connection from %s: %s", m_peer.c_str(), response.closeReason.c_str());
        if (m_out.empty())
            close(nullptr);
        else
            m_stopping = true; // close once the answer is out
        return;
    }
    if (m_closed)
        return;
    // Continue with pipelined requests; post so that a long pipeline does not recurse.
    auto self = shared_from_this();
    asio::post(m_transport->executor(), [self] { self->processFrames(); });
}

void Connection::enqueue(protocol::ByteWriter frame)
{
    if (m_closed)
        return;
    m_outBytes += frame.totalSize();
    m_out.push_back(OutFrame { std::move(frame) });
    if (!m_waitingWritable)
        flushOut();
}

void Connection::flushOut()
{
    while (!m_out.empty() && !m_closed) {
        OutFrame& f = m_out.front();
        const auto& buf = f.data.buffer();
        const auto& splices = f.data.splices();
        const size_t nextAt = f.splice < splices.size() ? splices[f.splice].at : buf.size();
        ssize_t n = 0;
        if (f.memSent < nextAt) {
            const bool more = f.splice < splices.size() || m_out.size() > 1;
            n = m_transport->send(buf.data() + f.memSent, nextAt - f.memSent, more);
            if (n > 0) {
                f.memSent += static_cast<size_t>(n);
                m_outBytes -= static_cast<size_t>(n);
                continue;
            }
        } else if (f.splice < splices.size()) {
            const auto& region = splices[f.splice].region;
            const auto offset = static_cast<off_t>(region.position + f.regionSent);
            n = m_transport->sendFile(region.fd, offset, static_cast<size_t>(region.length - f.regionSent));
            if (n > 0) {
                f.regionSent += n;
                m_outBytes -= static_cast<size_t>(n);
                if (f.regionSent == region.length) {
                    ++f.splice;
                    f.regionSent = 0;
                }
                continue;
            }
            if (n == 0) {
                // The segment shrank under us (deleted by retention): the frame cannot be completed.
                log(LogLevel::Warning, "closing connection from %s: segment file vanished while sending",
                    m_peer.c_str());
                close(nullptr);
                return;
            }
        } else {
            m_out.pop_front();
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
            if (errno == EINTR)
                continue;
            m_waitingWritable = true;
            auto self = shared_from_this();
            m_transport->waitWritable([self](const asio::error_code& ec) {
                self->m_waitingWritable = false;
                if (ec) {
                    self->close(nullptr);
                    return;
                }
                self->flushOut();
                // The queue may have drained below the limit that paused request processing.
                if (!self->m_processing && self->m_outBytes <= kMaxQueuedBytes)
                    self->processFrames();
            });
            return;
        }
        close(nullptr);
        return;
    }
    if (m_out.empty()) {
        m_outBytes = 0;
        if (m_stopping && !m_processing) {
            close(nullptr);
            return;
        }
    }
}

void Connection::park(int waitMs, std::function<void(bool timedOut)> retry)
{
    static std::atomic<uint64_t> nextPark { 0 };
    const uint64_t id = ++nextPark;
    m_parkId = id;
    m_parkRetry = std::move(retry);
    if (m_stopping) {
        auto self = shared_from_this();
        asio::post(m_transport->executor(), [self, id] { self->wake(id, true); });
        return;
    }
    auto self = shared_from_this();
    auto executor = m_transport->executor();
    m_notifierId = m_dispatcher.notifier().add(
        [self, id, executor] { asio::post(executor, [self, id] { self->wake(id, false); }); });
    m_parkTimer.expires_after(std::chrono::milliseconds(std::max(0, waitMs)));
    m_parkTimer.async_wait([self, id](const asio::error_code& ec) {
        if (!ec)
            self->wake(id, true);
    });
}

void Connection::post(std::function<void()> task)
{
    asio::post(m_transport->executor(), [self = shared_from_this(), task = std::move(task)] { task(); });
}

void Connection::wake(uint64_t parkId, bool timedOut)
{
    if (parkId != m_parkId || m_parkId == 0)
        return;
    m_parkId = 0;
    m_dispatcher.notifier().remove(m_notifierId);
    m_notifierId = 0;
    m_parkTimer.cancel();
    auto retry = std::move(m_parkRetry);
    m_parkRetry = nullptr;
    if (m_closed)
        return;
    retry(timedOut || m_stopping);
}

void Connection::close(const char* reason)
{
    if (m_closed)
        return;
    if (reason)
        log(LogLevel::Warning, "closing connection from %s: %s", m_peer.c_str(), reason);
    m_closed = true;
    m_idleTimer.cancel();
    m_authFailureTimer.cancel();
    if (m_parkId != 0) {
        m_dispatcher.notifier().remove(m_notifierId);
        m_parkId = 0;
        m_parkRetry = nullptr;
        m_parkTimer.cancel();
    }
    m_transport->close();
    m_out.clear();
    m_registry.remove(this);
}

void ConnectionRegistry::add(const std::shared_ptr<Connection>& c)
{
    std::lock_guard lock(m_mutex);
    m_connections.emplace(c.get(), c);
}

void ConnectionRegistry::remove(Connection* c)
{
    std::lock_guard lock(m_mutex);
    m_connections.erase(c);
}

void ConnectionRegistry::shutdownAll()
{
    std::vector<std::shared_ptr<Connection>> live;
    {
        std::lock_guard lock(m_mutex);
        for (auto& [raw, weak] : m_connections) {
            if (auto c = weak.lock())
                live.push_back(std::move(c));
        }
    }
    for (auto& c : live)
        c->beginShutdown();
}

size_t ConnectionRegistry::count()
{
    std::lock_guard lock(m_mutex);
    return m_connections.size();
}

} // namespace samsa::broker::server
