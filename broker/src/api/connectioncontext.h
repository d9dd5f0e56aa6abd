#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace samsa::broker::security {
class ScramExchange;
}

namespace samsa::broker::api {

// What a request handler may know and ask of the connection it serves. Implemented by the
// server; handlers never see sockets or asio.
class ConnectionContext {
public:
    virtual ~ConnectionContext() = default;

    virtual const std::string& peer() const = 0;

    // Parks the current request (a long-polling Fetch) until data is appended anywhere or
    // waitMs passes, then calls retry on the connection's executor with timedOut telling which.
    // The connection reads no further requests while one is parked, so answers stay in order.
    virtual void park(int waitMs, std::function<void(bool timedOut)> retry) = 0;

    // Runs task on the connection's executor; callable from any thread. Handlers that are
    // answered later from elsewhere (JoinGroup and SyncGroup, by the group coordinator) hop back
    // with it before calling their responder. Runs the task at once where there is no executor.
    virtual void post(std::function<void()> task) { task(); }

    // True once the broker is stopping: parked requests should be answered at once.
    virtual bool stopping() const = 0;

    // The listener this connection arrived on, named by its security protocol (PLAINTEXT, SSL,
    // SASL_PLAINTEXT, SASL_SSL), whether it demands a SASL login before other requests, and the
    // endpoint Metadata, DescribeCluster and FindCoordinator give its clients (empty host: the broker's).
    std::string listenerName = "PLAINTEXT";
    bool saslRequired = false;
    std::string advertisedHost;
    int32_t advertisedPort = 0;

    // SASL state of this connection.
    enum class SaslState { None, HandshakeDone, Authenticated };
    SaslState saslState = SaslState::None;
    std::string saslMechanism;
    // After SaslHandshake v0 the next frame is a raw token without a Kafka header.
    bool expectRawSaslToken = false;
    std::string principal;
    // The SCRAM exchange under way after a SCRAM SaslHandshake (shared_ptr: the type stays incomplete here).
    std::shared_ptr<security::ScramExchange> scramExchange;
    // Set by a handler whose answer must be the last one on this connection (failed SASL).
    bool closeAfterResponse = false;
    // Set with it when a SASL login failed: the answer and the close wait connection.failed.authentication.delay.ms.
    bool authenticationFailed = false;
};

} // namespace samsa::broker::api
