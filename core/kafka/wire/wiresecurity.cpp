#include "wiresecurity.h"

namespace Samsa {

WireSecurity WireSecurity::fromProperties(const QList<QPair<QString, QString>>& properties)
{
    WireSecurity security;
    for (const auto& [key, value] : properties) {
        if (key == QLatin1String("security.protocol")) {
            const QString protocol = value.trimmed().toUpper();
            security.tls = protocol == QLatin1String("SSL") || protocol == QLatin1String("SASL_SSL");
            security.sasl = protocol == QLatin1String("SASL_PLAINTEXT") || protocol == QLatin1String("SASL_SSL");
            const bool known = security.tls || security.sasl || protocol == QLatin1String("PLAINTEXT");
            security.protocolProblem
                = known ? QString() : QStringLiteral("the security protocol '%1' is unknown").arg(value);
        } else if (key == QLatin1String("sasl.mechanisms") || key == QLatin1String("sasl.mechanism")) {
            security.mechanism = value.trimmed().toUpper();
        } else if (key == QLatin1String("sasl.username")) {
            security.username = value;
        } else if (key == QLatin1String("sasl.password")) {
            security.password = value;
        } else if (key == QLatin1String("ssl.ca.location")) {
            security.caFile = value;
        } else if (key == QLatin1String("ssl.certificate.location")) {
            security.certificateFile = value;
        } else if (key == QLatin1String("ssl.key.location")) {
            security.keyFile = value;
        } else if (key == QLatin1String("ssl.key.password")) {
            security.keyPassword = value;
        } else if (key == QLatin1String("ssl.endpoint.identification.algorithm")) {
            security.verifyHostname = value.trimmed().toLower() != QLatin1String("none");
        }
    }
    if (security.sasl && security.mechanism.isEmpty())
        security.mechanism = QStringLiteral("GSSAPI"); // librdkafka's default
    return security;
}

QString WireSecurity::unsupportedReason() const
{
    if (!protocolProblem.isEmpty())
        return protocolProblem;
    if (sasl && mechanism != QLatin1String("PLAIN"))
        return QStringLiteral("Samsa's own requests speak SASL PLAIN only so far, not %1").arg(mechanism);
    return {};
}

} // namespace Samsa
