#include "aclsmodel.h"

#include <QColor>

namespace Samsa {

AclsModel::AclsModel(QObject* parent)
    : SyncTableModel(parent)
{
}

QString AclsModel::keyOf(const AclBinding& binding)
{
    // U+001F (unit separator) cannot be typed in a principal or resource name by accident.
    const QChar separator(0x1f);
    return aclName(binding.resourceType) % separator % binding.resourceName % separator % aclName(binding.patternType)
        % separator % binding.principal % separator % binding.host % separator % aclName(binding.operation) % separator
        % aclName(binding.permission);
}

void AclsModel::setBindings(const QList<AclBinding>& bindings)
{
    if (bindings.isEmpty()) {
        clear();
        return;
    }
    // Equal keys mean equal bindings, so a row that stayed never needs a dataChanged.
    syncRows(
        m_rows, m_rowOfKey, bindings, &AclsModel::keyOf, [](const AclBinding&, const AclBinding&) { return true; });
}

void AclsModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    m_rowOfKey.clear();
    endResetModel();
}

AclBinding AclsModel::bindingAt(int row) const
{
    return m_rows.value(row);
}

int AclsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AclsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AclsModel::columnText(const AclBinding& binding, int column)
{
    switch (column) {
    case PrincipalColumn:
        return binding.principal;
    case HostColumn:
        return binding.host;
    case OperationColumn:
        return aclName(binding.operation);
    case PermissionColumn:
        return aclName(binding.permission);
    case ResourceTypeColumn:
        return aclName(binding.resourceType);
    case ResourceNameColumn:
        return binding.resourceName;
    case PatternColumn:
        return aclName(binding.patternType);
    default:
        break;
    }
    return {};
}

QVariant AclsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AclBinding& binding = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return columnText(binding, index.column());
    case ResourceTypeRole:
        return int(binding.resourceType);
    case PermissionRole:
        return int(binding.permission);
    case Qt::ForegroundRole:
        // A DENY wins over every ALLOW: it should stand out.
        if (index.column() == PermissionColumn && binding.permission == AclPermission::Deny)
            return QColor(0xc0392b);
        return {};
    }
    return {};
}

QVariant AclsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PrincipalColumn:
        return tr("Principal");
    case HostColumn:
        return tr("Host");
    case OperationColumn:
        return tr("Operation");
    case PermissionColumn:
        return tr("Permission");
    case ResourceTypeColumn:
        return tr("Resource type");
    case ResourceNameColumn:
        return tr("Resource name");
    case PatternColumn:
        return tr("Pattern");
    default:
        break;
    }
    return {};
}

} // namespace Samsa
