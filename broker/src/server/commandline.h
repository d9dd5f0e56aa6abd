#pragma once

#include "server/listenerspec.h"
#include "storage/brokerconfig.h"

#include <cstdint>
#include <string>

namespace samsa::broker::server {

struct CommandLine {
    BrokerConfig config;
    // --listen and --advertised-listener as given (default: a bare 127.0.0.1:9092) ...
    std::vector<ListenerSpec> listenSpecs { ListenerSpec { std::nullopt, "127.0.0.1", 9092 } };
    std::vector<ListenerSpec> advertisedSpecs;
    // ... and resolved once every option is read (the first one is the "ready" address).
    std::vector<ResolvedListener> listeners;
    // --schema-registry HOST:PORT or off. Only an address given explicitly makes a busy port fatal.
    bool schemaRegistryEnabled = true;
    bool schemaRegistryExplicit = false;
    std::string schemaRegistryHost = "127.0.0.1";
    uint16_t schemaRegistryPort = 8081;
};

enum class ParseResult { Run, Help, Version, Error };

// samsa-broker [--data-dir DIR] [--listen LISTENERS] [--advertised-listener LISTENERS]
//              [--node-id N] [--set KEY=VALUE]... [--schema-registry HOST:PORT|off] [--version] [--help]
// Options also accept the --name=value form. On Error, *error holds one readable line.
ParseResult parseCommandLine(int argc, char** argv, CommandLine* out, std::string* error);

// Splits "HOST:PORT" ("[::1]:9092" for IPv6); false when malformed.
bool splitHostPort(const std::string& text, std::string* host, uint16_t* port);

std::string usageText();

} // namespace samsa::broker::server
