#include "secretstore.h"

#include "protectedsecretsfile.h"

#include <QFile>
#include <QHash>
#include <QPointer>
#include <QSettings>
#include <QThreadPool>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <functional>
#include <memory>

namespace Samsa {

namespace {

const QLatin1String keychainService("samsa");
const QLatin1String protectedFileSetting("secrets/protectedFile");
constexpr int keychainTimeoutMs = 20000;

QString keychainKey(qint64 profileId)
{
    return QStringLiteral("profile-%1").arg(profileId);
}

// Errors that mean "there is no usable keychain here", as opposed to "the user said no".
bool meansNoKeychain(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented
        || error == QKeychain::OtherError;
}

} // namespace

struct SecretStore::Private {
    SecretStore* q = nullptr;
    Backend backend = Backend::Keychain;
    QString sessionReason;
    bool useProtectedFile = false;
    bool keychainUsable = true;
    // Secrets of this session: the SessionOnly backend, and what must not be lost while switching.
    QHash<qint64, ProfileSecrets> session;
    ProtectedSecretsFile file { ProtectedSecretsFile::defaultPath() };
    // One thread so that file operations happen in the order they were asked for.
    QThreadPool fileThread;

    void post(std::function<void()> function)
    {
        QMetaObject::invokeMethod(q, std::move(function), Qt::QueuedConnection);
    }
    void changeBackend(Backend newBackend, const QString& reason);
    void switchToSession(const QString& reason);
    void startKeychainJob(QKeychain::Job* job, std::function<void(QKeychain::Job*)> onSuccess,
        std::function<void(const QString&)> onRefused, std::function<void()> onNoKeychain);

