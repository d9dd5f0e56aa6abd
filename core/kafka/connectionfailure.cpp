#include "connectionfailure.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Samsa {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("Samsa::ConnectionFailure", text);
}

bool has(const QString& text, const char* part)
{
    return text.contains(QLatin1String(part), Qt::CaseInsensitive);
}

// The broker librdkafka names ("sasl_ssl://127.0.0.1:9093/bootstrap: ..." or
// "sasl_ssl://127.0.0.1:9093/1: ..."), or the bootstrap servers when the text names none.
QString brokerNamed(const QString& text, const QString& bootstrapServers)
{
    QString host;
    quint16 port = 0;
    if (failedBrokerAddress(text, bootstrapServers, &host, &port))
        return host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]:%2").arg(host).arg(port)
                                               : QStringLiteral("%1:%2").arg(host).arg(port);
    return bootstrapServers;
}

QString caSource(const ConnectionFailureContext& context)
{
    return context.caFile.isEmpty() ? tr("the system's CA certificates") : tr("the CA file %1").arg(context.caFile);
}

ConnectionFailure make(ConnectionFailure::Kind kind, const QString& message, const QString& detail)
{
    return { kind, message, detail };
}

} // namespace

ConnectionFailureContext ConnectionFailureContext::fromProfile(const ConnectionProfile& profile, int timeoutMs)
{
    ConnectionFailureContext context;
    context.bootstrapServers = profile.bootstrapServers.trimmed();
    if (usesSasl(profile.securityProtocol))
        context.mechanism = saslMechanismName(profile.saslMechanism);
    context.tls = usesTls(profile.securityProtocol);
    context.caFile = profile.caFile;
    context.verifyHostname = profile.verifyHostname;
    context.timeoutMs = timeoutMs;
    return context;
}

bool failedBrokerAddress(const QString& librdkafkaText, const QString& bootstrapServers, QString* host, quint16* port)
{
    // librdkafka's broker name at the start of the reason: PROTOCOL://HOST:PORT/ID-or-bootstrap, the
    // protocol left out for PLAINTEXT.
    static const QRegularExpression named(QStringLiteral("^(?:[a-z_]+://)?(\\[[^\\]]+\\]|[^:/\\s]+):(\\d+)/"));
    QRegularExpressionMatch match = named.match(librdkafkaText);
    QString hostText;
    QString portText;
    if (match.hasMatch()) {
        hostText = match.captured(1);
        portText = match.captured(2);
    } else {
        static const QRegularExpression scheme(QStringLiteral("^[A-Za-z_]+://"));
        QString first = bootstrapServers.section(QLatin1Char(','), 0, 0).trimmed();
        first.remove(scheme);
        const qsizetype colon = first.lastIndexOf(QLatin1Char(':'));
        if (colon <= 0)
            return false;
        hostText = first.left(colon);
        portText = first.mid(colon + 1);
    }
    if (hostText.startsWith(QLatin1Char('[')) && hostText.endsWith(QLatin1Char(']')))
        hostText = hostText.mid(1, hostText.size() - 2);
    bool isNumber = false;
    const uint number = portText.toUInt(&isNumber);
    if (hostText.isEmpty() || !isNumber || number == 0 || number > 65535)
        return false;
    *host = hostText;
    *port = quint16(number);
    return true;
}

