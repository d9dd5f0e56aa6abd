#include "profileschema.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace Samsa::ProfileSchema {

QStringList migrationStatements(int toVersion)
{
    switch (toVersion) {
    case 1:
        return {
            QStringLiteral("CREATE TABLE profile ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
                           " bootstrap_servers TEXT NOT NULL DEFAULT '',"
                           " security_protocol TEXT NOT NULL DEFAULT 'PLAINTEXT',"
                           " sasl_mechanism TEXT NOT NULL DEFAULT 'PLAIN',"
                           " sasl_username TEXT NOT NULL DEFAULT '',"
                           " ca_file TEXT NOT NULL DEFAULT '',"
                           " certificate_file TEXT NOT NULL DEFAULT '',"
                           " key_file TEXT NOT NULL DEFAULT '',"
                           " verify_hostname INTEGER NOT NULL DEFAULT 1)"),
            QStringLiteral("CREATE TABLE profile_property ("
                           " profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE,"
                           " position INTEGER NOT NULL,"
                           " key TEXT NOT NULL,"
                           " value TEXT NOT NULL,"
                           " PRIMARY KEY (profile_id, position))"),
        };
    case 2:
        return {
            QStringLiteral("ALTER TABLE profile ADD COLUMN schema_registry_url TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE profile ADD COLUMN schema_registry_username TEXT NOT NULL DEFAULT ''"),
        };
    case 3:
        // Per-topic formats and produce templates are keyed by a cluster key (storagekeys.h), not
        // by profile id alone, so that samsactl runs without a profile can share them. The schema
        // cache holds schemas only: registry URLs are stored without user info, never secrets.
        return {
            QStringLiteral("CREATE TABLE topic_formats ("
                           " cluster TEXT NOT NULL,"
                           " topic TEXT NOT NULL,"
                           " key_format TEXT NOT NULL DEFAULT 'auto',"
                           " value_format TEXT NOT NULL DEFAULT 'auto',"
                           " key_schema_file TEXT NOT NULL DEFAULT '',"
                           " value_schema_file TEXT NOT NULL DEFAULT '',"
                           " key_subject TEXT NOT NULL DEFAULT '',"
                           " value_subject TEXT NOT NULL DEFAULT '',"
                           " PRIMARY KEY (cluster, topic))"),
            QStringLiteral("CREATE TABLE schema_cache ("
                           " registry_url TEXT NOT NULL,"
                           " id INTEGER NOT NULL,"
                           " subject TEXT NOT NULL DEFAULT '',"
                           " version INTEGER NOT NULL DEFAULT -1,"
                           " schema_text TEXT NOT NULL,"
                           " fetched_ms INTEGER NOT NULL DEFAULT 0,"
                           " PRIMARY KEY (registry_url, id))"),
            QStringLiteral("CREATE TABLE produce_templates ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " cluster TEXT NOT NULL,"
                           " topic TEXT NOT NULL,"
                           " name TEXT NOT NULL,"
                           " message_json TEXT NOT NULL,"
                           " created_ms INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX produce_templates_by_topic ON produce_templates (cluster, topic, created_ms)"),
        };
    default:
        return {};
    }
}

QString migrate(QSqlDatabase& db, int fromVersion, int toVersion)
{
    for (int version = fromVersion + 1; version <= toVersion; ++version) {
        // IMMEDIATE takes the write lock before reading the version: another connection (the schema
        // cache's thread, a store, samsactl) may be migrating the same file at the same moment.
        {
            QSqlQuery begin(db);
            if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE")))
                return QStringLiteral("cannot start a transaction: %1").arg(begin.lastError().text());
        }
        int found = 0;
        {
            QSqlQuery current(db);
            if (current.exec(QStringLiteral("PRAGMA user_version")) && current.next())
                found = current.value(0).toInt();
        }
        if (found >= version) {
            db.commit();
            continue;
        }
        QStringList statements = migrationStatements(version);
        statements.append(QStringLiteral("PRAGMA user_version = %1").arg(version));
        for (const QString& statement : statements) {
            QSqlQuery query(db);
            if (!query.exec(statement)) {
                const QString error = query.lastError().text();
                query.finish();
                db.rollback();
                return QStringLiteral("upgrading the database to version %1 failed: %2").arg(version).arg(error);
            }
        }
        if (!db.commit()) {
            const QString error = db.lastError().text();
            db.rollback();
            return QStringLiteral("upgrading the database to version %1 failed: %2").arg(version).arg(error);
        }
    }
    return {};
}

bool readHeaderVersion(const QString& path, int* version, QString* error)
{
    *version = 0;
    QFile file(path);
    if (!file.exists() || file.size() == 0)
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("Cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray header = file.read(100);
    if (header.size() < 100 || !header.startsWith(QByteArrayLiteral("SQLite format 3\0"))) {
        *error = QStringLiteral("%1 is not a Samsa profile database (not an SQLite file); it was left untouched.")
                     .arg(path);
        return false;
    }
    const auto byte = [&header](int index) { return quint32(quint8(header.at(index))); };
    *version = int(qint32(byte(60) << 24 | byte(61) << 16 | byte(62) << 8 | byte(63)));
    return true;
}

QString newerVersionText(const QString& path, int version, int currentVersion)
{
    return QStringLiteral("%1 was written by a newer Samsa (profile schema %2; this version understands up to %3). "
                          "It was left untouched: use the newer Samsa, or move the file away to start afresh.")
        .arg(path)
        .arg(version)
        .arg(currentVersion);
}

} // namespace Samsa::ProfileSchema
