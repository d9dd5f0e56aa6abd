// samsa-broker: a single-node Kafka-protocol broker.

#include "api/dispatcher.h"
#include "brokerversion.h"
#include "common/log.h"
#include "registry/registryservice.h"
#include "security/authorizer.h"
#include "security/userstore.h"
#include "server/commandline.h"
#include "server/server.h"
#include "storage/brokerconfig.h"
#include "storage/logmanager.h"

#include <csignal>
#include <memory>
#include <cstdio>
#include <string>

using namespace samsa::broker;

int main(int argc, char** argv)
{
    server::CommandLine cli;
    std::string error;
    const auto parsed = server::parseCommandLine(argc, argv, &cli, &error);
    if (parsed == server::ParseResult::Error) {
        std::fprintf(stderr, "samsa-broker: %s\n", error.c_str());
        return 2;
    }
    if (parsed == server::ParseResult::Help) {
        std::fputs(server::usageText().c_str(), stdout);
        return 0;
    }
    if (parsed == server::ParseResult::Version) {
        std::printf("samsa-broker %s\n", version());
        return 0;
    }
    // Signals are handled by the server's asio signal_set, which unblocks them once it is in place;
    // ignore SIGPIPE (writes use MSG_NOSIGNAL, but sendfile does not).
    std::signal(SIGPIPE, SIG_IGN);
    sigset_t blocked;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGTERM);
    sigaddset(&blocked, SIGINT);
    sigaddset(&blocked, SIGHUP); // reloads the SASL users file once the server handles it
    pthread_sigmask(SIG_BLOCK, &blocked, nullptr);

    // SASL users (sasl.plain.users and sasl.users.file) first: a bad or world-readable file stops the start.
    security::UserStore users(cli.config.saslUsersFile, cli.config.saslPlainUsers);
    if (!users.load(&error)) {
        std::fprintf(stderr, "samsa-broker: %s\n", error.c_str());
        return 2;
    }

    // Bind first, so that a port in use is reported before the data directory is touched.
    server::ServerOptions options;
    options.listeners = cli.listeners;
    options.tls = { cli.config.sslCertificateLocation, cli.config.sslKeyLocation, cli.config.sslCaLocation,
        cli.config.sslClientAuth };
    options.threads = cli.config.numNetworkThreads;
    options.maxRequestBytes = cli.config.socketRequestMaxBytes;
    server::Server server(options);
    if (!server.listen(&error)) {
        std::fprintf(stderr, "samsa-broker: %s\n", error.c_str());
        return 2;
    }

    std::unique_ptr<registry::RegistryService> schemaRegistry;
    std::string registryWarning;
    if (cli.schemaRegistryEnabled) {
        schemaRegistry = std::make_unique<registry::RegistryService>(cli.schemaRegistryHost, cli.schemaRegistryPort);
        if (!schemaRegistry->listen(&error)) {
            if (cli.schemaRegistryExplicit) {
                std::fprintf(stderr, "samsa-broker: %s\n", error.c_str());
                return 2;
            }
            // Said once the broker is sure to start, so that a failing start still gives one line.
            registryWarning = error + "; running without it (see --schema-registry)";
            schemaRegistry.reset();
        }
    }

    auto logs = LogManager::open(cli.config, &error);
    if (!logs) {
        std::fprintf(stderr, "samsa-broker: %s\n", error.c_str());
        return 2;
    }

    // Handlers fall back to the first listener's endpoint where a connection names none.
    const server::ResolvedListener& first = server.listeners().front();
    const std::string advertisedHost = first.advertisedHost;
    const int32_t advertisedPort = first.advertisedPort;
    api::Dispatcher dispatcher(*logs, logs->config(), advertisedHost, advertisedPort);
    // ACLs are read before any client is served: a damaged ACL file stops the start (never an empty set).
    auto authorizer = security::Authorizer::open(logs->config(), &error);
    if (!authorizer && !error.empty()) {
        std::fprintf(stderr, "samsa-broker: %s\n", error.c_str());
        return 2;
    }
    dispatcher.broker().authorizer = authorizer.get();
    dispatcher.broker().users = &users;

    if (schemaRegistry) {
        if (!schemaRegistry->start(
                *logs, &users, std::chrono::milliseconds(logs->config().failedAuthenticationDelayMs), &error)) {
            std::fprintf(stderr, "samsa-broker: %s\n", error.c_str());
            return 2;
        }
        log(LogLevel::Info, "schema registry listening on %s", schemaRegistry->address().c_str());
    }
    if (!registryWarning.empty())
        log(LogLevel::Warning, "%s", registryWarning.c_str());

    log(LogLevel::Info, "cluster %s, node %d, data in %s", logs->clusterId().c_str(), logs->nodeId(),
        cli.config.dataDir.c_str());
    // One line per listener (tests find each listener's port here), then the ready line on stdout
    // with the first listener's address, as the app and scripts have always read it.
    for (const auto& listener : server.listeners()) {
        log(LogLevel::Info, "listening on %s (advertised as %s)",
            server::formatEndpoint(listener.protocol, listener.host, listener.port).c_str(),
            server::formatEndpoint(listener.protocol, listener.advertisedHost, listener.advertisedPort).c_str());
        const bool authenticates = server::usesSasl(listener.protocol) || cli.config.sslClientAuth == "required";
        if (!authenticates && !server::isLoopbackHost(listener.host))
            log(LogLevel::Warning,
                "the %s listener on %s is reachable from other hosts and does not authenticate clients: anyone "
                "who can connect can read and write every topic (use SASL_SSL, or SSL with ssl.client.auth=required)",
                server::securityProtocolName(listener.protocol), listener.host.c_str());
    }
    std::printf("samsa-broker ready %s:%u\n", first.host.c_str(), static_cast<unsigned>(first.port));
    std::fflush(stdout);

    server.runUntilSignalled(dispatcher);
    if (schemaRegistry)
        schemaRegistry->stop();
    logs->shutdown();
    log(LogLevel::Info, "stopped");
    return 0;
}
