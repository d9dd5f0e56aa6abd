#include "connectionprofile.h"

namespace Samsa {

QString securityProtocolName(SecurityProtocol protocol)
{
    switch (protocol) {
    case SecurityProtocol::Plaintext:
        return QStringLiteral("PLAINTEXT");
    case SecurityProtocol::Ssl:
        return QStringLiteral("SSL");
    case SecurityProtocol::SaslPlaintext:
        return QStringLiteral("SASL_PLAINTEXT");
    case SecurityProtocol::SaslSsl:
        return QStringLiteral("SASL_SSL");
    }
    return QStringLiteral("PLAINTEXT");
}

bool parseSecurityProtocol(const QString& text, SecurityProtocol* protocol)
{
    const QString upper = text.trimmed().toUpper();
    for (const SecurityProtocol candidate : { SecurityProtocol::Plaintext, SecurityProtocol::Ssl,
             SecurityProtocol::SaslPlaintext, SecurityProtocol::SaslSsl }) {
        if (upper == securityProtocolName(candidate)) {
            if (protocol)
                *protocol = candidate;
            return true;
        }
    }
    return false;
}

QString saslMechanismName(SaslMechanism mechanism)
{
    switch (mechanism) {
    case SaslMechanism::Plain:
        return QStringLiteral("PLAIN");
    case SaslMechanism::ScramSha256:
        return QStringLiteral("SCRAM-SHA-256");
    case SaslMechanism::ScramSha512:
        return QStringLiteral("SCRAM-SHA-512");
    }
    return QStringLiteral("PLAIN");
}

bool parseSaslMechanism(const QString& text, SaslMechanism* mechanism)
{
    const QString upper = text.trimmed().toUpper();
    for (const SaslMechanism candidate :
        { SaslMechanism::Plain, SaslMechanism::ScramSha256, SaslMechanism::ScramSha512 }) {
        if (upper == saslMechanismName(candidate)) {
            if (mechanism)
                *mechanism = candidate;
            return true;
        }
    }
    return false;
}

bool usesSasl(SecurityProtocol protocol)
{
    return protocol == SecurityProtocol::SaslPlaintext || protocol == SecurityProtocol::SaslSsl;
}

bool usesTls(SecurityProtocol protocol)
{
    return protocol == SecurityProtocol::Ssl || protocol == SecurityProtocol::SaslSsl;
}

} // namespace Samsa
