#pragma once

// The profile database schema and its forward migrations, one step per version.

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace Samsa::ProfileSchema {

// Runs every step from `fromVersion` up to `toVersion`, each in its own transaction that also
// sets PRAGMA user_version. Returns an empty string or the reason it stopped.
QString migrate(QSqlDatabase& db, int fromVersion, int toVersion);

// The statements of one step; public so that tests and tools can build an older database.
QStringList migrationStatements(int toVersion);

// Reads PRAGMA user_version straight from the file header (big-endian at offset 60), so that a file
// from a newer Samsa can be refused before SQLite opens it for writing. A missing or empty file is
// version 0; a file that is not SQLite is an error.
bool readHeaderVersion(const QString& path, int* version, QString* error);

QString newerVersionText(const QString& path, int version, int currentVersion);

} // namespace Samsa::ProfileSchema
