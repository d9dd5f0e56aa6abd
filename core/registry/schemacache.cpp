#include "schemacache.h"

#include "schemacachestate.h"
#include "schemacacheworker.h"

#include <QThread>

namespace Samsa {

struct SchemaCache::Private {
    Options options;
    std::shared_ptr<SchemaCacheState> state = std::make_shared<SchemaCacheState>();
    QThread thread;
    SchemaCacheWorker* worker = nullptr; // lives on `thread`, deleted at its end
};

SchemaCache::SchemaCache(const Options& options, QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->options = options;
    d->thread.setObjectName(QStringLiteral("schema-cache"));
    d->worker = new SchemaCacheWorker(options, d->state, this);
    d->worker->moveToThread(&d->thread);
    connect(&d->thread, &QThread::finished, d->worker, &QObject::deleteLater);
    d->thread.start();
    // Queued first, so that persisted schemas are loaded before any fetch is considered.
    QMetaObject::invokeMethod(d->worker, &SchemaCacheWorker::start, Qt::QueuedConnection);
}

SchemaCache::~SchemaCache()
{
    // Replies in flight are dropped with the worker; the thread stops at once since nothing on it
    // blocks (network and SQLite calls of the worker are short or asynchronous).
    d->thread.quit();
    d->thread.wait();
}

std::optional<CachedSchema> SchemaCache::lookup(int id)
{
    {
        QReadLocker locker(&d->state->lock);
        const auto found = d->state->known.constFind(id);
        if (found != d->state->known.constEnd())
            return *found;
        if (d->state->requested.contains(id))
            return std::nullopt;
    }
    {
        QWriteLocker locker(&d->state->lock);
        if (d->state->known.contains(id))
            return d->state->known.value(id);
        if (d->state->requested.contains(id))
            return std::nullopt;
        d->state->requested.insert(id);
    }
    QMetaObject::invokeMethod(d->worker, [worker = d->worker, id] { worker->fetch(id); }, Qt::QueuedConnection);
    return std::nullopt;
}

std::optional<CachedSchema> SchemaCache::peek(int id) const
{
    QReadLocker locker(&d->state->lock);
    const auto found = d->state->known.constFind(id);
    if (found == d->state->known.constEnd())
        return std::nullopt;
    return *found;
}

int SchemaCache::unknownIdCount() const
{
    QReadLocker locker(&d->state->lock);
    return d->state->unknownIds;
}

std::optional<CachedSchema> SchemaCache::lookupFingerprint(quint64 fingerprint) const
{
    QReadLocker locker(&d->state->lock);
    const auto id = d->state->idByFingerprint.constFind(fingerprint);
    if (id == d->state->idByFingerprint.constEnd())
        return std::nullopt;
    const auto found = d->state->known.constFind(*id);
    if (found == d->state->known.constEnd())
        return std::nullopt;
    return *found;
}

void SchemaCache::retryFailed()
{
    QWriteLocker locker(&d->state->lock);
    for (auto it = d->state->known.begin(); it != d->state->known.end();) {
        if (!it->decoder)
            it = d->state->known.erase(it);
        else
            ++it;
    }
    d->state->unknownIds = 0;
}

QUrl SchemaCache::registryUrl() const
{
    return d->options.registryUrl;
}

} // namespace Samsa
