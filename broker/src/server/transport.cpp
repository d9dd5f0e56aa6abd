#include "server/transport.h"

#include "security/tlscontext.h"

#include <algorithm>
#include <cerrno>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>

namespace samsa::broker::server {

namespace {
// What one TLS write takes at most: large enough for full TLS records, small enough that a
// fetch of many megabytes from a segment file is not copied into memory at once.
constexpr size_t kTlsWriteChunk = 256 * 1024;
// How long a closing TLS connection may take to write out what it has already taken.
constexpr auto kLinger = std::chrono::seconds(5);
} // namespace

void Transport::readExactly(asio::mutable_buffer buffer, ReadHandler done)
{
    readSome(buffer, [self = shared_from_this(), buffer, done = std::move(done)](const asio::error_code& ec, size_t n) {
        if (ec || n >= buffer.size()) {
            done(ec, n);
            return;
        }
        self->readExactly(buffer + n, std::move(done));
    });
}

PlainTransport::PlainTransport(asio::ip::tcp::socket socket)
    : m_socket(std::move(socket))
{
    asio::error_code ec;
    m_socket.native_non_blocking(true, ec);
}

void PlainTransport::start(std::chrono::milliseconds, WaitHandler done)
{
    done({});
}

void PlainTransport::readSome(asio::mutable_buffer buffer, ReadHandler done)
{
    m_socket.async_read_some(buffer, std::move(done));
}

ssize_t PlainTransport::send(const uint8_t* data, size_t size, bool more)
{
    return ::send(m_socket.native_handle(), data, size, MSG_NOSIGNAL | (more ? MSG_MORE : 0));
}

ssize_t PlainTransport::sendFile(int fd, off_t offset, size_t size)
{
    return ::sendfile(m_socket.native_handle(), fd, &offset, size);
}

void PlainTransport::waitWritable(WaitHandler done)
{
    m_socket.async_wait(asio::ip::tcp::socket::wait_write, std::move(done));
}

void PlainTransport::close()
{
    asio::error_code ec;
    m_socket.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    m_socket.close(ec);
}

TlsTransport::TlsTransport(asio::ip::tcp::socket socket, std::shared_ptr<asio::ssl::context> context)
    : m_context(std::move(context))
    , m_stream(std::move(socket), *m_context)
    , m_handshakeTimer(m_stream.get_executor())
{
}

void TlsTransport::start(std::chrono::milliseconds timeout, WaitHandler done)
{
    // A client that connects and says nothing (or dribbles a ClientHello) must not hold a
    // connection slot: closing the socket ends the handshake with an error.
    auto self = std::static_pointer_cast<TlsTransport>(shared_from_this());
    m_handshakeTimer.expires_after(timeout);
    m_handshakeTimer.async_wait([self](const asio::error_code& ec) {
        if (!ec)
            self->close();
    });
    m_stream.async_handshake(
        asio::ssl::stream_base::server, [self, done = std::move(done)](const asio::error_code& ec) {
            self->m_handshakeTimer.cancel();
            done(ec);
        });
}

void TlsTransport::readSome(asio::mutable_buffer buffer, ReadHandler done)
{
    m_stream.async_read_some(buffer, std::move(done));
}

ssize_t TlsTransport::send(const uint8_t* data, size_t size, bool)
{
    if (m_writeError) {
        errno = EPIPE;
        return -1;
    }
    if (m_writing) {
        errno = EAGAIN;
        return -1;
    }
    const size_t n = std::min(size, kTlsWriteChunk);
    m_pending.assign(data, data + n);
    startWrite();
    return static_cast<ssize_t>(n);
}

ssize_t TlsTransport::sendFile(int fd, off_t offset, size_t size)
{
    if (m_writeError) {
        errno = EPIPE;
        return -1;
    }
    if (m_writing) {
        errno = EAGAIN;
        return -1;
    }
    m_pending.resize(std::min(size, kTlsWriteChunk));
    const ssize_t n = ::pread(fd, m_pending.data(), m_pending.size(), offset);
    if (n <= 0)
        return n;
    m_pending.resize(static_cast<size_t>(n));
    startWrite();
    return n;
}

void TlsTransport::startWrite()
{
    m_writing = true;
    auto self = std::static_pointer_cast<TlsTransport>(shared_from_this());
    asio::async_write(m_stream, asio::buffer(m_pending), [self](const asio::error_code& ec, size_t) {
        self->m_writing = false;
        self->m_writeError = ec;
        WaitHandler waiter = std::move(self->m_writableWaiter);
        self->m_writableWaiter = nullptr;
        if (self->m_closing)
            self->closeNow();
        if (waiter)
            waiter(ec);
    });
}

void TlsTransport::waitWritable(WaitHandler done)
{
    if (!m_writing) {
        asio::post(m_stream.get_executor(), [done = std::move(done), ec = m_writeError] { done(ec); });
        return;
    }
    m_writableWaiter = std::move(done);
}

void TlsTransport::close()
{
    // The last answer (a failed login's, say) may still be in our write buffer, where the kernel
    // would have it already on the plain path: it goes out first, for a few seconds at most.
    if (m_writing && !m_writeError && !m_closing) {
        m_closing = true;
        m_handshakeTimer.expires_after(kLinger);
        m_handshakeTimer.async_wait(
            [self = std::static_pointer_cast<TlsTransport>(shared_from_this())](const asio::error_code& ec) {
                if (!ec)
                    self->closeNow();
            });
        return;
    }
    closeNow();
}

void TlsTransport::closeNow()
{
    // No TLS close_notify: it would need another write (and a wait) on a connection we are
    // dropping, and Kafka clients do not depend on it.
    asio::error_code ec;
    m_closing = false;
    m_handshakeTimer.cancel();
    m_stream.next_layer().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    m_stream.next_layer().close(ec);
}

std::string TlsTransport::peerPrincipal()
{
    return security::peerCertificateSubject(m_stream.native_handle());
}

} // namespace samsa::broker::server
