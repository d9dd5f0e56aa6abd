#pragma once

// secrets.json, readable by its owner only (0600). Every write goes to a new 0600 file that then
// replaces the old one, so the secrets are never in a file anyone else could read, not even briefly.
// Blocking file I/O: SecretStore calls these on its worker thread.

#include "connectionprofile.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace Samsa {

QByteArray secretsToJson(const ProfileSecrets& secrets);
bool secretsFromJson(const QByteArray& json, ProfileSecrets* secrets);

class ProtectedSecretsFile {
public:
    explicit ProtectedSecretsFile(const QString& path);

    static QString defaultPath(); // $XDG_DATA_HOME/samsa/secrets.json
    QString path() const { return m_path; }

    // A missing file is an empty map, not an error.
    bool load(QHash<qint64, ProfileSecrets>* secrets, QString* error) const;
    bool save(const QHash<qint64, ProfileSecrets>& secrets, QString* error) const;

private:
    QString m_path;
};

} // namespace Samsa
