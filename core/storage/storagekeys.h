#pragma once

// How per-cluster rows in samsa.db name their cluster: a saved profile by its id (which survives a
// rename), a cluster reached without a profile (samsactl --bootstrap) by its bootstrap servers.

#include "profiles/connectionprofile.h"

#include <QString>

namespace Samsa {

inline QString clusterStorageKey(const ConnectionProfile& profile)
{
    return profile.id > 0 ? QStringLiteral("profile:%1").arg(profile.id)
                          : QStringLiteral("bootstrap:%1").arg(profile.bootstrapServers.trimmed());
}

} // namespace Samsa