    void writeSession(qint64 id, const ProfileSecrets& secrets);
    void writeKeychain(qint64 id, const ProfileSecrets& secrets);
    void readKeychain(qint64 id);
    void removeKeychain(qint64 id);
    void runOnFile(std::function<void(const ProtectedSecretsFile&)> work);
};

void SecretStore::Private::changeBackend(Backend newBackend, const QString& reason)
{
    backend = newBackend;
    post([this, newBackend, reason] { Q_EMIT q->backendChanged(newBackend, reason); });
}

void SecretStore::Private::switchToSession(const QString& reason)
{
    keychainUsable = false;
    sessionReason = reason;
    if (backend == Backend::Keychain)
        changeBackend(Backend::SessionOnly, reason);
}

// Runs a keychain job; whichever comes first of its answer and the timeout decides, once.
void SecretStore::Private::startKeychainJob(QKeychain::Job* job, std::function<void(QKeychain::Job*)> onSuccess,
    std::function<void(const QString&)> onRefused, std::function<void()> onNoKeychain)
{
    auto decided = std::make_shared<bool>(false);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never plain text in QSettings
    QObject::connect(job, &QKeychain::Job::finished, q, [=, this](QKeychain::Job* finished) {
        if (*decided)
            return;
        *decided = true;
        const QKeychain::Error error = finished->error();
        if (error == QKeychain::NoError || error == QKeychain::EntryNotFound) {
            onSuccess(finished);
        } else if (meansNoKeychain(error)) {
            QString detail = finished->errorString();
            if (detail.isEmpty() || detail == QLatin1String("Unknown error")) {
                detail = error == QKeychain::NoBackendAvailable ? QStringLiteral("no Secret Service or KWallet found")
                                                                : QStringLiteral("the keychain service failed");
            }
            switchToSession(QStringLiteral("no keychain service answered (%1)").arg(detail));
            onNoKeychain();
        } else {
            onRefused(QStringLiteral("The keychain refused: %1").arg(finished->errorString()));
        }
    });
    QTimer::singleShot(keychainTimeoutMs, job, [=, this] {
        if (*decided)
            return;
        *decided = true;
        switchToSession(QStringLiteral("the keychain did not answer within %1 seconds").arg(keychainTimeoutMs / 1000));
        onNoKeychain();
    });
    job->start();
}

void SecretStore::Private::writeSession(qint64 id, const ProfileSecrets& secrets)
{
    if (secrets.isEmpty())
        session.remove(id);
    else
        session.insert(id, secrets);
    post([this, id] { Q_EMIT q->written(id, QString()); });
}

void SecretStore::Private::writeKeychain(qint64 id, const ProfileSecrets& secrets)
{
    const auto onSuccess = [this, id](QKeychain::Job*) {
        session.remove(id);
        Q_EMIT q->written(id, QString());
    };
    const auto onRefused = [this, id](const QString& error) { Q_EMIT q->written(id, error); };
    const auto onNoKeychain = [this, id, secrets] { writeSession(id, secrets); };
    if (secrets.isEmpty()) {
        auto* job = new QKeychain::DeletePasswordJob(keychainService, q);
        job->setKey(keychainKey(id));
        startKeychainJob(job, onSuccess, onRefused, onNoKeychain);
        return;
    }
    auto* job = new QKeychain::WritePasswordJob(keychainService, q);
    job->setKey(keychainKey(id));
    job->setBinaryData(secretsToJson(secrets));
    startKeychainJob(job, onSuccess, onRefused, onNoKeychain);
}

void SecretStore::Private::readKeychain(qint64 id)
{
    auto* job = new QKeychain::ReadPasswordJob(keychainService, q);
    job->setKey(keychainKey(id));
    startKeychainJob(
        job,
        [this, id](QKeychain::Job* finished) {
            if (finished->error() == QKeychain::EntryNotFound) {
                Q_EMIT q->secretsRead(id, session.value(id), QString());
                return;
            }
            ProfileSecrets secrets;
            if (!secretsFromJson(static_cast<QKeychain::ReadPasswordJob*>(finished)->binaryData(), &secrets)) {
                Q_EMIT q->secretsRead(id, {}, QStringLiteral("The keychain entry for this profile is damaged."));
                return;
            }
            Q_EMIT q->secretsRead(id, secrets, QString());
        },
        [this, id](const QString& error) { Q_EMIT q->secretsRead(id, {}, error); },
        [this, id] { Q_EMIT q->secretsRead(id, session.value(id), QString()); });
}

void SecretStore::Private::removeKeychain(qint64 id)
{
    session.remove(id);
    auto* job = new QKeychain::DeletePasswordJob(keychainService, q);
    job->setKey(keychainKey(id));
    const auto done = [this, id] { Q_EMIT q->removed(id); };
    startKeychainJob(
        job, [done](QKeychain::Job*) { done(); }, [done](const QString&) { done(); }, done);
}

void SecretStore::Private::runOnFile(std::function<void(const ProtectedSecretsFile&)> work)
{
    const ProtectedSecretsFile fileCopy = file;
    fileThread.start([work = std::move(work), fileCopy] { work(fileCopy); });
}

SecretStore::SecretStore(QObject* parent)
    : QObject(parent)
    , d(new Private)
{
    d->q = this;
    d->fileThread.setMaxThreadCount(1);
    d->useProtectedFile = QSettings().value(protectedFileSetting, false).toBool();
    if (qgetenv("SAMSA_KEYCHAIN").trimmed().toLower() == "off") {
        d->keychainUsable = false;
        d->sessionReason = QStringLiteral("the keychain is switched off (SAMSA_KEYCHAIN=off)");
    }
    if (d->useProtectedFile)
        d->backend = Backend::ProtectedFile;
    else
        d->backend = d->keychainUsable ? Backend::Keychain : Backend::SessionOnly;
}

SecretStore::~SecretStore()
{
    // File work posts its answer to this object: let it finish while the object is still whole.
    d->fileThread.waitForDone();
    delete d;
}

SecretStore::Backend SecretStore::backend() const
{
    return d->backend;
}

QString SecretStore::backendDescription() const
{
    switch (d->backend) {
    case Backend::Keychain:
        return tr("System keychain");
    case Backend::SessionOnly:
        return tr("This session only, because %1").arg(d->sessionReason);
    case Backend::ProtectedFile:
        return tr("Protected file %1 (readable by you only)").arg(d->file.path());
    }
    return {};
}

bool SecretStore::usesProtectedFile() const
{
    return d->useProtectedFile;
}

void SecretStore::setUseProtectedFile(bool use)
{
    if (use == d->useProtectedFile)
        return;
    d->useProtectedFile = use;
    QSettings().setValue(protectedFileSetting, use);
    QPointer<SecretStore> self(this);

    if (use) {
        // What this session already holds goes into the file, so ticking the box loses nothing.
        const QHash<qint64, ProfileSecrets> pending = d->session;
        d->runOnFile([self, pending](const ProtectedSecretsFile& file) {
            QHash<qint64, ProfileSecrets> stored;
            QString error;
            bool ok = file.load(&stored, &error);
            if (ok && !pending.isEmpty()) {
                stored.insert(pending);
                ok = file.save(stored, &error);
            }
            QMetaObject::invokeMethod(
                self.data(),
                [self, pending, ok, error] {
                    if (!ok) {
                        Q_EMIT self->backendChanged(Backend::ProtectedFile, error);
                        return;
                    }
                    for (auto it = pending.begin(); it != pending.end(); ++it) {
                        if (self->d->session.value(it.key()) == it.value())
                            self->d->session.remove(it.key());
                    }
                },
                Qt::QueuedConnection);
        });
        d->changeBackend(
            Backend::ProtectedFile, tr("Secrets are kept in %1, readable by you only.").arg(d->file.path()));
        return;
    }

    // Leaving the file: the user no longer wants secrets on disk. Bring them into this session and
    // delete the file. The file is tiny and local, so this is done right away.
    d->fileThread.waitForDone();
    QHash<qint64, ProfileSecrets> stored;
    QString error;
    if (d->file.load(&stored, &error)) {
        for (auto it = stored.begin(); it != stored.end(); ++it) {
            if (!d->session.contains(it.key()))
                d->session.insert(it.key(), it.value());
        }
        QFile::remove(d->file.path());
    }
    if (d->keychainUsable) {
        d->changeBackend(Backend::Keychain, tr("Secrets are kept in the system keychain."));
    } else {
        d->changeBackend(Backend::SessionOnly, d->sessionReason);
    }
}

void SecretStore::write(qint64 profileId, const ProfileSecrets& secrets)
{
    switch (d->backend) {
    case Backend::Keychain:
        d->writeKeychain(profileId, secrets);
        return;
    case Backend::SessionOnly:
        d->writeSession(profileId, secrets);
        return;
    case Backend::ProtectedFile:
        break;
    }
    QPointer<SecretStore> self(this);
    d->runOnFile([self, profileId, secrets](const ProtectedSecretsFile& file) {
        QHash<qint64, ProfileSecrets> stored;
        QString error;
        if (file.load(&stored, &error)) {
            if (secrets.isEmpty())
                stored.remove(profileId);
            else
                stored.insert(profileId, secrets);
            file.save(stored, &error);
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, profileId, error] {
                if (error.isEmpty())
                    self->d->session.remove(profileId);
                Q_EMIT self->written(profileId, error);
            },
            Qt::QueuedConnection);
    });
}

