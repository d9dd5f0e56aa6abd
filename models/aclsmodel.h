#pragma once

// The ACLs of a cluster, one row per binding: principal, host, operation, permission, resource type,
// resource name and pattern. Each listing is merged by the binding itself (all of its fields are its
// key), so a refresh keeps the selection and the scroll position.

#include "acls/acltypes.h"
#include "synctablemodel.h"

namespace Samsa {

class AclsModel : public SyncTableModel {
    Q_OBJECT
public:
    enum Column {
        PrincipalColumn,
        HostColumn,
        OperationColumn,
        PermissionColumn,
        ResourceTypeColumn,
        ResourceNameColumn,
        PatternColumn,
        ColumnCount
    };
    enum Role {
        ResourceTypeRole = Qt::UserRole + 1, // int(AclResourceType), for filters
        PermissionRole, // int(AclPermission)
    };

    explicit AclsModel(QObject* parent = nullptr);

    // First call resets; later calls remove, change and append rows in place.
    void setBindings(const QList<AclBinding>& bindings);
    void clear();

    AclBinding bindingAt(int row) const;
    QList<AclBinding> bindings() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A key made of every field: two rows with the same key are the same ACL.
    static QString keyOf(const AclBinding& binding);
    // The cell's text, as the table shows it.
    static QString columnText(const AclBinding& binding, int column);

private:
    QList<AclBinding> m_rows;
    QHash<QString, int> m_rowOfKey;
};

} // namespace Samsa
