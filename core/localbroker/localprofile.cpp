#include "localprofile.h"

#include "localbroker.h"
#include "profiles/profilestore.h"

namespace Samsa {

QString localProfileName()
{
    return QStringLiteral("Local");
}

QString localBootstrap(quint16 port)
{
    return LocalBroker::listenHost() + QLatin1Char(':') + QString::number(port);
}

qint64 ensureLocalProfile(ProfileStore* store, quint16 port, bool* created)
{
    if (created)
        *created = false;
    if (const std::optional<ConnectionProfile> existing = store->profileByName(localProfileName()))
        return existing->id;
    ConnectionProfile profile;
    profile.name = localProfileName();
    profile.bootstrapServers = localBootstrap(port);
    profile.securityProtocol = SecurityProtocol::Plaintext;
    // samsa-broker's embedded Schema Registry listens here unless started with --schema-registry off.
    profile.schemaRegistryUrl = QStringLiteral("http://127.0.0.1:8081");
    const qint64 id = store->save(profile);
    if (created)
        *created = id != 0;
    return id;
}

bool followLocalPort(ProfileStore* store, qint64 profileId, quint16 port)
{
    std::optional<ConnectionProfile> profile = store->profile(profileId);
    if (!profile || profile->bootstrapServers == localBootstrap(port))
        return false;
    // Only a bootstrap that is one local address is ours to change; a user's edit is left alone.
    const QString current = profile->bootstrapServers.trimmed();
    const bool local = !current.contains(QLatin1Char(','))
        && (current.startsWith(QLatin1String("127.0.0.1:")) || current.startsWith(QLatin1String("localhost:")));
    if (!local)
        return false;
    profile->bootstrapServers = localBootstrap(port);
    return store->save(*profile) != 0;
}

} // namespace Samsa
