#include "connectionconfig.h"

#include "librdkafkaproperty.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

namespace Samsa {

namespace {

// "host:port", "[v6-address]:port", optionally behind a "SASL_SSL://"-style scheme as librdkafka
// and the Java client both accept.
QString bootstrapEntryProblem(const QString& entry)
{
    static const QRegularExpression schemePrefix(QStringLiteral("^[A-Za-z_]+://"));
    QString rest = entry;
    rest.remove(schemePrefix);
    QString host;
    QString port;
    if (rest.startsWith(QLatin1Char('['))) {
        const qsizetype close = rest.indexOf(QLatin1Char(']'));
        if (close < 0 || close + 1 >= rest.size() || rest.at(close + 1) != QLatin1Char(':'))
            return QStringLiteral("'%1' is not host:port").arg(entry);
        host = rest.mid(1, close - 1);
        port = rest.mid(close + 2);
    } else {
        const qsizetype colon = rest.lastIndexOf(QLatin1Char(':'));
        if (colon < 0)
            return QStringLiteral("'%1' has no port (expected host:port)").arg(entry);
        host = rest.left(colon);
        port = rest.mid(colon + 1);
    }
    static const QRegularExpression hostPattern(QStringLiteral("^[A-Za-z0-9._:-]+$"));
    if (host.isEmpty() || !hostPattern.match(host).hasMatch())
        return QStringLiteral("'%1' has no valid host name").arg(entry);
    bool isNumber = false;
    const int portNumber = port.toInt(&isNumber);
    if (!isNumber || portNumber < 1 || portNumber > 65535)
        return QStringLiteral("'%1' needs a port between 1 and 65535").arg(entry);
    return {};
}

void checkReadableFile(const QString& path, const QString& what, QStringList* problems)
{
    if (path.isEmpty())
        return;
    const QFileInfo info(path);
    if (!info.exists())
        problems->append(QStringLiteral("%1 '%2' does not exist.").arg(what, path));
    else if (!info.isFile())
        problems->append(QStringLiteral("%1 '%2' is not a file.").arg(what, path));
    else if (!info.isReadable())
        problems->append(QStringLiteral("%1 '%2' cannot be read.").arg(what, path));
}

bool isValidRegistryUrl(const QString& text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    return url.isValid() && (scheme == QLatin1String("http") || scheme == QLatin1String("https"))
        && !url.host().isEmpty();
}

} // namespace

QList<QPair<QString, QString>> ConnectionConfig::librdkafkaProperties(
    const ConnectionProfile& profile, const ProfileSecrets& secrets)
{
    QList<QPair<QString, QString>> properties;
    const auto add = [&properties](const char* key, const QString& value) {
        properties.append({ QString::fromLatin1(key), value });
    };
    add("bootstrap.servers", profile.bootstrapServers.trimmed());
    add("security.protocol", securityProtocolName(profile.securityProtocol).toLower());
    if (usesSasl(profile.securityProtocol)) {
        add("sasl.mechanisms", saslMechanismName(profile.saslMechanism));
        add("sasl.username", profile.saslUsername);
        add("sasl.password", secrets.saslPassword);
    }
    if (usesTls(profile.securityProtocol)) {
        if (!profile.caFile.isEmpty())
            add("ssl.ca.location", profile.caFile);
        if (!profile.certificateFile.isEmpty())
            add("ssl.certificate.location", profile.certificateFile);
        if (!profile.keyFile.isEmpty())
            add("ssl.key.location", profile.keyFile);
        if (!secrets.keyPassword.isEmpty())
            add("ssl.key.password", secrets.keyPassword);
        add("ssl.endpoint.identification.algorithm",
            profile.verifyHostname ? QStringLiteral("https") : QStringLiteral("none"));
    }
    properties.append(profile.extraProperties);
    return properties;
}

// Passwords may legitimately be empty (stored elsewhere, or not needed), so secrets are not checked.
QStringList ConnectionConfig::validate(const ConnectionProfile& profile, const ProfileSecrets& /*secrets*/)
{
    QStringList problems;
    if (profile.name.trimmed().isEmpty())
        problems.append(QStringLiteral("The profile needs a name."));

    const QString servers = profile.bootstrapServers.trimmed();
    if (servers.isEmpty()) {
        problems.append(QStringLiteral("Bootstrap servers are empty: enter at least one host:port."));
    } else {
        for (const QString& part : servers.split(QLatin1Char(','))) {
            const QString entry = part.trimmed();
            if (entry.isEmpty())
                continue;
            const QString problem = bootstrapEntryProblem(entry);
            if (!problem.isEmpty())
                problems.append(QStringLiteral("Bootstrap servers: %1.").arg(problem));
        }
    }

    if (usesSasl(profile.securityProtocol) && profile.saslUsername.trimmed().isEmpty())
        problems.append(QStringLiteral("SASL needs a user name."));

    if (usesTls(profile.securityProtocol)) {
        checkReadableFile(profile.caFile, QStringLiteral("TLS CA file"), &problems);
        checkReadableFile(profile.certificateFile, QStringLiteral("Client certificate file"), &problems);
        checkReadableFile(profile.keyFile, QStringLiteral("Client key file"), &problems);
        if (profile.certificateFile.isEmpty() != profile.keyFile.isEmpty())
            problems.append(QStringLiteral("A client certificate and its key must be given together."));
    }

    if (!profile.schemaRegistryUrl.trimmed().isEmpty()) {
        for (const QString& url : profile.schemaRegistryUrl.split(QLatin1Char(','))) {
            if (!isValidRegistryUrl(url))
                problems.append(QStringLiteral("Schema Registry URL '%1' is not a valid http:// or https:// URL.")
                                    .arg(url.trimmed()));
        }
    }

    for (const auto& [key, value] : profile.extraProperties) {
        if (isSecretProperty(key)) {
            problems.append(QStringLiteral("extra property '%1': secrets cannot be kept in extra properties; "
                                           "use the password fields, which go to the keychain")
                                .arg(key));
            continue;
        }
        const LibrdkafkaPropertyCheck check = checkLibrdkafkaProperty(key, value);
        if (check.result != LibrdkafkaPropertyCheck::Result::Accepted)
            problems.append(QStringLiteral("extra property '%1': %2").arg(key, check.error));
    }
    return problems;
}

QList<QPair<QString, QString>> ConnectionConfig::parseExtraProperties(const QString& text, QStringList* errors)
{
    QList<QPair<QString, QString>> properties;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const QString line = lines.at(index).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        const QString key = equals < 0 ? QString() : line.left(equals).trimmed();
        if (equals < 0 || key.isEmpty()) {
            if (errors) {
                errors->append(equals < 0 ? QStringLiteral("line %1: expected key=value").arg(index + 1)
                                          : QStringLiteral("line %1: the key before '=' is empty").arg(index + 1));
            }
            continue;
        }
        properties.append({ key, line.mid(equals + 1).trimmed() });
    }
    return properties;
}

QString ConnectionConfig::formatExtraProperties(const QList<QPair<QString, QString>>& properties)
{
    QStringList lines;
    lines.reserve(properties.size());
    for (const auto& [key, value] : properties)
        lines.append(key + QLatin1Char('=') + value);
    return lines.join(QLatin1Char('\n'));
}

} // namespace Samsa
