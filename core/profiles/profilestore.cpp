#include "profilestore.h"

#include "librdkafkaproperty.h"
#include "profileschema.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

#include <algorithm>

namespace Samsa {

namespace {

QAtomicInteger<quint64> connectionCounter;

const QLatin1String profileColumns("id, name, bootstrap_servers, security_protocol, sasl_mechanism, sasl_username, "
                                   "ca_file, certificate_file, key_file, verify_hostname, schema_registry_url, "
                                   "schema_registry_username");

ConnectionProfile profileFromQuery(const QSqlQuery& query)
{
    ConnectionProfile profile;
    profile.id = query.value(0).toLongLong();
    profile.name = query.value(1).toString();
    profile.bootstrapServers = query.value(2).toString();
    parseSecurityProtocol(query.value(3).toString(), &profile.securityProtocol);
    parseSaslMechanism(query.value(4).toString(), &profile.saslMechanism);
    profile.saslUsername = query.value(5).toString();
    profile.caFile = query.value(6).toString();
    profile.certificateFile = query.value(7).toString();
    profile.keyFile = query.value(8).toString();
    profile.verifyHostname = query.value(9).toBool();
    profile.schemaRegistryUrl = query.value(10).toString();
    profile.schemaRegistryUsername = query.value(11).toString();
    return profile;
}

} // namespace

struct ProfileStore::Private {
    QString connectionName;
    QString path;
    QString errorText;
    int schemaVersion = 0;
    bool open = false;

    QSqlDatabase database() const { return QSqlDatabase::database(connectionName, false); }
    QList<ConnectionProfile> select(const QString& where, const QVariant& argument) const;
    bool writeProperties(QSqlDatabase& db, const ConnectionProfile& profile, QString* error) const;
    bool nameTaken(const QString& name, qint64 exceptId) const;
    void fail(const QString& text) { errorText = text; }
};

QList<ConnectionProfile> ProfileStore::Private::select(const QString& where, const QVariant& argument) const
{
    QList<ConnectionProfile> result;
    if (!open)
        return result;
    const QSqlDatabase db = database();
    {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("SELECT %1 FROM profile %2 ORDER BY id").arg(profileColumns, where));
        if (argument.isValid())
            query.addBindValue(argument);
        if (!query.exec())
            return result;
        while (query.next())
            result.append(profileFromQuery(query));
    }
    if (result.isEmpty())
        return result;
    QSqlQuery properties(db);
    properties.prepare(
        QStringLiteral("SELECT profile_id, key, value FROM profile_property ORDER BY profile_id, position"));
    if (!properties.exec())
        return result;
    while (properties.next()) {
        const qint64 id = properties.value(0).toLongLong();
        for (ConnectionProfile& profile : result) {
            if (profile.id == id) {
                profile.extraProperties.append({ properties.value(1).toString(), properties.value(2).toString() });
                break;
            }
        }
    }
    return result;
}

bool ProfileStore::Private::writeProperties(QSqlDatabase& db, const ConnectionProfile& profile, QString* error) const
{
    QSqlQuery remove(db);
    remove.prepare(QStringLiteral("DELETE FROM profile_property WHERE profile_id = ?"));
    remove.addBindValue(profile.id);
    if (!remove.exec()) {
        *error = remove.lastError().text();
        return false;
    }
    QSqlQuery insert(db);
    insert.prepare(
        QStringLiteral("INSERT INTO profile_property (profile_id, position, key, value) VALUES (?, ?, ?, ?)"));
    for (qsizetype position = 0; position < profile.extraProperties.size(); ++position) {
        insert.addBindValue(profile.id);
        insert.addBindValue(position);
        insert.addBindValue(profile.extraProperties.at(position).first);
        insert.addBindValue(profile.extraProperties.at(position).second);
        if (!insert.exec()) {
            *error = insert.lastError().text();
            return false;
        }
    }
    return true;
}

