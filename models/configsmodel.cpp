#include "configsmodel.h"

#include <QFont>

namespace Samsa {

ConfigsModel::ConfigsModel(QObject* parent)
    : SyncTableModel(parent)
{
}

QString ConfigsModel::maskedValue()
{
    return QStringLiteral("••••••");
}

bool ConfigsModel::isOverride(const ConfigEntry& entry)
{
    return !entry.isDefault && entry.source != ConfigSource::Default;
}

void ConfigsModel::setEntries(const QList<ConfigEntry>& entries)
{
    QList<ConfigEntry> incoming = entries;
    for (ConfigEntry& entry : incoming) {
        // Never keep a secret in memory longer than needed: it is not shown anyway.
        if (entry.isSensitive)
            entry.value.clear();
    }
    syncRows(
        m_rows, m_rowOfName, incoming, [](const ConfigEntry& entry) -> const QString& { return entry.name; },
        [](const ConfigEntry& a, const ConfigEntry& b) {
            return a.value == b.value && a.isDefault == b.isDefault && a.isSensitive == b.isSensitive
                && a.isReadOnly == b.isReadOnly && a.source == b.source && a.defaultValue == b.defaultValue
                && a.documentation == b.documentation;
        });
}

void ConfigsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_rowOfName.clear();
    endResetModel();
}

int ConfigsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConfigsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConfigsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const ConfigEntry& entry = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case NameColumn:
            return entry.name;
        case ValueColumn:
            return entry.isSensitive ? maskedValue() : entry.value;
        case DefaultColumn:
            return entry.isSensitive ? QString() : entry.defaultValue;
        case SourceColumn:
            if (entry.source == ConfigSource::Unknown)
                return entry.isDefault ? tr("Default") : tr("Override");
            return configSourceName(entry.source);
        case ReadOnlyColumn:
            return entry.isReadOnly ? tr("read-only") : QString();
        }
        break;
    case Qt::FontRole:
        if (isOverride(entry)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case Qt::ToolTipRole:
        if (entry.isSensitive && index.column() == ValueColumn)
            return tr("Sensitive value, not shown");
        if (index.column() == DefaultColumn)
            return tr("The value that applies without this setting");
        if (!entry.documentation.isEmpty())
            return entry.documentation;
        break;
    case IsOverrideRole:
        return isOverride(entry);
    case IsSensitiveRole:
        return entry.isSensitive;
    case IsReadOnlyRole:
        return entry.isReadOnly;
    }
    return {};
}

QVariant ConfigsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return SyncTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ValueColumn:
        return tr("Value");
    case DefaultColumn:
        return tr("Default");
    case SourceColumn:
        return tr("Source");
    case ReadOnlyColumn:
        return tr("Read-only");
    }
    return {};
}

} // namespace Samsa