// Each pattern below is a text librdkafka 2.0.2 (with OpenSSL 3) gives for that cause, as seen
// against samsa-broker in tests/integration/tst_secureconnection.cpp. Order matters: a TLS failure
// text also says "Disconnected" at times, so TLS is looked at before the plain transport causes.
ConnectionFailure classifyConnectionFailure(const QString& text, const ConnectionFailureContext& context)
{
    using Kind = ConnectionFailure::Kind;
    const QString broker = brokerNamed(text, context.bootstrapServers);

    if (text.startsWith(QLatin1String("Configuration property")) || has(text, "No such configuration property")) {
        return make(Kind::Configuration, tr("The connection settings are not accepted: %1").arg(text), QString());
    }
    // "SASL authentication error: Authentication failed: Invalid user credentials (after 5ms in state
    // AUTH_REQ)"; Apache Kafka words it "Authentication failed during authentication due to invalid
    // credentials with SASL mechanism SCRAM-SHA-512".
    if (has(text, "SASL authentication error") || has(text, "Authentication failed")) {
        const QString mechanism = context.mechanism.isEmpty() ? QStringLiteral("SASL") : context.mechanism;
        return make(Kind::AuthenticationFailed,
            tr("Authentication failed: the broker refused the user name or password (%1).").arg(mechanism), text);
    }
    // "SASL PLAIN mechanism handshake failed: Broker: Unsupported SASL mechanism: broker's supported
    // mechanisms: SCRAM-SHA-512"
    if (has(text, "Unsupported SASL mechanism")) {
        static const QRegularExpression offered(QStringLiteral("supported mechanisms: ([A-Za-z0-9_,\\- ]+)"));
        const QRegularExpressionMatch match = offered.match(text);
        const QString list = match.hasMatch() ? match.captured(1).trimmed() : QString();
        return make(Kind::MechanismNotOffered,
            list.isEmpty()
                ? tr("The broker does not accept the SASL mechanism %1.").arg(context.mechanism)
                : tr("The broker does not accept the SASL mechanism %1; it offers %2.").arg(context.mechanism, list),
            text);
    }
    // "SSL handshake failed: error:0A000086:SSL routines::certificate verify failed: broker
    // certificate could not be verified, ..." — the same for an untrusted CA and a name mismatch.
    if (has(text, "certificate verify failed")) {
        return make(Kind::CertificateRejected,
            tr("The broker's certificate at %1 could not be verified with %2: it was signed by another CA, or it "
               "is for another host name.")
                .arg(broker, caSource(context)),
            text);
    }
    // TLS sent to a port without TLS: the peer closes ("unexpected eof while reading") or answers
    // with something that is not TLS ("wrong version number", "packet length too long").
    if (context.tls
        && (has(text, "unexpected eof while reading") || has(text, "wrong version number")
            || has(text, "packet length too long") || has(text, "record layer failure"))) {
        return make(Kind::TlsToPlaintextPort,
            tr("The broker at %1 did not answer the TLS handshake: this port seems to take PLAINTEXT or "
               "SASL_PLAINTEXT, not %2.")
                .arg(broker, context.mechanism.isEmpty() ? QStringLiteral("SSL") : QStringLiteral("SASL_SSL")),
            text);
    }
    // "Disconnected while requesting ApiVersion: might be caused by incorrect security.protocol
    // configuration (connecting to a SSL listener?) ..."
    if (!context.tls && has(text, "connecting to a SSL listener")) {
        return make(Kind::PlaintextToTlsPort,
            tr("The broker at %1 closed the connection at once: this port seems to want TLS (SSL or SASL_SSL).")
                .arg(broker),
            text);
    }
    // "Connect to ipv4#127.0.0.1:1 failed: Connection refused (after 0ms in state CONNECT)"
    if (has(text, "Connection refused")) {
        return make(Kind::ConnectionRefused,
            tr("Nothing accepts connections at %1 (connection refused): is the broker running, and is the port "
               "right?")
                .arg(broker),
            text);
    }
    // "Failed to resolve 'nohost.invalid:9092': Name or service not known"
    if (has(text, "Failed to resolve")) {
        return make(Kind::HostNotFound, tr("The host name of %1 cannot be resolved.").arg(broker), text);
    }
    if (has(text, "Timed out") || has(text, "timeout")) {
        return make(Kind::TimedOut,
            tr("No answer from %1 within %2 seconds.").arg(broker).arg(qMax(1, (context.timeoutMs + 999) / 1000)),
            text);
    }
    return make(Kind::Other, text.isEmpty() ? tr("Connection failed.") : text, QString());
}

ConnectionFailure refineCertificateFailure(
    const ConnectionFailure& failure, const CertificateDiagnosis& diagnosis, const ConnectionFailureContext& context)
{
    using Kind = ConnectionFailure::Kind;
    if (failure.kind != Kind::CertificateRejected || !diagnosis.completed)
        return failure;
    if (!diagnosis.chainTrusted && !diagnosis.otherProblems.isEmpty()) {
        return make(Kind::CertificateRejected,
            tr("The broker's certificate was refused: %1.").arg(diagnosis.otherProblems.join(QStringLiteral("; "))),
            failure.detail);
    }
    if (!diagnosis.chainTrusted) {
        const QString issuer
            = diagnosis.issuer.isEmpty() ? QString() : tr(" (it was issued by %1)").arg(diagnosis.issuer);
        return make(Kind::CertificateNotTrusted,
            tr("The broker's certificate is not trusted by %1%2: choose the CA file that signed it.")
                .arg(caSource(context), issuer),
            failure.detail);
    }
    if (!diagnosis.hostMatches && context.verifyHostname) {
        const QString names = diagnosis.certificateNames.isEmpty()
            ? tr("no host name at all")
            : diagnosis.certificateNames.join(QStringLiteral(", "));
        return make(Kind::HostNameMismatch,
            tr("The broker's certificate is for another host name (%1), not %2: connect by one of its names, or "
               "turn off host name verification if you trust this network.")
                .arg(names, diagnosis.host),
            failure.detail);
    }
    return failure;
}

} // namespace Samsa
