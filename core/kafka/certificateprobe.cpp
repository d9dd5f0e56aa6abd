#include "certificateprobe.h"

#include <QHostAddress>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>

namespace Samsa {

namespace {

// The names a client may connect by: subjectAltName DNS and IP entries; the common name only when
// there are none, as OpenSSL's host check (which librdkafka uses) does.
QStringList certificateNames(const QSslCertificate& certificate)
{
    QStringList names;
    const auto alternatives = certificate.subjectAlternativeNames();
    for (auto it = alternatives.cbegin(); it != alternatives.cend(); ++it) {
        if (it.key() == QSsl::DnsEntry || it.key() == QSsl::IpAddressEntry)
            names.append(it.value());
    }
    if (names.isEmpty())
        names = certificate.subjectInfo(QSslCertificate::CommonName);
    names.removeDuplicates();
    return names;
}

// Errors that say who signed the certificate is unknown to the CA file.
bool isIssuerError(QSslError::SslError error)
{
    switch (error) {
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::CertificateUntrusted:
    case QSslError::CertificateSignatureFailed:
        return true;
    default:
        return false;
    }
}

} // namespace

CertificateProbe::CertificateProbe(QObject* parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    qRegisterMetaType<Samsa::CertificateDiagnosis>();
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        CertificateDiagnosis diagnosis;
        diagnosis.host = m_host;
        diagnosis.error = tr("the TLS handshake did not finish in time");
        finish(diagnosis);
    });
}

CertificateProbe::~CertificateProbe()
{
    cancel();
}

void CertificateProbe::start(const QString& host, quint16 port, const QString& caFile, int timeoutMs)
{
    cancel();
    m_host = host;
    auto* socket = new QSslSocket(this);
    m_socket = socket;
    QSslConfiguration config = socket->sslConfiguration();
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!caFile.isEmpty())
        config.setCaCertificates(QSslCertificate::fromPath(caFile, QSsl::Pem));
    socket->setSslConfiguration(config);

    // The verdict comes with sslErrors; a handshake without errors means the certificate is fine.
    connect(socket, &QSslSocket::sslErrors, this, [this, socket](const QList<QSslError>& errors) {
        CertificateDiagnosis diagnosis;
        diagnosis.completed = true;
        diagnosis.host = m_host;
        const QSslCertificate peer = socket->peerCertificate();
        diagnosis.certificateNames = certificateNames(peer);
        diagnosis.issuer = peer.issuerDisplayName();
        diagnosis.hostMatches = hostMatches(m_host, diagnosis.certificateNames);
        diagnosis.chainTrusted = true;
        for (const QSslError& error : errors) {
            if (error.error() == QSslError::HostNameMismatch)
                continue; // decided above, by OpenSSL's rules rather than Qt's
            diagnosis.chainTrusted = false;
            if (!isIssuerError(error.error()))
                diagnosis.otherProblems.append(error.errorString());
        }
        finish(diagnosis);
    });
    connect(socket, &QSslSocket::encrypted, this, [this, socket] {
        CertificateDiagnosis diagnosis;
        diagnosis.completed = true;
        diagnosis.host = m_host;
        diagnosis.certificateNames = certificateNames(socket->peerCertificate());
        diagnosis.chainTrusted = true;
        diagnosis.hostMatches = true;
        finish(diagnosis);
    });
    connect(socket, &QSslSocket::errorOccurred, this, [this, socket](QAbstractSocket::SocketError) {
        CertificateDiagnosis diagnosis;
        diagnosis.host = m_host;
        diagnosis.error = socket->errorString();
        finish(diagnosis);
    });
    m_timer->start(timeoutMs);
    socket->connectToHostEncrypted(host, port);
}

void CertificateProbe::cancel()
{
    m_timer->stop();
    if (!m_socket)
        return;
    QSslSocket* socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater(); // may be inside one of its own signals
}

void CertificateProbe::finish(const CertificateDiagnosis& diagnosis)
{
    if (!m_socket)
        return;
    cancel();
    Q_EMIT finished(diagnosis);
}

bool CertificateProbe::hostMatches(const QString& host, const QStringList& names)
{
    const QHostAddress address(host);
    for (const QString& name : names) {
        if (!address.isNull()) {
            if (QHostAddress(name) == address)
                return true;
            continue;
        }
        if (name.compare(host, Qt::CaseInsensitive) == 0)
            return true;
        if (name.startsWith(QLatin1String("*.")) && host.count(QLatin1Char('.')) == name.count(QLatin1Char('.'))) {
            const QString suffix = name.mid(1); // ".example.com"
            const qsizetype firstDot = host.indexOf(QLatin1Char('.'));
            if (firstDot > 0 && host.mid(firstDot).compare(suffix, Qt::CaseInsensitive) == 0)
                return true;
        }
    }
    return false;
}

} // namespace Samsa