bool ProfileStore::Private::nameTaken(const QString& name, qint64 exceptId) const
{
    QSqlQuery query(database());
    if (!query.exec(QStringLiteral("SELECT id, name FROM profile")))
        return false;
    while (query.next()) {
        if (query.value(0).toLongLong() != exceptId
            && query.value(1).toString().compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

ProfileStore::ProfileStore()
    : d(new Private)
{
    d->connectionName = QStringLiteral("samsa-profiles-%1").arg(connectionCounter.fetchAndAddRelaxed(1));
}

ProfileStore::~ProfileStore()
{
    if (QSqlDatabase::contains(d->connectionName)) {
        {
            QSqlDatabase db = d->database();
            db.close();
        }
        QSqlDatabase::removeDatabase(d->connectionName);
    }
    delete d;
}

QString ProfileStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/samsa/samsa.db");
}

bool ProfileStore::open(const QString& path)
{
    if (d->open)
        return true;
    d->errorText.clear();
    d->path = path;
    int headerVersion = 0;
    if (!ProfileSchema::readHeaderVersion(path, &headerVersion, &d->errorText))
        return false;
    d->schemaVersion = headerVersion;
    if (headerVersion > currentSchemaVersion) {
        d->fail(ProfileSchema::newerVersionText(path, headerVersion, currentSchemaVersion));
        return false;
    }
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder)) {
        d->fail(QStringLiteral("Cannot create the folder %1.").arg(folder));
        return false;
    }

    QSqlDatabase db = QSqlDatabase::contains(d->connectionName)
        ? QSqlDatabase::database(d->connectionName, false)
        : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d->connectionName);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=3000"));
    if (!db.open()) {
        d->fail(QStringLiteral("Cannot open %1: %2").arg(path, db.lastError().text()));
        return false;
    }
    const auto failAndClose = [this, &db](const QString& text) {
        d->fail(text);
        db.close();
        return false;
    };

    int version = 0;
    {
        QSqlQuery query(db);
        // The header may lag behind a write-ahead log, so ask SQLite too before changing anything.
        if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
            return failAndClose(QStringLiteral("Cannot read %1: %2").arg(path, query.lastError().text()));
        version = query.value(0).toInt();
    }
    d->schemaVersion = version;
    if (version > currentSchemaVersion)
        return failAndClose(ProfileSchema::newerVersionText(path, version, currentSchemaVersion));

    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !query.next()
            || query.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
            return failAndClose(
                QStringLiteral("Cannot switch %1 to write-ahead logging: %2").arg(path, query.lastError().text()));
        query.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    }
    const QString migrationError = ProfileSchema::migrate(db, version, currentSchemaVersion);
    if (!migrationError.isEmpty())
        return failAndClose(QStringLiteral("Cannot prepare %1: %2").arg(path, migrationError));
    d->schemaVersion = currentSchemaVersion;
    d->open = true;
    return true;
}

bool ProfileStore::isOpen() const
{
    return d->open;
}

QString ProfileStore::errorText() const
{
    return d->errorText;
}

int ProfileStore::schemaVersion() const
{
    return d->schemaVersion;
}

