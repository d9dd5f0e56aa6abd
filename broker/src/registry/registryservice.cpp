#include "registry/registryservice.h"

#include "registry/basicauth.h"
#include "registry/registryroutes.h"
#include "registry/schemaregistry.h"
#include "storage/brokerconfig.h"
#include "storage/logmanager.h"

namespace samsa::broker::registry {

namespace {

HttpServerOptions optionsFor(const std::string& host, uint16_t port)
{
    HttpServerOptions options;
    options.host = host;
    options.port = port;
    return options;
}

} // namespace

RegistryService::RegistryService(const std::string& host, uint16_t port)
    : m_host(host)
    , m_server(optionsFor(host, port))
{
}

RegistryService::~RegistryService()
{
    stop();
}

bool RegistryService::listen(std::string* error)
{
    return m_server.listen(error);
}

bool RegistryService::start(
    LogManager& logs, const security::UserStore* users, std::chrono::milliseconds failedAuthDelay, std::string* error)
{
    m_registry = SchemaRegistry::open(logs, error);
    if (!m_registry) {
        *error = "schema registry: " + *error;
        return false;
    }
    SchemaRegistry& registry = *m_registry;
    // The broker's SASL users guard the registry too: an open registry beside a listener that
    // requires SASL would hand its schemas (and writes to _schemas) to anyone.
    m_server.start([&registry, auth = BasicAuth(users), failedAuthDelay](const HttpRequest& request) {
        if (!auth.allows(request)) {
            HttpResponse refused = BasicAuth::challenge();
            if (auth.required())
                refused.delay = failedAuthDelay;
            return refused;
        }
        return handleRegistryRequest(registry, request);
    });
    return true;
}

void RegistryService::stop()
{
    m_server.stop();
}

std::string RegistryService::address() const
{
    const bool v6 = m_host.find(':') != std::string::npos;
    return (v6 ? "[" + m_host + "]" : m_host) + ":" + std::to_string(m_server.boundPort());
}

} // namespace samsa::broker::registry
