#pragma once

// The versions of one subject: number, schema id, and whether it is soft-deleted (the registry
// lists those only when asked, and a hard delete needs one).

#include "synctablemodel.h"

namespace Samsa {

struct SchemaVersionEntry {
    int version = -1;
    int id = -1; // -1 until the version was read
    bool deleted = false; // soft-deleted
};

class SchemaVersionsModel : public SyncTableModel {
    Q_OBJECT
public:
    enum Column { VersionColumn, IdColumn, StateColumn, ColumnCount };
    enum Role { VersionRole = Qt::UserRole + 1, DeletedRole };

    explicit SchemaVersionsModel(QObject* parent = nullptr);

    // All versions (live and soft-deleted), matched by number so the selection survives a reload.
    // `live` are the numbers the registry lists without ?deleted=true.
    void setVersions(const QList<int>& all, const QList<int>& live);
    void setId(int version, int id);
    void clear();

    int versionAt(int row) const;
    int rowOfVersion(int version) const { return m_rowOfVersion.value(version, -1); }
    std::optional<SchemaVersionEntry> entry(int version) const;
    QList<SchemaVersionEntry> entries() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<SchemaVersionEntry> m_rows;
    QHash<int, int> m_rowOfVersion;
};

} // namespace Samsa
