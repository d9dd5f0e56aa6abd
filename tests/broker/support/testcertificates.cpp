#include "testcertificates.h"

#include <QFile>
#include <QProcess>

namespace Samsa::Test {

bool TestCertificates::run(const QStringList& arguments)
{
    QProcess openssl;
    openssl.setWorkingDirectory(m_dir.path());
    openssl.start(QStringLiteral("openssl"), arguments);
    if (!openssl.waitForStarted(10000)) {
        m_error = QStringLiteral("cannot run openssl: ") + openssl.errorString();
        return false;
    }
    if (!openssl.waitForFinished(30000) || openssl.exitStatus() != QProcess::NormalExit || openssl.exitCode() != 0) {
        m_error = QStringLiteral("openssl %1 failed: %2")
                      .arg(arguments.join(QLatin1Char(' ')), QString::fromUtf8(openssl.readAllStandardError()));
        return false;
    }
    return true;
}

bool TestCertificates::makeCa(const QString& name, const QString& subject)
{
    return run({ QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-new"), QStringLiteral("-newkey"),
        QStringLiteral("ec"), QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
        QStringLiteral("-nodes"), QStringLiteral("-keyout"), name + QStringLiteral(".key"), QStringLiteral("-out"),
        name + QStringLiteral(".pem"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"), subject,
        QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
        QStringLiteral("keyUsage=critical,keyCertSign,cRLSign") });
}

bool TestCertificates::makeSigned(const QString& name, const QString& subject, const QString& extensions)
{
    QFile extensionFile(file(name + QStringLiteral(".ext")));
    if (!extensionFile.open(QIODevice::WriteOnly) || extensionFile.write(extensions.toUtf8()) < 0) {
        m_error = QStringLiteral("cannot write ") + extensionFile.fileName();
        return false;
    }
    extensionFile.close();
    return run({ QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"), QStringLiteral("ec"),
               QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
               QStringLiteral("-keyout"), name + QStringLiteral(".key"), QStringLiteral("-out"),
               name + QStringLiteral(".csr"), QStringLiteral("-subj"), subject })
        && run({ QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), name + QStringLiteral(".csr"),
            QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
            QStringLiteral("-set_serial"), QString::number(++m_serial), QStringLiteral("-days"), QStringLiteral("2"),
            QStringLiteral("-extfile"), name + QStringLiteral(".ext"), QStringLiteral("-out"),
            name + QStringLiteral(".pem") });
}

bool TestCertificates::create()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary directory");
        return false;
    }
    return makeCa(QStringLiteral("ca"), QStringLiteral("/O=Samsa Test/CN=Samsa Test CA"))
        && makeCa(QStringLiteral("other-ca"), QStringLiteral("/O=Elsewhere/CN=Untrusted CA"))
        && makeSigned(QStringLiteral("server"), QStringLiteral("/O=Samsa/CN=localhost"),
            QStringLiteral("basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
                           "subjectAltName=IP:127.0.0.1,DNS:localhost\n"))
        && makeSigned(QStringLiteral("client"), QStringLiteral("/O=Samsa/CN=alice"),
            QStringLiteral("basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n"))
        && makeSigned(QStringLiteral("wronghost"), QStringLiteral("/O=Samsa/CN=elsewhere.invalid"),
            QStringLiteral("basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
                           "subjectAltName=DNS:elsewhere.invalid\n"));
}

QStringList TestCertificates::brokerArguments(const QString& clientAuth) const
{
    return { QStringLiteral("--set"), QStringLiteral("ssl.certificate.location=") + serverCertificate(),
        QStringLiteral("--set"), QStringLiteral("ssl.key.location=") + serverKey(), QStringLiteral("--set"),
        QStringLiteral("ssl.ca.location=") + caCertificate(), QStringLiteral("--set"),
        QStringLiteral("ssl.client.auth=") + clientAuth };
}

} // namespace Samsa::Test
