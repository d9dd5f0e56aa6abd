#include "protectedsecretsfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Samsa {

namespace {

constexpr mode_t ownerOnly = S_IRUSR | S_IWUSR;

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

QJsonObject secretsObject(const ProfileSecrets& secrets)
{
    QJsonObject object;
    object.insert(QStringLiteral("saslPassword"), secrets.saslPassword);
    object.insert(QStringLiteral("keyPassword"), secrets.keyPassword);
    object.insert(QStringLiteral("schemaRegistryPassword"), secrets.schemaRegistryPassword);
    return object;
}

ProfileSecrets secretsFromObject(const QJsonObject& object)
{
    ProfileSecrets secrets;
    secrets.saslPassword = object.value(QStringLiteral("saslPassword")).toString();
    secrets.keyPassword = object.value(QStringLiteral("keyPassword")).toString();
    secrets.schemaRegistryPassword = object.value(QStringLiteral("schemaRegistryPassword")).toString();
    return secrets;
}

bool writeAll(int fd, const QByteArray& bytes)
{
    qsizetype written = 0;
    while (written < bytes.size()) {
        const ssize_t result = ::write(fd, bytes.constData() + written, size_t(bytes.size() - written));
        if (result < 0 && errno == EINTR)
            continue;
        if (result <= 0)
            return false;
        written += result;
    }
    return true;
}

} // namespace

QByteArray secretsToJson(const ProfileSecrets& secrets)
{
    return QJsonDocument(secretsObject(secrets)).toJson(QJsonDocument::Compact);
}

bool secretsFromJson(const QByteArray& json, ProfileSecrets* secrets)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return false;
    *secrets = secretsFromObject(document.object());
    return true;
}

ProtectedSecretsFile::ProtectedSecretsFile(const QString& path)
    : m_path(path)
{
}

QString ProtectedSecretsFile::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/samsa/secrets.json");
}

bool ProtectedSecretsFile::load(QHash<qint64, ProfileSecrets>* secrets, QString* error) const
{
    secrets->clear();
    QFile file(m_path);
    if (!file.exists())
        return true;
    // Someone loosened the permissions: close the gap before reading rather than refuse the user.
    if (file.permissions() & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther))
        ::chmod(QFile::encodeName(m_path).constData(), ownerOnly);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("Cannot read %1: %2").arg(m_path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = QStringLiteral("%1 is damaged: %2").arg(m_path, parseError.errorString());
        return false;
    }
    const QJsonObject profiles = document.object().value(QStringLiteral("profiles")).toObject();
    for (auto it = profiles.begin(); it != profiles.end(); ++it) {
        bool ok = false;
        const qint64 id = it.key().toLongLong(&ok);
        if (ok)
            secrets->insert(id, secretsFromObject(it.value().toObject()));
    }
    return true;
}

bool ProtectedSecretsFile::save(const QHash<qint64, ProfileSecrets>& secrets, QString* error) const
{
    const QString folder = QFileInfo(m_path).absolutePath();
    if (!QDir().mkpath(folder)) {
        *error = QStringLiteral("Cannot create the folder %1.").arg(folder);
        return false;
    }
    QJsonObject profiles;
    for (auto it = secrets.begin(); it != secrets.end(); ++it) {
        if (!it.value().isEmpty())
            profiles.insert(QString::number(it.key()), secretsObject(it.value()));
    }
    QJsonObject root;
    root.insert(QStringLiteral("version"), 1);
    root.insert(QStringLiteral("profiles"), profiles);
    const QByteArray bytes = QJsonDocument(root).toJson(QJsonDocument::Indented);

    const QByteArray target = QFile::encodeName(m_path);
    const QByteArray temporary = target + ".tmp-" + QByteArray::number(qint64(::getpid()));
    ::unlink(temporary.constData());
    const int fd = ::open(temporary.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, ownerOnly);
    if (fd < 0) {
        *error = QStringLiteral("Cannot create %1: %2").arg(QFile::decodeName(temporary), systemError());
        return false;
    }
    // The umask can only remove bits, but be explicit: the file must be 0600 before it holds anything.
    struct stat status { };
    const bool ok = ::fchmod(fd, ownerOnly) == 0 && ::fstat(fd, &status) == 0 && (status.st_mode & 0777) == ownerOnly
        && writeAll(fd, bytes) && ::fsync(fd) == 0;
    const QString writeError = systemError();
    if (::close(fd) != 0 || !ok) {
        ::unlink(temporary.constData());
        *error = QStringLiteral("Cannot write %1: %2").arg(m_path, writeError);
        return false;
    }
    if (::rename(temporary.constData(), target.constData()) != 0) {
        *error = QStringLiteral("Cannot replace %1: %2").arg(m_path, systemError());
        ::unlink(temporary.constData());
        return false;
    }
    struct stat finalStatus { };
    if (::stat(target.constData(), &finalStatus) != 0 || (finalStatus.st_mode & 0777) != ownerOnly) {
        *error = QStringLiteral("%1 does not have owner-only permissions (0600); secrets were not kept there.")
                     .arg(m_path);
        ::unlink(target.constData());
        return false;
    }
    return true;
}

} // namespace Samsa