QList<ConnectionProfile> ProfileStore::profiles() const
{
    QList<ConnectionProfile> result = d->select(QString(), QVariant());
    std::stable_sort(result.begin(), result.end(), [](const ConnectionProfile& a, const ConnectionProfile& b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    return result;
}

std::optional<ConnectionProfile> ProfileStore::profile(qint64 id) const
{
    const QList<ConnectionProfile> found = d->select(QStringLiteral("WHERE id = ?"), id);
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

std::optional<ConnectionProfile> ProfileStore::profileByName(const QString& name) const
{
    for (const ConnectionProfile& candidate : profiles()) {
        if (candidate.name == name)
            return candidate;
    }
    for (const ConnectionProfile& candidate : profiles()) {
        if (candidate.name.compare(name, Qt::CaseInsensitive) == 0)
            return candidate;
    }
    return std::nullopt;
}

qint64 ProfileStore::save(const ConnectionProfile& profile)
{
    d->errorText.clear();
    if (!d->open) {
        d->fail(QStringLiteral("The profile database is not open."));
        return 0;
    }
    const QString name = profile.name.trimmed();
    if (name.isEmpty()) {
        d->fail(QStringLiteral("A profile needs a name."));
        return 0;
    }
    for (const auto& property : profile.extraProperties) {
        if (isSecretProperty(property.first)) {
            d->fail(QStringLiteral("Extra property '%1' holds a secret; secrets are never stored with the profile. "
                                   "Use the password fields instead.")
                        .arg(property.first));
            return 0;
        }
    }
    if (d->nameTaken(name, profile.id)) {
        d->fail(QStringLiteral("A profile named \"%1\" already exists. Choose another name.").arg(name));
        return 0;
    }

    QSqlDatabase db = d->database();
    if (!db.transaction()) {
        d->fail(QStringLiteral("Cannot save the profile: %1").arg(db.lastError().text()));
        return 0;
    }
    ConnectionProfile stored = profile;
    stored.name = name;
    QString error;
    {
        QSqlQuery query(db);
        if (stored.id == 0) {
            query.prepare(QStringLiteral(
                "INSERT INTO profile (name, bootstrap_servers, security_protocol, sasl_mechanism, sasl_username, "
                "ca_file, certificate_file, key_file, verify_hostname, schema_registry_url, schema_registry_username) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        } else {
            query.prepare(QStringLiteral(
                "UPDATE profile SET name = ?, bootstrap_servers = ?, security_protocol = ?, sasl_mechanism = ?, "
                "sasl_username = ?, ca_file = ?, certificate_file = ?, key_file = ?, verify_hostname = ?, "
                "schema_registry_url = ?, schema_registry_username = ? WHERE id = ?"));
        }
        // QSqlQuery binds a null QString as NULL, which the NOT NULL columns refuse.
        const auto text = [](const QString& value) { return value.isNull() ? QStringLiteral("") : value; };
        query.addBindValue(stored.name);
        query.addBindValue(text(stored.bootstrapServers));
        query.addBindValue(securityProtocolName(stored.securityProtocol));
        query.addBindValue(saslMechanismName(stored.saslMechanism));
        query.addBindValue(text(stored.saslUsername));
        query.addBindValue(text(stored.caFile));
        query.addBindValue(text(stored.certificateFile));
        query.addBindValue(text(stored.keyFile));
        query.addBindValue(stored.verifyHostname ? 1 : 0);
        query.addBindValue(text(stored.schemaRegistryUrl));
        query.addBindValue(text(stored.schemaRegistryUsername));
        if (stored.id != 0)
            query.addBindValue(stored.id);
        if (!query.exec())
            error = query.lastError().text();
        else if (stored.id == 0)
            stored.id = query.lastInsertId().toLongLong();
        else if (query.numRowsAffected() != 1)
            error = QStringLiteral("there is no profile with id %1").arg(stored.id);
    }
    if (error.isEmpty())
        d->writeProperties(db, stored, &error);
    if (error.isEmpty() && !db.commit())
        error = db.lastError().text();
    if (!error.isEmpty()) {
        db.rollback();
        d->fail(QStringLiteral("Cannot save the profile \"%1\": %2").arg(name, error));
        return 0;
    }
    return stored.id;
}

bool ProfileStore::remove(qint64 id)
{
    d->errorText.clear();
    if (!d->open) {
        d->fail(QStringLiteral("The profile database is not open."));
        return false;
    }
    QSqlDatabase db = d->database();
    if (!db.transaction()) {
        d->fail(QStringLiteral("Cannot delete the profile: %1").arg(db.lastError().text()));
        return false;
    }
    QString error;
    bool found = false;
    {
        QSqlQuery properties(db);
        properties.prepare(QStringLiteral("DELETE FROM profile_property WHERE profile_id = ?"));
        properties.addBindValue(id);
        QSqlQuery profileRow(db);
        profileRow.prepare(QStringLiteral("DELETE FROM profile WHERE id = ?"));
        profileRow.addBindValue(id);
        if (!properties.exec())
            error = properties.lastError().text();
        else if (!profileRow.exec())
            error = profileRow.lastError().text();
        else
            found = profileRow.numRowsAffected() > 0;
    }
    if (error.isEmpty() && !db.commit())
        error = db.lastError().text();
    if (!error.isEmpty()) {
        db.rollback();
        d->fail(QStringLiteral("Cannot delete the profile: %1").arg(error));
        return false;
    }
    if (!found)
        d->fail(QStringLiteral("There is no profile with id %1.").arg(id));
    return found;
}

qint64 ProfileStore::duplicate(qint64 id)
{
    d->errorText.clear();
    std::optional<ConnectionProfile> original = profile(id);
    if (!original) {
        d->fail(QStringLiteral("There is no profile with id %1 to duplicate.").arg(id));
        return 0;
    }
    ConnectionProfile copy = *original;
    copy.id = 0;
    for (int attempt = 1;; ++attempt) {
        copy.name = attempt == 1 ? QStringLiteral("%1 (copy)").arg(original->name)
                                 : QStringLiteral("%1 (copy %2)").arg(original->name).arg(attempt);
        if (!d->nameTaken(copy.name, 0))
            break;
    }
    return save(copy);
}

} // namespace Samsa
