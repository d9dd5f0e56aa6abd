#include "registrychoice.h"

namespace Samsa::Ctl {

namespace {

bool isLocalCluster(const QString& bootstrapServers)
{
    const QStringList servers = bootstrapServers.split(QLatin1Char(','), Qt::SkipEmptyParts);
    return !servers.isEmpty() && std::all_of(servers.cbegin(), servers.cend(), [](const QString& server) {
        const QString host = server.trimmed().section(QLatin1Char(':'), 0, 0);
        return host == QLatin1String("127.0.0.1") || host == QLatin1String("localhost");
    });
}

} // namespace

RegistryChoice chooseRegistry(const CtlOptions& options, const ConnectionProfile& profile, const ProfileSecrets& secrets)
{
    RegistryChoice choice;
    const QString profileUrl = profile.schemaRegistryUrl.trimmed();
    if (!options.registry.isEmpty())
        choice.url = QUrl(options.registry);
    else if (!profileUrl.isEmpty())
        choice.url = QUrl(profileUrl);
    else if (isLocalCluster(profile.bootstrapServers))
        choice.url = QUrl(QStringLiteral("http://127.0.0.1:8081"));
    if (!profileUrl.isEmpty() && choice.url == QUrl(profileUrl)) {
        choice.user = profile.schemaRegistryUsername;
        choice.password = secrets.schemaRegistryPassword;
    }
    return choice;
}

std::shared_ptr<SchemaCache> makeSchemaCache(const RegistryChoice& registry, int timeoutMs)
{
    if (registry.url.isEmpty())
        return nullptr;
    SchemaCache::Options cacheOptions;
    cacheOptions.registryUrl = registry.url;
    cacheOptions.user = registry.user;
    cacheOptions.password = registry.password;
    cacheOptions.timeoutMs = timeoutMs;
    return std::make_shared<SchemaCache>(cacheOptions);
}

} // namespace Samsa::Ctl
