#pragma once

// The connection profile "Local" that points at the local broker: created on the first run, and kept
// pointing at the broker's port when the user changes it.

#include <QString>
#include <QtGlobal>

namespace Samsa {

class ProfileStore;

QString localProfileName(); // "Local"
QString localBootstrap(quint16 port); // "127.0.0.1:PORT"

// Makes sure a profile named "Local" exists (PLAINTEXT, bootstrap 127.0.0.1:port) and returns its id,
// or 0 when the store refused. An existing profile is left as the user made it; `created` tells
// whether it had to be made.
qint64 ensureLocalProfile(ProfileStore* store, quint16 port, bool* created = nullptr);

// Points the profile's bootstrap at 127.0.0.1:port when it pointed at another local port. Returns
// whether the profile changed.
bool followLocalPort(ProfileStore* store, qint64 profileId, quint16 port);

} // namespace Samsa
