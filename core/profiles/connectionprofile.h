#pragma once

// A saved way to reach a cluster. Secrets are not members: they live in the keychain (see SecretStore)
// and travel separately as ProfileSecrets so that nothing that stores a profile can store a secret.

#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

namespace Samsa {

enum class SecurityProtocol { Plaintext, Ssl, SaslPlaintext, SaslSsl };
enum class SaslMechanism { Plain, ScramSha256, ScramSha512 };

QString securityProtocolName(SecurityProtocol protocol); // "PLAINTEXT", "SSL", ...
bool parseSecurityProtocol(const QString& text, SecurityProtocol* protocol); // case-insensitive
QString saslMechanismName(SaslMechanism mechanism); // "PLAIN", "SCRAM-SHA-256", ...
bool parseSaslMechanism(const QString& text, SaslMechanism* mechanism);
bool usesSasl(SecurityProtocol protocol);
bool usesTls(SecurityProtocol protocol);

struct ConnectionProfile {
    qint64 id = 0; // 0: not stored yet
    QString name;
    QString bootstrapServers; // "host:port,host:port"
    SecurityProtocol securityProtocol = SecurityProtocol::Plaintext;
    SaslMechanism saslMechanism = SaslMechanism::Plain;
    QString saslUsername;
    QString caFile;
    QString certificateFile;
    QString keyFile;
    bool verifyHostname = true;
    QList<QPair<QString, QString>> extraProperties; // librdkafka key=value, in the user's order
    QString schemaRegistryUrl;
    QString schemaRegistryUsername;

    bool operator==(const ConnectionProfile&) const = default;
};

struct ProfileSecrets {
    QString saslPassword;
    QString keyPassword; // passphrase of the client key
    QString schemaRegistryPassword;

    bool isEmpty() const { return saslPassword.isEmpty() && keyPassword.isEmpty() && schemaRegistryPassword.isEmpty(); }
    bool operator==(const ProfileSecrets&) const = default;
};

} // namespace Samsa

Q_DECLARE_METATYPE(Samsa::ConnectionProfile)
