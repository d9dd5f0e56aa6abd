#include "server/commandline.h"

#include <charconv>
#include <cstring>

namespace samsa::broker::server {

bool splitHostPort(const std::string& text, std::string* host, uint16_t* port)
{
    size_t colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 >= text.size())
        return false;
    std::string h = text.substr(0, colon);
    if (h.size() >= 2 && h.front() == '[' && h.back() == ']')
        h = h.substr(1, h.size() - 2);
    unsigned value = 0;
    const char* begin = text.data() + colon + 1;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc() || ptr != end || value > 65535 || h.empty())
        return false;
    *host = h;
    *port = static_cast<uint16_t>(value);
    return true;
}

std::string usageText()
{
    return "Usage: samsa-broker [options]\n"
           "A single-node Kafka-protocol broker.\n\n"
           "  --data-dir DIR                 where logs and metadata live (default $XDG_DATA_HOME/samsa/broker)\n"
           "  --listen LISTENERS             where to accept clients: comma-separated PROTOCOL://HOST:PORT entries\n"
           "                                 (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL; at most one per protocol) or a\n"
           "                                 bare HOST:PORT (PLAINTEXT, SASL_PLAINTEXT with sasl.enabled.mechanisms);\n"
           "                                 default 127.0.0.1:9092; port 0 picks one\n"
           "  --advertised-listener LISTENERS  endpoints given to clients in Metadata, matched to the listeners by\n"
           "                                 protocol (default: each listener's own address)\n"
           "  --node-id N                    broker id (default: kept in the data dir, 1 on first start)\n"
           "  --set KEY=VALUE                a server.properties setting, e.g. num.partitions=3, flush.messages=1\n"
           "  --schema-registry HOST:PORT|off  serve the Confluent Schema Registry API (Avro) there (default\n"
           "                                 127.0.0.1:8081, skipped with a warning when that port is busy; port 0 picks one)\n"
           "  --version                      print the version and exit\n"
           "  --help                         print this help and exit\n\n"
           "TLS listeners need --set ssl.certificate.location=PEM and ssl.key.location=PEM; ssl.ca.location=PEM\n"
           "and ssl.client.auth=none|requested|required ask clients for certificates (the subject is the principal).\n\n"
           "Prints 'samsa-broker ready HOST:PORT' (the first listener) on stdout once it accepts connections, after\n"
           "one 'listening on PROTOCOL://HOST:PORT' line per listener on stderr; logs go to stderr.\n\n"
           "Durability: by default a background thread fdatasyncs unflushed data every flush.ms (1000 ms), so a\n"
           "power cut may lose up to about a second of acknowledged writes; --set flush.messages=1 syncs every\n"
           "write before it is acknowledged.\n";
}

ParseResult parseCommandLine(int argc, char** argv, CommandLine* out, std::string* error)
{
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        std::string value;
        bool hasValue = false;
        if (arg.rfind("--", 0) == 0) {
            const size_t eq = arg.find('=');
            if (eq != std::string::npos) {
                // --name=value; for --set=KEY=VALUE the value keeps its own '='.
                value = arg.substr(eq + 1);
                arg = arg.substr(0, eq);
                hasValue = true;
            }
        }
        auto takeValue = [&](std::string* v) {
            if (hasValue) {
                *v = value;
                return true;
            }
            if (i + 1 >= argc) {
                *error = "option " + arg + " needs a value";
                return false;
            }
            *v = argv[++i];
            return true;
        };
        if (arg == "--help" || arg == "-h")
            return ParseResult::Help;
        if (arg == "--version")
            return ParseResult::Version;
        std::string v;
        if (arg == "--data-dir") {
            if (!takeValue(&v))
                return ParseResult::Error;
            if (v.empty()) {
                *error = "--data-dir must not be empty";
                return ParseResult::Error;
            }
            out->config.dataDir = v;
        } else if (arg == "--listen") {
            if (!takeValue(&v))
                return ParseResult::Error;
            if (!parseListenerList(v, true, &out->listenSpecs, error)) {
                *error = "--listen: " + *error;
                return ParseResult::Error;
            }
        } else if (arg == "--advertised-listener") {
            if (!takeValue(&v))
                return ParseResult::Error;
            if (!parseListenerList(v, false, &out->advertisedSpecs, error)) {
                *error = "--advertised-listener: " + *error;
                return ParseResult::Error;
            }
        } else if (arg == "--node-id") {
            if (!takeValue(&v))
                return ParseResult::Error;
            int32_t id = 0;
            auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
            if (ec != std::errc() || ptr != v.data() + v.size() || id < 0) {
                *error = "--node-id expects a non-negative integer, got '" + v + "'";
                return ParseResult::Error;
            }
            out->config.nodeId = id;
        } else if (arg == "--schema-registry") {
            if (!takeValue(&v))
                return ParseResult::Error;
            out->schemaRegistryExplicit = true;
            out->schemaRegistryEnabled = v != "off";
            if (out->schemaRegistryEnabled && !splitHostPort(v, &out->schemaRegistryHost, &out->schemaRegistryPort)) {
                *error = "--schema-registry expects HOST:PORT or off, got '" + v + "'";
                return ParseResult::Error;
            }
        } else if (arg == "--set") {
            if (!takeValue(&v))
                return ParseResult::Error;
            const size_t eq = v.find('=');
            if (eq == std::string::npos || eq == 0) {
                *error = "--set expects KEY=VALUE, got '" + v + "'";
                return ParseResult::Error;
            }
            std::string setError;
            if (!out->config.set(v.substr(0, eq), v.substr(eq + 1), &setError)) {
                *error = "--set " + v.substr(0, eq) + ": " + setError;
                return ParseResult::Error;
            }
        } else {
            *error = "unknown option '" + arg + "' (see --help)";
            return ParseResult::Error;
        }
    }
    if (!resolveListeners(out->listenSpecs, out->advertisedSpecs, !out->config.saslEnabledMechanisms.empty(),
            &out->listeners, error))
        return ParseResult::Error;
    const BrokerConfig& config = out->config;
    for (const auto& listener : out->listeners) {
        if (usesTls(listener.protocol) && (config.sslCertificateLocation.empty() || config.sslKeyLocation.empty())) {
            *error = std::string("the ") + securityProtocolName(listener.protocol)
                + " listener needs --set ssl.certificate.location=PEM and --set ssl.key.location=PEM";
            return ParseResult::Error;
        }
        if (usesTls(listener.protocol) && config.sslClientAuth != "none" && config.sslCaLocation.empty()) {
            *error = "ssl.client.auth=" + config.sslClientAuth
                + " needs --set ssl.ca.location=PEM to verify client certificates";
            return ParseResult::Error;
        }
    }
    // describe()'s listeners and advertised.listeners, as given (ports 0 included).
    out->config.listeners.clear();
    out->config.advertisedListeners.clear();
    for (const auto& listener : out->listeners) {
        const auto append = [](std::string* list, const std::string& entry) {
            *list += (list->empty() ? "" : ",") + entry;
        };
        append(&out->config.listeners, formatEndpoint(listener.protocol, listener.host, listener.port));
        if (!listener.advertisedHost.empty())
            append(&out->config.advertisedListeners,
                formatEndpoint(listener.protocol, listener.advertisedHost, listener.advertisedPort));
    }
    if (out->config.dataDir.empty())
        out->config.dataDir = BrokerConfig::defaultDataDir();
    return ParseResult::Run;
}

} // namespace samsa::broker::server
