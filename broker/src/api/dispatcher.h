#pragma once

#include "api/appendnotifier.h"
#include "api/connectioncontext.h"
#include "protocol/bytewriter.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace samsa::broker {
struct BrokerConfig;
class LogManager;
} // namespace samsa::broker

namespace samsa::broker::group {
class GroupCoordinator;
}

namespace samsa::broker::security {
class UserStore;
}

namespace samsa::broker::security {
class Authorizer;
}

namespace samsa::broker::api {

// The answer to one request frame: the bytes to send (size prefix included), none (Produce with
// acks=0), and whether to close the connection afterwards (malformed input, failed SASL).
struct Response {
    std::optional<protocol::ByteWriter> frame;
    bool closeConnection = false;
    std::string closeReason;
};
using Responder = std::function<void(Response)>;

// What every handler may use. One per broker, shared by all connections.
struct BrokerContext {
    LogManager& logs;
    const BrokerConfig& config;
    AppendNotifier notifier;
    std::string advertisedHost;
    int32_t advertisedPort = 9092;
    group::GroupCoordinator* groups = nullptr; // owned by the Dispatcher
    security::UserStore* users = nullptr; // the SASL users, owned by main(); none when null
    // Null when authorizer=none: every request is allowed. Owned by main.
    security::Authorizer* authorizer = nullptr;
};

// Routes request frames to the per-API handlers. Thread-safe; holds no per-connection state.
class Dispatcher {
public:
    Dispatcher(LogManager& logs, const BrokerConfig& config, std::string advertisedHost, int32_t advertisedPort);
    ~Dispatcher();

    // The broker is stopping: requests waiting in the group coordinator are answered now.
    void beginShutdown();

    // SIGHUP: re-reads what may change while the broker runs (the SASL users file).
    void reload();

    // Handles one frame (without its size prefix). done is called exactly once, on the calling
    // thread for most requests or later from a ConnectionContext::park retry.
    void dispatch(ConnectionContext& connection, std::shared_ptr<std::vector<uint8_t>> frame, Responder done);

    AppendNotifier& notifier() { return m_broker.notifier; }
    BrokerContext& broker() { return m_broker; }

private:
    std::unique_ptr<group::GroupCoordinator> m_groups;
    BrokerContext m_broker;
};

} // namespace samsa::broker::api
