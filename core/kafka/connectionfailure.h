#pragma once

// Why a connection failed, in words a user can act on. librdkafka 2.0.2 reports a failed connect
// only as text (its error callback's reason, e.g. "sasl_ssl://127.0.0.1:9093/bootstrap: SASL
// authentication error: ..."); classifyConnectionFailure decodes that text into a kind and a
// sentence, and keeps the text itself as the detail. librdkafka says "certificate verify failed"
// alike for an untrusted CA and for a host name mismatch: refineCertificateFailure tells them apart
// from our own TLS handshake with the same CA file (CertificateProbe).

#include "profiles/connectionprofile.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Samsa {

struct ConnectionFailure {
    enum class Kind {
        None, // connected
        AuthenticationFailed, // wrong user name or password
        MechanismNotOffered, // the broker does not take the profile's SASL mechanism
        CertificateNotTrusted, // the CA file did not sign the broker's certificate
        HostNameMismatch, // the certificate is for other names than the host connected to
        CertificateRejected, // verification failed, the probe could not say why
        TlsToPlaintextPort, // TLS handshake answered by a port that speaks no TLS
        PlaintextToTlsPort, // plain Kafka request to a port that wants TLS
        ConnectionRefused,
        HostNotFound,
        TimedOut,
        Configuration, // librdkafka refused a property before connecting
        Other,
    };
    Kind kind = Kind::None;
    QString message; // one or two sentences for the user
    QString detail; // librdkafka's exact text, shown under the message
};

// What the messages name: from the profile and the test's timeout.
struct ConnectionFailureContext {
    QString bootstrapServers;
    QString mechanism; // "SCRAM-SHA-512"; empty without SASL
    bool tls = false;
    QString caFile; // empty: the system's CA certificates
    bool verifyHostname = true;
    int timeoutMs = 0;

    static ConnectionFailureContext fromProfile(const ConnectionProfile& profile, int timeoutMs);
};

// What our own TLS handshake found (see CertificateProbe).
struct CertificateDiagnosis {
    bool completed = false; // false: the probe could not reach a verdict (error says why)
    bool chainTrusted = false;
    bool hostMatches = false;
    QString host; // the name connected to
    QStringList certificateNames; // subjectAltName DNS and IP entries, else the common name
    QString issuer; // the certificate's issuer, for "not trusted" messages
    QStringList otherProblems; // chain errors other than an unknown issuer (expired, ...), Qt's words
    QString error;
};

ConnectionFailure classifyConnectionFailure(const QString& librdkafkaText, const ConnectionFailureContext& context);

// Refines a CertificateRejected failure with the probe's verdict; other failures pass unchanged.
ConnectionFailure refineCertificateFailure(
    const ConnectionFailure& failure, const CertificateDiagnosis& diagnosis, const ConnectionFailureContext& context);

// "host:port" of the broker librdkafka names at the start of its text ("sasl_ssl://HOST:PORT/..."),
// else the first bootstrap server; false when neither gives one.
bool failedBrokerAddress(const QString& librdkafkaText, const QString& bootstrapServers, QString* host, quint16* port);

} // namespace Samsa

Q_DECLARE_METATYPE(Samsa::ConnectionFailure)
