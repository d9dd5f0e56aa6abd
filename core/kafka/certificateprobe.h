#pragma once

// Our own TLS handshake with a broker, using the profile's CA file, to learn what librdkafka's
// "certificate verify failed" meant: a certificate its CA file did not sign, or one for other host
// names. Asynchronous on the caller's thread (QSslSocket), bounded by a timeout; nothing is sent
// after the handshake.

#include "connectionfailure.h"

#include <QObject>

class QSslSocket;
class QTimer;

namespace Samsa {

class CertificateProbe : public QObject {
    Q_OBJECT
public:
    explicit CertificateProbe(QObject* parent = nullptr);
    ~CertificateProbe() override;

    // A probe still running is cancelled (its result is dropped). caFile empty: the system's CAs.
    void start(const QString& host, quint16 port, const QString& caFile, int timeoutMs = 5000);
    void cancel();
    bool isRunning() const { return m_socket != nullptr; }

    // Whether `host` (a DNS name or an IP address) is among `names` as OpenSSL matches them: exact,
    // case-insensitive, or a "*." wildcard for one leftmost label; IP addresses compare as addresses.
    static bool hostMatches(const QString& host, const QStringList& names);

Q_SIGNALS:
    void finished(const Samsa::CertificateDiagnosis& diagnosis);

private:
    void finish(const CertificateDiagnosis& diagnosis);

    QSslSocket* m_socket = nullptr; // a child; deleted later, as it may be in one of its own signals
    QTimer* m_timer;
    QString m_host;
};

} // namespace Samsa

Q_DECLARE_METATYPE(Samsa::CertificateDiagnosis)
