#pragma once

// SchemaCache's worker, on the cache's own thread: loads the persisted schemas of one registry
// from SQLite, fetches missing ones through SchemaRegistryClient and persists what it fetched.
// The UI thread never touches the network or the disk for schemas.

#include "schemacache.h"

#include <QObject>
#include <memory>

namespace Samsa {

class SchemaRegistryClient;
struct SchemaCacheState;

class SchemaCacheWorker : public QObject {
    Q_OBJECT
public:
    SchemaCacheWorker(const SchemaCache::Options& options, std::shared_ptr<SchemaCacheState> state, SchemaCache* cache);
    ~SchemaCacheWorker() override;

    // The registry URL as stored: without user info, so no secret reaches the database.
    static QString storageUrl(const QUrl& url);
    // A schema from its text, with its decoder or the reason there is none.
    static CachedSchema parse(int id, const QString& subject, int version, const QByteArray& schemaJson,
        const QString& schemaType = QStringLiteral("AVRO"));

public Q_SLOTS:
    void start();
    void fetch(int id);

private:
    void finish(const CachedSchema& schema, bool persist);
    void persist(const CachedSchema& schema);
    void announce(int id);

    SchemaCache::Options m_options;
    std::shared_ptr<SchemaCacheState> m_state;
    SchemaCache* m_cache; // outlives the worker: its destructor waits for the thread
    SchemaRegistryClient* m_client = nullptr;
    QString m_connectionName;
    bool m_databaseOpen = false;
};

} // namespace Samsa
