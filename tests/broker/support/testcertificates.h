#pragma once

// Test certificates made with the openssl command line in a temporary directory: a CA, a server
// certificate for 127.0.0.1 and localhost (subjectAltName) signed by it, a client certificate
// (subject CN=alice,O=Samsa, RFC 2253 order), a second CA that signed nothing we serve, and a server
// certificate for another host name (signed by the first CA). EC P-256 keys, so making them all
// takes a fraction of a second; key files are unencrypted PEM.

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace Samsa::Test {

class TestCertificates {
public:
    // Makes every file; false with error() set when openssl is missing or fails.
    bool create();
    QString error() const { return m_error; }
    QByteArray errorText() const { return m_error.toUtf8(); }

    QString directory() const { return m_dir.path(); }
    QString caCertificate() const { return file(QStringLiteral("ca.pem")); }
    QString serverCertificate() const { return file(QStringLiteral("server.pem")); }
    QString serverKey() const { return file(QStringLiteral("server.key")); }
    QString clientCertificate() const { return file(QStringLiteral("client.pem")); }
    QString clientKey() const { return file(QStringLiteral("client.key")); }
    // The principal the broker derives from clientCertificate().
    static QString clientSubject() { return QStringLiteral("CN=alice,O=Samsa"); }
    // A CA that signed none of the above: verifying the server against it must fail.
    QString otherCaCertificate() const { return file(QStringLiteral("other-ca.pem")); }
    // Signed by caCertificate(), but for elsewhere.invalid only: a host name mismatch on 127.0.0.1.
    QString wrongHostCertificate() const { return file(QStringLiteral("wronghost.pem")); }
    QString wrongHostKey() const { return file(QStringLiteral("wronghost.key")); }

    // --set arguments for a broker serving serverCertificate() (with clientAuth as ssl.client.auth).
    QStringList brokerArguments(const QString& clientAuth = QStringLiteral("none")) const;

private:
    QString file(const QString& name) const { return m_dir.filePath(name); }
    bool run(const QStringList& arguments);
    bool makeCa(const QString& name, const QString& subject);
    bool makeSigned(const QString& name, const QString& subject, const QString& extensions);

    QTemporaryDir m_dir;
    QString m_error;
    int m_serial = 1;
};

} // namespace Samsa::Test
