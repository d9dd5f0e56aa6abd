#include "wireconnection.h"

#include "wirecodec.h"

#include <QFile>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QtEndian>

#include <algorithm>

#include <librdkafka/rdkafka.h>

namespace Samsa {

namespace {

constexpr int StepMs = 100; // how often a wait looks at the cancel predicate
constexpr qint16 SaslHandshakeKey = 17;
constexpr qint16 SaslAuthenticateKey = 36;

int stepMs(QDeadlineTimer deadline)
{
    return int(std::clamp<qint64>(deadline.remainingTime(), 1, StepMs));
}

bool loadTlsFiles(const WireSecurity& security, QSslSocket* socket, QString* error)
{
    QSslConfiguration config = socket->sslConfiguration();
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!security.caFile.isEmpty()) {
        const QList<QSslCertificate> authorities = QSslCertificate::fromPath(security.caFile, QSsl::Pem);
        if (authorities.isEmpty()) {
            *error = QStringLiteral("No PEM certificate could be read from the CA file %1").arg(security.caFile);
            return false;
        }
        config.setCaCertificates(authorities);
    }
    if (!security.certificateFile.isEmpty()) {
        const QList<QSslCertificate> chain = QSslCertificate::fromPath(security.certificateFile, QSsl::Pem);
        if (chain.isEmpty()) {
            *error = QStringLiteral("No PEM certificate could be read from %1").arg(security.certificateFile);
            return false;
        }
        config.setLocalCertificateChain(chain);
        QFile file(security.keyFile.isEmpty() ? security.certificateFile : security.keyFile);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("The key file %1 cannot be read: %2").arg(file.fileName(), file.errorString());
            return false;
        }
        const QByteArray pem = file.readAll();
        const QByteArray passphrase = security.keyPassword.toUtf8();
        QSslKey key;
        for (const QSsl::KeyAlgorithm algorithm : { QSsl::Rsa, QSsl::Ec, QSsl::Dsa }) {
            key = QSslKey(pem, algorithm, QSsl::Pem, QSsl::PrivateKey, passphrase);
            if (!key.isNull())
                break;
        }
        if (key.isNull()) {
            *error = QStringLiteral("No private key could be read from %1 (wrong password?)").arg(file.fileName());
            return false;
        }
        config.setPrivateKey(key);
    }
    socket->setSslConfiguration(config);
    return true;
}

} // namespace

QString kafkaErrorText(int code)
{
    const auto value = static_cast<rd_kafka_resp_err_t>(code);
    return QStringLiteral("%1 (%2): %3")
        .arg(QString::fromUtf8(rd_kafka_err2name(value)))
        .arg(code)
        .arg(QString::fromUtf8(rd_kafka_err2str(value)));
}

WireConnection::WireConnection(WireSecurity security, QString clientId)
    : m_security(std::move(security))
    , m_clientId(std::move(clientId))
{
}

WireConnection::~WireConnection() = default;

bool WireConnection::isOpen() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void WireConnection::close()
{
    if (m_socket)
        m_socket->abort();
    m_socket.reset();
}

bool WireConnection::fail(const QString& message, QString* error)
{
    *error = message;
    close();
    return false;
}

bool WireConnection::waitFor(const std::function<bool(int)>& step, const std::function<bool()>& done,
    QDeadlineTimer deadline, const CancelCheck& isCancelled, const QString& what, QString* error)
{
    while (!done()) {
        if (isCancelled && isCancelled())
            return fail(QStringLiteral("cancelled"), error);
        if (deadline.hasExpired())
            return fail(QStringLiteral("%1 timed out (%2)").arg(what, m_peer), error);
        if (!step(stepMs(deadline)) && m_socket->error() != QAbstractSocket::SocketTimeoutError) {
            return fail(QStringLiteral("%1 failed (%2): %3").arg(what, m_peer, m_socket->errorString()), error);
        }
    }
    return true;
}

bool WireConnection::open(const QString& host, int port, QDeadlineTimer deadline, const CancelCheck& isCancelled,
    QString* error)
{
    if (isOpen())
        return true;
    close();
    m_peer = QStringLiteral("%1:%2").arg(host).arg(port);
    const QString unsupported = m_security.unsupportedReason();
    if (!unsupported.isEmpty()) {
        *error = unsupported;
        return false;
    }
    if (m_security.tls) {
        auto socket = std::make_unique<QSslSocket>();
        if (!loadTlsFiles(m_security, socket.get(), error))
            return false;
        QSslSocket* raw = socket.get();
        const bool verifyHostname = m_security.verifyHostname;
        // Without host name checks the chain is still verified; only a name mismatch is let through.
        QObject::connect(raw, &QSslSocket::sslErrors, raw, [raw, verifyHostname](const QList<QSslError>& errors) {
            for (const QSslError& sslError : errors) {
                if (verifyHostname || sslError.error() != QSslError::HostNameMismatch)
                    return;
            }
            raw->ignoreSslErrors();
        }, Qt::DirectConnection);
        raw->connectToHostEncrypted(host, quint16(port));
        m_socket = std::move(socket);
        if (!waitFor([raw](int ms) { return raw->waitForEncrypted(ms); }, [raw] { return raw->isEncrypted(); },
                deadline, isCancelled, QStringLiteral("The TLS handshake"), error)) {
            return false;
        }
    } else {
        m_socket = std::make_unique<QTcpSocket>();
        m_socket->connectToHost(host, quint16(port));
        QTcpSocket* raw = m_socket.get();
        if (!waitFor([raw](int ms) { return raw->waitForConnected(ms); },
                [raw] { return raw->state() == QAbstractSocket::ConnectedState; }, deadline, isCancelled,
                QStringLiteral("Connecting"), error)) {
            return false;
        }
    }
    m_socket->setReadBufferSize(0);
    if (m_security.sasl && !authenticatePlain(deadline, isCancelled, error))
        return false;
    return true;
}

