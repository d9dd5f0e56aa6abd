#pragma once

// Secrets (SASL password, key passphrase, Schema Registry password) live in the system keychain
// through QtKeychain, keyed by profile id. Where no keychain service answers, secrets are kept in
// memory for this session only, unless the user has chosen the protected file
// ($XDG_DATA_HOME/samsa/secrets.json, mode 0600) with setUseProtectedFile(true).
// Nothing here logs a secret. All calls are asynchronous: the keychain may prompt or be slow.
// Environment: SAMSA_KEYCHAIN=off skips the keychain (tests, headless machines).

#include "connectionprofile.h"

#include <QObject>

namespace Samsa {

class SecretStore : public QObject {
    Q_OBJECT
public:
    enum class Backend { Keychain, SessionOnly, ProtectedFile };
    Q_ENUM(Backend)

    explicit SecretStore(QObject* parent = nullptr);
    ~SecretStore() override;

    Backend backend() const;
    // Human text for the UI: "System keychain", or why secrets are session-only.
    QString backendDescription() const;
    void setUseProtectedFile(bool use); // persisted in QSettings ("secrets/protectedFile"), no secret there
    bool usesProtectedFile() const;

    void write(qint64 profileId, const ProfileSecrets& secrets); // answered by written()
    void read(qint64 profileId); // answered by secretsRead()
    void remove(qint64 profileId); // answered by removed()

Q_SIGNALS:
    void written(qint64 profileId, const QString& error); // empty error: stored
    void secretsRead(qint64 profileId, const Samsa::ProfileSecrets& secrets, const QString& error);
    void removed(qint64 profileId);
    // The keychain failed (e.g. no service): the store switched to SessionOnly; the UI shows this.
    void backendChanged(Samsa::SecretStore::Backend backend, const QString& reason);

private:
    struct Private;
    Private* d;
};

} // namespace Samsa
