#include "historydatabase.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Samsa::HistoryDatabase {

namespace {

// QSqlQuery binds a null QString as NULL, which the NOT NULL columns refuse.
QString text(const QString& value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

// The statements that bring a file of `version` to SchemaVersion.
QStringList migration(int version)
{
    QStringList statements;
    if (version < 1) {
        statements << QStringLiteral("CREATE TABLE series (cluster TEXT NOT NULL, id INTEGER NOT NULL, kind INTEGER NOT NULL, "
                                     "group_id TEXT NOT NULL, topic TEXT NOT NULL, \"partition\" INTEGER NOT NULL, "
                                     "PRIMARY KEY (cluster, id)) WITHOUT ROWID")
                   // Rows of tens of kilobytes: a rowid table, the key in its own index.
                   << QStringLiteral("CREATE TABLE rounds (cluster TEXT NOT NULL, resolution INTEGER NOT NULL, ts INTEGER NOT NULL, "
                                     "duration_ms INTEGER NOT NULL, states TEXT NOT NULL, error TEXT NOT NULL, data BLOB NOT NULL, "
                                     "PRIMARY KEY (cluster, resolution, ts))");
    }
    if (version < 2) {
        statements << QStringLiteral("CREATE TABLE incidents (cluster TEXT NOT NULL, group_id TEXT NOT NULL, "
                                     "opened_ms INTEGER NOT NULL, closed_ms INTEGER NOT NULL, reason TEXT NOT NULL, "
                                     "PRIMARY KEY (cluster, group_id, opened_ms))");
    }
    statements << QStringLiteral("PRAGMA user_version = %1").arg(SchemaVersion);
    return statements;
}

bool migrate(QSqlDatabase& db, int version, QString* error)
{
    if (!db.transaction()) {
        *error = db.lastError().text();
        return false;
    }
    for (const QString& statement : migration(version)) {
        QSqlQuery query(db);
        if (!query.exec(statement)) {
            *error = query.lastError().text();
            db.rollback();
            return false;
        }
    }
    if (!db.commit()) {
        *error = db.lastError().text();
        return false;
    }
    return true;
}

} // namespace

bool open(const QString& connectionName, const QString& path, QString* error)
{
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder)) {
        *error = QStringLiteral("Cannot create the folder %1.").arg(folder);
        return false;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=3000"));
    if (!db.open()) {
        *error = QStringLiteral("Cannot open %1: %2").arg(path, db.lastError().text());
        return false;
    }
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
        *error = QStringLiteral("Cannot open %1: %2").arg(path, query.lastError().text());
        return false;
    }
    const int version = query.value(0).toInt();
    if (version > SchemaVersion) {
        *error
            = QStringLiteral("%1 was written by a newer version of Samsa (history version %2).").arg(path).arg(version);
        return false;
    }
    // WAL with synchronous=NORMAL: a round costs no fsync, and a power cut loses the last rounds at
    // most, never the file.
    query.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    query.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    QString schemaError;
    if (version < SchemaVersion && !migrate(db, version, &schemaError)) {
        *error = QStringLiteral("Cannot prepare %1: %2").arg(path, schemaError);
        return false;
    }
    return true;
}

bool readSeries(const QSqlDatabase& db,
    const std::function<void(const QString& cluster, qint64 id, const SeriesInfo& info)>& onSeries, QString* error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT cluster, id, kind, group_id, topic, \"partition\" FROM series"))) {
        *error = QStringLiteral("Cannot read the history series: %1").arg(query.lastError().text());
        return false;
    }
    while (query.next()) {
        const SeriesInfo info { static_cast<SeriesKind>(query.value(2).toInt()), query.value(3).toString(),
            query.value(4).toString(), query.value(5).toInt() };
        onSeries(query.value(0).toString(), query.value(1).toLongLong(), info);
    }
    return true;
}

