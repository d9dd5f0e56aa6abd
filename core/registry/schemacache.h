#pragma once

// Schemas of one Schema Registry by id: in memory, persisted in SQLite (samsa.db, table
// schema_cache, by registry URL and id) so a restart needs no fetch, and fetched on demand through
// SchemaRegistryClient on the cache's own thread. Thread-safe lookups; never blocks the caller.

#include "decoding/avrodatumdecoder.h"

#include <QObject>
#include <QString>
#include <QUrl>
#include <memory>
#include <optional>

namespace Samsa {

struct CachedSchema {
    int id = -1;
    QString subject; // empty when not known
    int version = -1;
    QByteArray schemaJson;
    std::shared_ptr<const AvroDatumDecoder> decoder; // null when the schema failed to parse
    QString error; // parse error, or why the fetch failed ("unknown schema id 42", "registry unreachable: ...")
    bool notFound = false; // the registry answered that it has no schema with this id

    bool isUsable() const { return decoder != nullptr; }
};

class SchemaCache : public QObject {
    Q_OBJECT
public:
    struct Options {
        QUrl registryUrl;
        QString user; // basic auth, empty for none
        QString password; // from the keychain; never stored
        QString caFile; // TLS: extra CA certificates (PEM), empty for the system store
        QString databasePath; // empty: in memory only
        int timeoutMs = 10000;
    };
    explicit SchemaCache(const Options& options, QObject* parent = nullptr);
    ~SchemaCache() override;

    // The schema when known (fetched or failed); nullopt when not yet known, in which case a fetch
    // is started (once per id) and schemaArrived(id) follows.
    std::optional<CachedSchema> lookup(int id);
    // As lookup(), but never starts a fetch.
    std::optional<CachedSchema> peek(int id) const;
    // How many ids the registry said it does not know. Auto uses it to stop asking about the
    // "ids" of binary data that merely starts with a zero byte.
    int unknownIdCount() const;
    // Schemas known by fingerprint (for single-object encoding), among those already cached.
    std::optional<CachedSchema> lookupFingerprint(quint64 fingerprint) const;
    // Forget failures so that the next lookup fetches again (after the user fixed the registry).
    void retryFailed();
    QUrl registryUrl() const;

Q_SIGNALS:
    void schemaArrived(int id);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Samsa