void SecretStore::read(qint64 profileId)
{
    switch (d->backend) {
    case Backend::Keychain:
        d->readKeychain(profileId);
        return;
    case Backend::SessionOnly: {
        const ProfileSecrets secrets = d->session.value(profileId);
        d->post([this, profileId, secrets] { Q_EMIT secretsRead(profileId, secrets, QString()); });
        return;
    }
    case Backend::ProtectedFile:
        break;
    }
    QPointer<SecretStore> self(this);
    d->runOnFile([self, profileId](const ProtectedSecretsFile& file) {
        QHash<qint64, ProfileSecrets> stored;
        QString error;
        const bool ok = file.load(&stored, &error);
        const ProfileSecrets secrets = stored.value(profileId);
        QMetaObject::invokeMethod(
            self.data(),
            [self, profileId, secrets, ok, error] {
                // Secrets not yet moved into the file are still in the session.
                const ProfileSecrets answer = secrets.isEmpty() ? self->d->session.value(profileId) : secrets;
                Q_EMIT self->secretsRead(profileId, ok ? answer : ProfileSecrets(), error);
            },
            Qt::QueuedConnection);
    });
}

void SecretStore::remove(qint64 profileId)
{
    switch (d->backend) {
    case Backend::Keychain:
        d->removeKeychain(profileId);
        return;
    case Backend::SessionOnly:
        d->session.remove(profileId);
        d->post([this, profileId] { Q_EMIT removed(profileId); });
        return;
    case Backend::ProtectedFile:
        break;
    }
    d->session.remove(profileId);
    QPointer<SecretStore> self(this);
    d->runOnFile([self, profileId](const ProtectedSecretsFile& file) {
        QHash<qint64, ProfileSecrets> stored;
        QString error;
        if (file.load(&stored, &error) && stored.remove(profileId) > 0)
            file.save(stored, &error);
        QMetaObject::invokeMethod(
            self.data(), [self, profileId] { Q_EMIT self->removed(profileId); }, Qt::QueuedConnection);
    });
}

} // namespace Samsa
