#pragma once

// Which Schema Registry a samsactl command talks to: --registry, else the profile's, else the local
// broker's (http://127.0.0.1:8081) when the cluster runs on this machine; none otherwise. The
// profile's registry credentials go only to the profile's own registry.

#include "ctloptions.h"
#include "profiles/connectionprofile.h"
#include "registry/schemacache.h"

#include <QUrl>
#include <memory>

namespace Samsa::Ctl {

struct RegistryChoice {
    QUrl url; // empty: no registry
    QString user;
    QString password;
};

RegistryChoice chooseRegistry(const CtlOptions& options, const ConnectionProfile& profile, const ProfileSecrets& secrets);

// A schema cache (in memory only) for the chosen registry; null when there is none.
std::shared_ptr<SchemaCache> makeSchemaCache(const RegistryChoice& registry, int timeoutMs);

} // namespace Samsa::Ctl
