#pragma once

// The embedded schema registry as main() runs it: bind first (so a busy port is reported before
// the data directory is touched), then open the _schemas topic and serve until stop().

#include "registry/httpserver.h"

#include <memory>
#include <string>

namespace samsa::broker {
class LogManager;
}

namespace samsa::broker::security {
class UserStore;
}

namespace samsa::broker::registry {

class SchemaRegistry;

class RegistryService {
public:
    RegistryService(const std::string& host, uint16_t port);
    ~RegistryService();
    RegistryService(const RegistryService&) = delete;
    RegistryService& operator=(const RegistryService&) = delete;

    bool listen(std::string* error);
    // Replays _schemas and starts serving; false with *error when the topic cannot be read. When
    // the broker has SASL users (`users`, which outlives the service; null for none), every
    // request needs HTTP basic auth as one of them, and a refused one is answered after
    // `failedAuthDelay` (the broker's connection.failed.authentication.delay.ms), which slows
    // password guessing without holding up other clients.
    bool start(LogManager& logs, const security::UserStore* users, std::chrono::milliseconds failedAuthDelay,
        std::string* error);
    void stop();
    // HOST:PORT actually bound.
    std::string address() const;

private:
    std::string m_host;
    HttpServer m_server;
    std::unique_ptr<SchemaRegistry> m_registry;
};

} // namespace samsa::broker::registry
