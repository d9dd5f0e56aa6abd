#pragma once

// What SchemaCache and its worker thread share: the schemas known so far, behind a read-write lock
// (lookups come from the UI thread and from filter workers at once).

#include "schemacache.h"

#include <QHash>
#include <QReadWriteLock>
#include <QSet>

namespace Samsa {

struct SchemaCacheState {
    mutable QReadWriteLock lock;
    QHash<int, CachedSchema> known;
    QHash<quint64, int> idByFingerprint;
    QSet<int> requested; // asked for, answer not in yet
    int unknownIds = 0;

    // Stores a result (under the lock) and forgets that it was requested.
    void remember(const CachedSchema& schema)
    {
        QWriteLocker locker(&lock);
        const auto previous = known.constFind(schema.id);
        if (schema.notFound && (previous == known.constEnd() || !previous->notFound))
            ++unknownIds;
        known.insert(schema.id, schema);
        if (schema.decoder)
            idByFingerprint.insert(schema.decoder->fingerprint(), schema.id);
        requested.remove(schema.id);
    }
};

} // namespace Samsa
