#pragma once

// The SQL of history.db, apart from what MetricsHistoryStore does with it: opening (WAL, a busy
// timeout, its own small schema version in PRAGMA user_version, independent of samsa.db's), the
// series dictionary rows and the round rows. Each function works on the named connection of the
// calling thread.

#include "historyseries.h"
#include "incident.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <optional>

namespace Samsa::HistoryDatabase {

constexpr int SchemaVersion = 2; // 2: incidents

// Opens or creates the file; false with *error set when it is not SQLite or from a newer Samsa.
bool open(const QString& connectionName, const QString& path, QString* error);

bool readSeries(const QSqlDatabase& db,
    const std::function<void(const QString& cluster, qint64 id, const SeriesInfo& info)>& onSeries, QString* error);
bool insertSeries(const QSqlDatabase& db, const QString& cluster, const QList<NewSeries>& added, QString* error);

struct RoundRow {
    int resolution = 0;
    qint64 timeMs = 0;
    qint64 durationMs = 0;
    QString states;
    QString error;
    QByteArray data;
};
bool insertRound(const QSqlDatabase& db, const QString& cluster, const RoundRow& row, QString* error);

enum class Bound { Oldest, Newest };
// The time of the cluster's oldest or newest round of a resolution; nullopt when there is none or
// on error (then *error is set).
std::optional<qint64> roundTime(
    const QSqlDatabase& db, const QString& cluster, int resolution, Bound bound, QString* error);

// Deletes the rounds of a resolution before cutoffMs; the rows deleted, -1 on error.
int deleteRoundsBefore(const QSqlDatabase& db, const QString& cluster, int resolution, qint64 cutoffMs, QString* error);

// Alert incidents: inserted when opened, closed by (cluster, group, opened time).
bool insertIncident(const QSqlDatabase& db, const Incident& incident, QString* error);
bool closeIncident(const QSqlDatabase& db, const Incident& incident, QString* error);
// The cluster's incidents opened at or after fromMs, newest first, at most `limit`.
// Deletes closed incidents opened before cutoffMs; the rows deleted, -1 on error.
int deleteIncidentsBefore(const QSqlDatabase& db, const QString& cluster, qint64 cutoffMs, QString* error);
QList<Incident> readIncidents(const QSqlDatabase& db, const QString& cluster, qint64 fromMs, int limit, QString* error);

} // namespace Samsa::HistoryDatabase
