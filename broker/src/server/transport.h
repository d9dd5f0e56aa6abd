#pragma once

// Internal to the server folder: how a Connection moves bytes, over plain TCP or TLS.
//
// Connection's logic (framing, frame limits, idleness, parked requests, ordered answers, the
// output queue) is written once against this small interface instead of being a template over the
// stream type: a virtual call per read or write costs nothing next to the system call behind it,
// Connection stays in its .cpp file, and what differs (the handshake, sendfile() versus copying
// file regions through OpenSSL) sits in one class per transport. Writes keep the shape of the
// non-blocking socket calls the plain path has always made: take what fits now, or say "would
// block" and let the caller wait for writability.

#include <asio.hpp>
#include <asio/ssl.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

namespace samsa::broker::server {

class Transport : public std::enable_shared_from_this<Transport> {
public:
    using ReadHandler = std::function<void(const asio::error_code&, size_t)>;
    using WaitHandler = std::function<void(const asio::error_code&)>;

    virtual ~Transport() = default;

    // The connection's strand: every call below and every handler runs on it.
    virtual asio::any_io_executor executor() = 0;
    virtual asio::ip::tcp::socket& socket() = 0;
    // Calls done once the transport carries Kafka frames: at once for plain TCP, after the TLS
    // handshake (bounded by timeout) for TLS.
    virtual void start(std::chrono::milliseconds timeout, WaitHandler done) = 0;
    virtual void readSome(asio::mutable_buffer buffer, ReadHandler done) = 0;
    // Reads until buffer is full (or an error).
    void readExactly(asio::mutable_buffer buffer, ReadHandler done);
    // Non-blocking writes: the number of bytes taken (> 0), or -1 with errno set (EAGAIN: wait
    // with waitWritable and try again). sendFile returns 0 when the file has fewer bytes than asked.
    virtual ssize_t send(const uint8_t* data, size_t size, bool more) = 0;
    virtual ssize_t sendFile(int fd, off_t offset, size_t size) = 0;
    virtual void waitWritable(WaitHandler done) = 0;
    virtual void close() = 0;
    // The subject of a verified client certificate (TLS only), empty without one.
    virtual std::string peerPrincipal() { return {}; }
};

class PlainTransport final : public Transport {
public:
    explicit PlainTransport(asio::ip::tcp::socket socket);
    asio::any_io_executor executor() override { return m_socket.get_executor(); }
    asio::ip::tcp::socket& socket() override { return m_socket; }
    void start(std::chrono::milliseconds, WaitHandler done) override;
    void readSome(asio::mutable_buffer buffer, ReadHandler done) override;
    ssize_t send(const uint8_t* data, size_t size, bool more) override;
    ssize_t sendFile(int fd, off_t offset, size_t size) override;
    void waitWritable(WaitHandler done) override;
    void close() override;

private:
    asio::ip::tcp::socket m_socket;
};

// TLS through asio::ssl::stream. One write is in flight at a time, from a buffer of our own (the
// bytes are encrypted anyway, so sendfile() has nothing to save here).
class TlsTransport final : public Transport {
public:
    TlsTransport(asio::ip::tcp::socket socket, std::shared_ptr<asio::ssl::context> context);
    asio::any_io_executor executor() override { return m_stream.get_executor(); }
    asio::ip::tcp::socket& socket() override { return m_stream.next_layer(); }
    void start(std::chrono::milliseconds timeout, WaitHandler done) override;
    void readSome(asio::mutable_buffer buffer, ReadHandler done) override;
    ssize_t send(const uint8_t* data, size_t size, bool more) override;
    ssize_t sendFile(int fd, off_t offset, size_t size) override;
    void waitWritable(WaitHandler done) override;
    void close() override;
    std::string peerPrincipal() override;

private:
    void startWrite();
    void closeNow();

    std::shared_ptr<asio::ssl::context> m_context; // outlives the stream that uses it
    asio::ssl::stream<asio::ip::tcp::socket> m_stream;
    asio::steady_timer m_handshakeTimer;
    std::vector<uint8_t> m_pending;
    bool m_writing = false;
    bool m_closing = false; // close() waits for the write in flight
    asio::error_code m_writeError;
    WaitHandler m_writableWaiter;
};

} // namespace samsa::broker::server
