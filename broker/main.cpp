// samsa-broker: a single-node Kafka-protocol broker.

#include "api/dispatcher.h"
#include "brokerversion.h"
#include "common/log.h"
#include "registry/registryservice.h"
#include "security/authorizer.h"
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
    pthread_sigmask(SIG_BLOCK, &blocked, nullptr);

    // Bind first, so that a port in use is reported before the data directory is touched.
    server::ServerOptions options;
    options.listenHost = cli.listenHost;
    options.listenPort = cli.listenPort;
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

    std::string advertisedHost = cli.advertisedHost;
    int32_t advertisedPort = cli.advertisedPort;
    if (advertisedHost.empty()) {
        advertisedHost = cli.listenHost == "0.0.0.0" || cli.listenHost == "::" ? "127.0.0.1" : cli.listenHost;
        advertisedPort = server.boundPort();
    }
    api::Dispatcher dispatcher(*logs, logs->config(), advertisedHost, advertisedPort);
    // ACLs are read before any client is served: a damaged ACL file stops the start (never an empty set).
    auto authorizer = security::Authorizer::open(logs->config(), &error);
    if (!authorizer && !error.empty()) {
        std::fprintf(stderr, "samsa-broker: %s\n", error.c_str());
        return 2;
    }
    dispatcher.broker().authorizer = authorizer.get();

    if (schemaRegistry) {
        if (!schemaRegistry->start(*logs, &error)) {
            std::fprintf(stderr, "samsa-broker: %s\n", error.c_str());
            return 2;
        }
        log(LogLevel::Info, "schema registry listening on %s", schemaRegistry->address().c_str());
    }
    if (!registryWarning.empty())
        log(LogLevel::Warning, "%s", registryWarning.c_str());

    log(LogLevel::Info, "cluster %s, node %d, data in %s", logs->clusterId().c_str(), logs->nodeId(),
        cli.config.dataDir.c_str());
    std::printf("samsa-broker ready %s:%u\n", cli.listenHost.c_str(), static_cast<unsigned>(server.boundPort()));
    std::fflush(stdout);

    server.runUntilSignalled(dispatcher);
    if (schemaRegistry)
        schemaRegistry->stop();
    logs->shutdown();
    log(LogLevel::Info, "stopped");
    return 0;
}
