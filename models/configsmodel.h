#pragma once

// Configuration entries of a topic or a broker. Sensitive values are always masked, even when the
// broker sent one; entries that override the default are shown in bold, with the value that applies
// without them (the default, from the synonyms) beside; the documentation is the row's tooltip.

#include "clustertypes.h"
#include "synctablemodel.h"

namespace Samsa {

class ConfigsModel : public SyncTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, ValueColumn, DefaultColumn, SourceColumn, ReadOnlyColumn, ColumnCount };
    enum Role { IsOverrideRole = Qt::UserRole + 1, IsSensitiveRole, IsReadOnlyRole };

    explicit ConfigsModel(QObject* parent = nullptr);

    void setEntries(const QList<ConfigEntry>& entries);
    void clear();

    static QString maskedValue(); // what a sensitive value looks like
    static bool isOverride(const ConfigEntry& entry);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ConfigEntry> m_rows;
    QHash<QString, int> m_rowOfName;
};

} // namespace Samsa
