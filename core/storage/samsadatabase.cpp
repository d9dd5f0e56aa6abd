#include "samsadatabase.h"

#include "profiles/profileschema.h"
#include "profiles/profilestore.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace Samsa::SamsaDatabase {

namespace {
QAtomicInteger<quint64> connectionCounter;
}

QString newConnectionName(const QString& purpose)
{
    return QStringLiteral("samsa-%1-%2").arg(purpose).arg(connectionCounter.fetchAndAddRelaxed(1));
}

bool open(const QString& connectionName, const QString& path, QString* error)
{
    constexpr int current = ProfileStore::currentSchemaVersion;
    int headerVersion = 0;
    if (!ProfileSchema::readHeaderVersion(path, &headerVersion, error))
        return false;
    if (headerVersion > current) {
        *error = ProfileSchema::newerVersionText(path, headerVersion, current);
        return false;
    }
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder)) {
        *error = QStringLiteral("Cannot create the folder %1.").arg(folder);
        return false;
    }
    QSqlDatabase db = QSqlDatabase::contains(connectionName) ? QSqlDatabase::database(connectionName, false)
                                                             : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=3000"));
    if (!db.open()) {
        *error = QStringLiteral("Cannot open %1: %2").arg(path, db.lastError().text());
        return false;
    }
    int version = 0;
    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
            *error = QStringLiteral("Cannot read %1: %2").arg(path, query.lastError().text());
            db.close();
            return false;
        }
        version = query.value(0).toInt();
    }
    if (version > current) {
        *error = ProfileSchema::newerVersionText(path, version, current);
        db.close();
        return false;
    }
    {
        QSqlQuery query(db);
        query.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    }
    const QString migrationError = ProfileSchema::migrate(db, version, current);
    if (!migrationError.isEmpty()) {
        *error = QStringLiteral("Cannot prepare %1: %2").arg(path, migrationError);
        db.close();
        return false;
    }
    return true;
}

void close(const QString& connectionName)
{
    if (!QSqlDatabase::contains(connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

} // namespace Samsa::SamsaDatabase