bool WireConnection::authenticatePlain(QDeadlineTimer deadline, const CancelCheck& isCancelled, QString* error)
{
    WireWriter handshake;
    handshake.string(QStringLiteral("PLAIN"));
    const std::optional<QByteArray> answer = call(SaslHandshakeKey, 1, handshake.data(), deadline, isCancelled, error);
    if (!answer)
        return false;
    WireReader reader(*answer);
    qint16 code = 0;
    if (!reader.int16(&code))
        return fail(QStringLiteral("The SASL handshake answer is broken: %1").arg(reader.error()), error);
    if (code != 0)
        return fail(QStringLiteral("The broker refused SASL PLAIN: %1").arg(kafkaErrorText(code)), error);

    WireWriter authenticate;
    QByteArray token;
    token.append('\0').append(m_security.username.toUtf8()).append('\0').append(m_security.password.toUtf8());
    authenticate.bytes(token);
    const std::optional<QByteArray> result
        = call(SaslAuthenticateKey, 0, authenticate.data(), deadline, isCancelled, error);
    if (!result)
        return false;
    WireReader resultReader(*result);
    QString message;
    if (!resultReader.int16(&code) || !resultReader.nullableString(&message))
        return fail(QStringLiteral("The SASL answer is broken: %1").arg(resultReader.error()), error);
    if (code != 0) {
        return fail(QStringLiteral("SASL PLAIN authentication as '%1' failed: %2%3")
                        .arg(m_security.username, kafkaErrorText(code),
                            message.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(message)),
            error);
    }
    return true;
}

bool WireConnection::readExactly(qint64 size, QByteArray* out, QDeadlineTimer deadline,
    const CancelCheck& isCancelled, QString* error)
{
    out->clear();
    out->reserve(qMin<qint64>(size, 1 << 20)); // a lying size must not reserve memory ahead of bytes
    QTcpSocket* raw = m_socket.get();
    return waitFor(
        [&](int ms) {
            if (raw->bytesAvailable() == 0 && !raw->waitForReadyRead(ms))
                return false;
            out->append(raw->read(size - out->size()));
            return true;
        },
        [&] { return out->size() == size; }, deadline, isCancelled, QStringLiteral("Reading the answer"), error);
}

std::optional<QByteArray> WireConnection::call(qint16 apiKey, qint16 version, const QByteArray& body,
    QDeadlineTimer deadline, const CancelCheck& isCancelled, QString* error)
{
    if (!isOpen()) {
        *error = QStringLiteral("Not connected to %1").arg(m_peer);
        return std::nullopt;
    }
    const qint32 correlationId = ++m_correlationId;
    WireWriter header;
    header.int16(apiKey);
    header.int16(version);
    header.int32(correlationId);
    header.nullableString(m_clientId);
    WireWriter frame;
    frame.int32(qint32(header.data().size() + body.size()));
    QByteArray bytes = frame.data() + header.data() + body;
    m_socket->write(bytes);
    QTcpSocket* raw = m_socket.get();
    if (!waitFor([raw](int ms) { return raw->waitForBytesWritten(ms); }, [raw] { return raw->bytesToWrite() == 0; },
            deadline, isCancelled, QStringLiteral("Sending the request"), error)) {
        return std::nullopt;
    }

    QByteArray sizeBytes;
    if (!readExactly(4, &sizeBytes, deadline, isCancelled, error))
        return std::nullopt;
    const qint32 size = qFromBigEndian<qint32>(sizeBytes.constData());
    if (size < 4 || size > MaxResponseBytes) {
        fail(QStringLiteral("%1 sent a frame of %2 bytes; Samsa accepts 4 to %3").arg(m_peer).arg(size).arg(MaxResponseBytes),
            error);
        return std::nullopt;
    }
    QByteArray response;
    if (!readExactly(size, &response, deadline, isCancelled, error))
        return std::nullopt;
    if (qFromBigEndian<qint32>(response.constData()) != correlationId) {
        fail(QStringLiteral("%1 answered another request (correlation id %2, expected %3)")
                 .arg(m_peer)
                 .arg(qFromBigEndian<qint32>(response.constData()))
                 .arg(correlationId),
            error);
        return std::nullopt;
    }
    return response.mid(4);
}

} // namespace Samsa
