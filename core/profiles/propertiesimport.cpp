#include "propertiesimport.h"

#include "jaasconfig.h"
#include "javaproperties.h"
#include "librdkafkaproperty.h"

#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

namespace Samsa {

namespace {

const QLatin1String plainLoginModule("org.apache.kafka.common.security.plain.PlainLoginModule");
const QLatin1String scramLoginModule("org.apache.kafka.common.security.scram.ScramLoginModule");

// Keys that are understood and deliberately have no effect on a profile.
bool isIgnoredKey(const QString& key)
{
    return key == QLatin1String("basic.auth.credentials.source")
        || key == QLatin1String("schema.registry.basic.auth.credentials.source");
}

class Importer {
public:
    explicit Importer(PropertiesImportResult* result)
        : m_result(result)
    {
    }

    void apply(const JavaProperty& property);
    void finish();

private:
    void error(const JavaProperty& property, const QString& text)
    {
        m_result->errors.append(QStringLiteral("line %1: %2").arg(property.line).arg(text));
    }
    void applyJaas(const JavaProperty& property);
    void applyOther(const JavaProperty& property);

    PropertiesImportResult* m_result;
    bool m_protocolSet = false;
    bool m_mechanismSet = false;
    bool m_usernameSet = false;
    QString m_jaasModule;
};

void Importer::apply(const JavaProperty& property)
{
    ConnectionProfile& profile = m_result->profile;
    ProfileSecrets& secrets = m_result->secrets;
    const QString& key = property.key;
    const QString& value = property.value;

    if (key == QLatin1String("bootstrap.servers")) {
        QStringList servers;
        for (const QString& server : value.split(QLatin1Char(','))) {
            if (!server.trimmed().isEmpty())
                servers.append(server.trimmed());
        }
        profile.bootstrapServers = servers.join(QLatin1Char(','));
    } else if (key == QLatin1String("security.protocol")) {
        if (parseSecurityProtocol(value, &profile.securityProtocol))
            m_protocolSet = true;
        else
            error(property,
                QStringLiteral("unknown security.protocol '%1' (expected PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL)")
                    .arg(value));
    } else if (key == QLatin1String("sasl.mechanism") || key == QLatin1String("sasl.mechanisms")) {
        if (parseSaslMechanism(value, &profile.saslMechanism))
            m_mechanismSet = true;
        else
            error(property,
                QStringLiteral("SASL mechanism '%1' is not supported (expected PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512)")
                    .arg(value));
    } else if (key == QLatin1String("sasl.jaas.config")) {
        applyJaas(property);
    } else if (key == QLatin1String("sasl.username")) {
        profile.saslUsername = value;
        m_usernameSet = true;
    } else if (key == QLatin1String("sasl.password")) {
        secrets.saslPassword = value;
    } else if (key == QLatin1String("ssl.ca.location")) {
        profile.caFile = value;
    } else if (key == QLatin1String("ssl.certificate.location")) {
        profile.certificateFile = value;
    } else if (key == QLatin1String("ssl.key.location")) {
        profile.keyFile = value;
    } else if (key == QLatin1String("ssl.key.password")) {
        secrets.keyPassword = value;
    } else if (key == QLatin1String("ssl.endpoint.identification.algorithm")) {
        if (value.isEmpty() || value.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
            profile.verifyHostname = false;
        else if (value.compare(QLatin1String("https"), Qt::CaseInsensitive) == 0)
            profile.verifyHostname = true;
        else
            error(property,
                QStringLiteral("ssl.endpoint.identification.algorithm '%1' is not known (expected https or empty)")
                    .arg(value));
    } else if (key == QLatin1String("schema.registry.url")) {
        profile.schemaRegistryUrl = value;
    } else if (key == QLatin1String("basic.auth.user.info")
        || key == QLatin1String("schema.registry.basic.auth.user.info")) {
        const qsizetype colon = value.indexOf(QLatin1Char(':'));
        if (colon < 0) {
            error(property, QStringLiteral("%1 must be user:password").arg(key));
        } else {
            profile.schemaRegistryUsername = value.left(colon);
            secrets.schemaRegistryPassword = value.mid(colon + 1);
        }
    } else if (key.startsWith(QLatin1String("ssl.truststore."))) {
        m_result->unsupported.append(
            QStringLiteral("%1: Java truststores (JKS/PKCS12) are not supported; export the CA certificate as PEM "
                           "(keytool -exportcert -rfc) and choose it as \"TLS CA file\"")
                .arg(key));
    } else if (key.startsWith(QLatin1String("ssl.keystore."))) {
        m_result->unsupported.append(QStringLiteral(
            "%1: Java keystores (JKS/PKCS12) are not supported; export the client certificate and key as PEM "
            "files and choose them as client certificate and key (export the CA as PEM for \"TLS CA file\")")
                                         .arg(key));
    } else if (!isIgnoredKey(key)) {
        applyOther(property);
    }
}

void Importer::applyJaas(const JavaProperty& property)
{
    const JaasConfig jaas = parseJaasConfig(property.value);
    if (!jaas.error.isEmpty()) {
        error(property, QStringLiteral("cannot read sasl.jaas.config: %1").arg(jaas.error));
        return;
    }
    if (jaas.loginModule != plainLoginModule && jaas.loginModule != scramLoginModule) {
        error(property,
            QStringLiteral("sasl.jaas.config: login module %1 is not supported (only PlainLoginModule and "
                           "ScramLoginModule with username and password)")
                .arg(jaas.loginModule));
        return;
    }
    const QString username = jaas.options.value(QStringLiteral("username"));
    if (username.isEmpty())
        error(property, QStringLiteral("sasl.jaas.config has no username=\"...\""));
    else if (!m_usernameSet)
        m_result->profile.saslUsername = username;
    if (!jaas.options.contains(QStringLiteral("password")))
        error(property, QStringLiteral("sasl.jaas.config has no password=\"...\""));
    else if (m_result->secrets.saslPassword.isEmpty())
        m_result->secrets.saslPassword = jaas.options.value(QStringLiteral("password"));
    m_jaasModule = jaas.loginModule;
}

void Importer::applyOther(const JavaProperty& property)
{
    if (isSecretProperty(property.key)) {
        m_result->unsupported.append(
            QStringLiteral("%1: holds a secret that Samsa cannot keep in a profile; not imported").arg(property.key));
        return;
    }
    const LibrdkafkaPropertyCheck check = checkLibrdkafkaProperty(property.key, property.value);
    switch (check.result) {
    case LibrdkafkaPropertyCheck::Result::Accepted: {
        auto& extras = m_result->profile.extraProperties;
        // Like java.util.Properties, a repeated key keeps its first place and its last value.
        for (auto& extra : extras) {
            if (extra.first == property.key) {
                extra.second = property.value;
                return;
            }
        }
        extras.append({ property.key, property.value });
        return;
    }
    case LibrdkafkaPropertyCheck::Result::UnknownKey:
        if (!m_result->unknownKeys.contains(property.key))
            m_result->unknownKeys.append(property.key);
        return;
    case LibrdkafkaPropertyCheck::Result::InvalidValue:
        error(property, QStringLiteral("%1: %2").arg(property.key, check.error));
        return;
    case LibrdkafkaPropertyCheck::Result::Refused:
        m_result->unsupported.append(QStringLiteral("%1: %2").arg(property.key, check.error));
        return;
    }
}

void Importer::finish()
{
    ConnectionProfile& profile = m_result->profile;
    if (!m_jaasModule.isEmpty() && !m_mechanismSet) {
        // The Java client defaults to GSSAPI, which we do not offer: pick what the login module implies.
        if (m_jaasModule == plainLoginModule) {
            profile.saslMechanism = SaslMechanism::Plain;
        } else {
            profile.saslMechanism = SaslMechanism::ScramSha512;
            m_result->errors.append(
                QStringLiteral("sasl.mechanism is missing; assumed SCRAM-SHA-512 for ScramLoginModule"));
        }
    }
    if (!m_protocolSet && (!m_jaasModule.isEmpty() || !profile.saslUsername.isEmpty()))
        m_result->errors.append(QStringLiteral("SASL credentials are given but security.protocol is not; the profile "
                                               "uses PLAINTEXT until you choose one"));
    if (profile.bootstrapServers.isEmpty())
        m_result->errors.append(QStringLiteral("bootstrap.servers is missing; the profile needs at least one broker"));
    m_result->ok = !profile.bootstrapServers.isEmpty();
}

} // namespace

PropertiesImportResult PropertiesImport::parse(const QString& text, const QString& profileName)
{
    PropertiesImportResult result;
    result.profile.name = profileName;
    Importer importer(&result);
    for (const JavaProperty& property : parseJavaProperties(text, &result.errors))
        importer.apply(property);
    importer.finish();
    return result;
}

PropertiesImportResult PropertiesImport::parseFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        PropertiesImportResult result;
        result.errors.append(QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
        return result;
    }
    // A client.properties file is tiny; anything huge is not one and would only stall the UI.
    constexpr qint64 maximumSize = 1024 * 1024;
    if (file.size() > maximumSize) {
        PropertiesImportResult result;
        result.errors.append(QStringLiteral("%1 is larger than 1 MiB; it is not a client properties file").arg(path));
        return result;
    }
    const QByteArray bytes = file.readAll();
    // Java reads properties files as ISO-8859-1 but they are usually written as UTF-8.
    QStringDecoder utf8(QStringDecoder::Utf8);
    QString text = utf8(bytes);
    if (utf8.hasError())
        text = QString::fromLatin1(bytes);
    return parse(text, QFileInfo(path).completeBaseName());
}

} // namespace Samsa
