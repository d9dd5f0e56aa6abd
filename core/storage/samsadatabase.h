#pragma once

// Opens samsa.db for one of the stores beside ProfileStore (topic formats, produce templates, the
// schema cache): a named connection of the calling thread, WAL, a busy timeout, and the schema
// migrated to ProfileStore::currentSchemaVersion. A QSqlDatabase connection belongs to the thread
// that opened it, so each store (or worker thread) opens its own.

#include <QSqlDatabase>
#include <QString>

namespace Samsa::SamsaDatabase {

// A connection name unique in the process, with `purpose` in it for debugging.
QString newConnectionName(const QString& purpose);

// False with *error set when the file cannot be opened, is not SQLite or is from a newer Samsa.
bool open(const QString& connectionName, const QString& path, QString* error);
// Closes and removes the connection (no QSqlDatabase copy of it may be alive).
void close(const QString& connectionName);

} // namespace Samsa::SamsaDatabase
