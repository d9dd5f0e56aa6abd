#pragma once

// Connection profiles in SQLite ($XDG_DATA_HOME/samsa/samsa.db): WAL mode, a schema version in
// PRAGMA user_version with forward migrations, every write in one transaction. No secret is ever
// written here (ConnectionProfile has no secret members).
//
// Used from the UI thread: the database is small and local, each call touches a handful of rows.

#include "connectionprofile.h"

#include <QList>
#include <QString>
#include <optional>

namespace Samsa {

class ProfileStore {
public:
    // 1: profiles and extra properties; 2: Schema Registry; 3: topic formats, schema cache, produce templates
    static constexpr int currentSchemaVersion = 3;

    ProfileStore();
    ~ProfileStore();
    ProfileStore(const ProfileStore&) = delete;
    ProfileStore& operator=(const ProfileStore&) = delete;

    static QString defaultPath(); // $XDG_DATA_HOME/samsa/samsa.db (QStandardPaths::GenericDataLocation)

    // Opens (creating the file and folders as needed) and migrates to currentSchemaVersion.
    // Returns false with errorText() set when the file cannot be opened or is from a newer Samsa.
    bool open(const QString& path = defaultPath());
    bool isOpen() const;
    QString errorText() const;
    int schemaVersion() const; // as found in the file after open()

    QList<ConnectionProfile> profiles() const; // ordered by name, case-insensitive
    std::optional<ConnectionProfile> profile(qint64 id) const;
    std::optional<ConnectionProfile> profileByName(const QString& name) const;

    // Inserts (id 0) or updates; returns the id, or 0 with errorText() set (e.g. duplicate name).
    qint64 save(const ConnectionProfile& profile);
    bool remove(qint64 id);
    // Copies a profile under a free name "<name> (copy)", "<name> (copy 2)", ...; returns the new id.
    qint64 duplicate(qint64 id);

private:
    struct Private;
    Private* d;
};

} // namespace Samsa