bool insertSeries(const QSqlDatabase& db, const QString& cluster, const QList<NewSeries>& added, QString* error)
{
    if (added.isEmpty())
        return true;
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO series (cluster, id, kind, group_id, topic, \"partition\") "
                                  "VALUES (?, ?, ?, ?, ?, ?)"));
    for (const NewSeries& series : added) {
        insert.bindValue(0, cluster);
        insert.bindValue(1, series.id);
        insert.bindValue(2, static_cast<int>(series.info.kind));
        insert.bindValue(3, text(series.info.group));
        insert.bindValue(4, text(series.info.topic));
        insert.bindValue(5, series.info.partition);
        if (!insert.exec()) {
            *error = QStringLiteral("Cannot store a series: %1").arg(insert.lastError().text());
            return false;
        }
    }
    return true;
}

bool insertRound(const QSqlDatabase& db, const QString& cluster, const RoundRow& row, QString* error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT INTO rounds (cluster, resolution, ts, duration_ms, states, error, data) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(cluster);
    query.addBindValue(row.resolution);
    query.addBindValue(row.timeMs);
    query.addBindValue(row.durationMs);
    query.addBindValue(text(row.states));
    query.addBindValue(text(row.error));
    query.addBindValue(row.data);
    if (!query.exec()) {
        *error = QStringLiteral("Cannot store a round: %1").arg(query.lastError().text());
        return false;
    }
    return true;
}

std::optional<qint64> roundTime(
    const QSqlDatabase& db, const QString& cluster, int resolution, Bound bound, QString* error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT %1(ts) FROM rounds WHERE cluster = ? AND resolution = ?")
                      .arg(bound == Bound::Oldest ? QLatin1String("MIN") : QLatin1String("MAX")));
    query.addBindValue(cluster);
    query.addBindValue(resolution);
    if (!query.exec() || !query.next()) {
        *error = QStringLiteral("Cannot read the history: %1").arg(query.lastError().text());
        return std::nullopt;
    }
    if (query.value(0).isNull())
        return std::nullopt;
    return query.value(0).toLongLong();
}

int deleteRoundsBefore(const QSqlDatabase& db, const QString& cluster, int resolution, qint64 cutoffMs, QString* error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM rounds WHERE cluster = ? AND resolution = ? AND ts < ?"));
    query.addBindValue(cluster);
    query.addBindValue(resolution);
    query.addBindValue(cutoffMs);
    if (!query.exec()) {
        *error = QStringLiteral("Cannot prune the history: %1").arg(query.lastError().text());
        return -1;
    }
    return query.numRowsAffected();
}

bool insertIncident(const QSqlDatabase& db, const Incident& incident, QString* error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO incidents (cluster, group_id, opened_ms, closed_ms, reason) "
                                 "VALUES (?, ?, ?, ?, ?)"));
    query.addBindValue(incident.cluster);
    query.addBindValue(incident.group);
    query.addBindValue(incident.openedMs);
    query.addBindValue(incident.closedMs);
    query.addBindValue(incident.reason);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

bool closeIncident(const QSqlDatabase& db, const Incident& incident, QString* error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE incidents SET closed_ms = ? WHERE cluster = ? AND group_id = ? AND opened_ms = ?"));
    query.addBindValue(incident.closedMs);
    query.addBindValue(incident.cluster);
    query.addBindValue(incident.group);
    query.addBindValue(incident.openedMs);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

int deleteIncidentsBefore(const QSqlDatabase& db, const QString& cluster, qint64 cutoffMs, QString* error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM incidents WHERE cluster = ? AND opened_ms < ? AND closed_ms >= 0"));
    query.addBindValue(cluster);
    query.addBindValue(cutoffMs);
    if (!query.exec()) {
        *error = query.lastError().text();
        return -1;
    }
    return query.numRowsAffected();
}

QList<Incident> readIncidents(const QSqlDatabase& db, const QString& cluster, qint64 fromMs, int limit, QString* error)
{
    QList<Incident> incidents;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT group_id, opened_ms, closed_ms, reason FROM incidents WHERE cluster = ? AND "
                                 "opened_ms >= ? ORDER BY opened_ms DESC LIMIT ?"));
    query.addBindValue(cluster);
    query.addBindValue(fromMs);
    query.addBindValue(limit);
    if (!query.exec()) {
        *error = query.lastError().text();
        return incidents;
    }
    while (query.next())
        incidents.append({ cluster, query.value(0).toString(), query.value(1).toLongLong(), query.value(2).toLongLong(),
            query.value(3).toString() });
    return incidents;
}

} // namespace Samsa::HistoryDatabase
