#include "schemaversionsmodel.h"

#include <QBrush>
#include <QPalette>

#include <algorithm>

namespace Samsa {

SchemaVersionsModel::SchemaVersionsModel(QObject* parent)
    : SyncTableModel(parent)
{
}

void SchemaVersionsModel::setVersions(const QList<int>& all, const QList<int>& live)
{
    QList<int> sorted = all;
    for (int version : live) {
        if (!sorted.contains(version))
            sorted.append(version);
    }
    std::sort(sorted.begin(), sorted.end());
    QList<SchemaVersionEntry> incoming;
    incoming.reserve(sorted.size());
    for (int version : sorted) {
        const int existing = m_rowOfVersion.value(version, -1);
        SchemaVersionEntry row = existing >= 0 ? m_rows.at(existing) : SchemaVersionEntry {};
        row.version = version;
        row.deleted = !live.contains(version);
        incoming.append(row);
    }
    syncRows(
        m_rows, m_rowOfVersion, incoming, [](const SchemaVersionEntry& row) { return row.version; },
        [](const SchemaVersionEntry& a, const SchemaVersionEntry& b) { return a.id == b.id && a.deleted == b.deleted; });
}

void SchemaVersionsModel::setId(int version, int id)
{
    const int row = m_rowOfVersion.value(version, -1);
    if (row < 0 || m_rows.at(row).id == id)
        return;
    m_rows[row].id = id;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void SchemaVersionsModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    m_rowOfVersion.clear();
    endResetModel();
}

int SchemaVersionsModel::versionAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).version : -1;
}

std::optional<SchemaVersionEntry> SchemaVersionsModel::entry(int version) const
{
    const int row = m_rowOfVersion.value(version, -1);
    if (row < 0)
        return std::nullopt;
    return m_rows.at(row);
}

int SchemaVersionsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int SchemaVersionsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant SchemaVersionsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SchemaVersionEntry& row = m_rows.at(index.row());
    switch (role) {
    case VersionRole:
        return row.version;
    case DeletedRole:
        return row.deleted;
    case Qt::ForegroundRole:
        if (row.deleted)
            return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case VersionColumn:
            return row.version;
        case IdColumn:
            return row.id >= 0 ? QVariant(row.id) : QVariant(QString());
        case StateColumn:
            return row.deleted ? tr("soft-deleted") : tr("live");
        }
        return {};
    }
    return {};
}

QVariant SchemaVersionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case VersionColumn:
        return tr("Version");
    case IdColumn:
        return tr("Id");
    case StateColumn:
        return tr("State");
    }
    return {};
}

} // namespace Samsa
