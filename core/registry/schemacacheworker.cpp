#include "schemacacheworker.h"

#include "schemacachestate.h"
#include "schemaregistryclient.h"
#include "storage/samsadatabase.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Samsa {

SchemaCacheWorker::SchemaCacheWorker(
    const SchemaCache::Options& options, std::shared_ptr<SchemaCacheState> state, SchemaCache* cache)
    : m_options(options)
    , m_state(std::move(state))
    , m_cache(cache)
    , m_connectionName(SamsaDatabase::newConnectionName(QStringLiteral("schema-cache")))
{
}

SchemaCacheWorker::~SchemaCacheWorker()
{
    // Runs on the worker thread (deleteLater at its end), which owns the connection.
    SamsaDatabase::close(m_connectionName);
}

QString SchemaCacheWorker::storageUrl(const QUrl& url)
{
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash).toString();
}

CachedSchema SchemaCacheWorker::parse(
    int id, const QString& subject, int version, const QByteArray& schemaJson, const QString& schemaType)
{
    CachedSchema schema;
    schema.id = id;
    schema.subject = subject;
    schema.version = version;
    schema.schemaJson = schemaJson;
    if (!schemaType.isEmpty() && schemaType.compare(QLatin1String("AVRO"), Qt::CaseInsensitive) != 0) {
        schema.error = QStringLiteral("schema %1 is a %2 schema; only Avro is decoded").arg(id).arg(schemaType);
        return schema;
    }
    QString error;
    schema.decoder = AvroDatumDecoder::create(schemaJson, &error);
    if (!schema.decoder)
        schema.error = QStringLiteral("schema %1 is not valid Avro: %2").arg(id).arg(error);
    return schema;
}

void SchemaCacheWorker::start()
{
    m_client = new SchemaRegistryClient(m_options.registryUrl, this);
    m_client->setBasicAuth(m_options.user, m_options.password);
    m_client->setTimeout(m_options.timeoutMs);
    if (!m_options.caFile.isEmpty())
        m_client->setCaFile(m_options.caFile);

    if (m_options.databasePath.isEmpty())
        return;
    QString error;
    m_databaseOpen = SamsaDatabase::open(m_connectionName, m_options.databasePath, &error);
    if (!m_databaseOpen) {
        qWarning("Schema cache kept in memory only: %s", qPrintable(error));
        return;
    }
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("SELECT id, subject, version, schema_text FROM schema_cache WHERE registry_url = ?"));
    query.addBindValue(storageUrl(m_options.registryUrl));
    if (!query.exec()) {
        qWarning("Cannot read the schema cache: %s", qPrintable(query.lastError().text()));
        return;
    }
    while (query.next()) {
        const int id = query.value(0).toInt();
        m_state->remember(parse(id, query.value(1).toString(), query.value(2).toInt(), query.value(3).toString().toUtf8()));
        // A lookup before the load finished asked for this id; its fetch (queued after this load)
        // will find it known and announce it.
    }
}

void SchemaCacheWorker::fetch(int id)
{
    {
        QReadLocker locker(&m_state->lock);
        if (m_state->known.contains(id)) {
            locker.unlock();
            {
                QWriteLocker writer(&m_state->lock);
                m_state->requested.remove(id);
            }
            announce(id);
            return;
        }
    }
    if (m_options.registryUrl.isEmpty()) {
        CachedSchema failed;
        failed.id = id;
        failed.error = QStringLiteral("schema id %1, but no Schema Registry is configured").arg(id);
        finish(failed, false);
        return;
    }
    m_client->fetchSchemaById(id, [this, id](const SchemaVersion& version, const RegistryError& error) {
        if (error.isError()) {
            CachedSchema failed;
            failed.id = id;
            if (error.kind == RegistryError::Kind::Http
                && (error.errorCode == RegistryErrorCode::SchemaNotFound || error.httpStatus == 404)) {
                failed.notFound = true;
                failed.error = QStringLiteral("unknown schema id %1").arg(id);
            } else if (error.isUnreachable()) {
                failed.error = QStringLiteral("registry unreachable: %1").arg(error.reason);
            } else {
                failed.error = error.message;
            }
            finish(failed, false);
            return;
        }
        // Subject and version are for the detail pane only: without them the schema still decodes.
        m_client->fetchSubjectVersionsOfId(
            id, [this, id, version](const QList<SubjectVersion>& versions, const RegistryError&) {
                const SubjectVersion first = versions.isEmpty() ? SubjectVersion() : versions.constFirst();
                finish(parse(id, first.subject, first.version, version.schema, version.schemaType), true);
            });
    });
}

void SchemaCacheWorker::finish(const CachedSchema& schema, bool persistIt)
{
    if (persistIt)
        persist(schema);
    m_state->remember(schema);
    announce(schema.id);
}

void SchemaCacheWorker::persist(const CachedSchema& schema)
{
    if (!m_databaseOpen)
        return;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO schema_cache (registry_url, id, subject, version, schema_text, "
                                 "fetched_ms) VALUES (?, ?, ?, ?, ?, ?)"));
    query.addBindValue(storageUrl(m_options.registryUrl));
    query.addBindValue(schema.id);
    query.addBindValue(schema.subject.isNull() ? QStringLiteral("") : schema.subject);
    query.addBindValue(schema.version);
    query.addBindValue(QString::fromUtf8(schema.schemaJson));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec())
        qWarning("Cannot persist schema %d: %s", schema.id, qPrintable(query.lastError().text()));
}

void SchemaCacheWorker::announce(int id)
{
    SchemaCache* cache = m_cache;
    QMetaObject::invokeMethod(cache, [cache, id] { Q_EMIT cache->schemaArrived(id); }, Qt::QueuedConnection);
}

} // namespace Samsa
