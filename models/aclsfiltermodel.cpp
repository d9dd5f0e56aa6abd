#include "aclsfiltermodel.h"

#include "aclsmodel.h"

namespace Samsa {

AclsFilterModel::AclsFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void AclsFilterModel::setFilterText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filterText)
        return;
    m_filterText = trimmed;
    invalidateRowsFilter();
}

void AclsFilterModel::setResourceType(std::optional<AclResourceType> type)
{
    if (type == m_resourceType)
        return;
    m_resourceType = type;
    invalidateRowsFilter();
}

void AclsFilterModel::setPermission(std::optional<AclPermission> permission)
{
    if (permission == m_permission)
        return;
    m_permission = permission;
    invalidateRowsFilter();
}

bool AclsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QAbstractItemModel* source = sourceModel();
    const QModelIndex first = source->index(sourceRow, 0, sourceParent);
    if (m_resourceType && first.data(AclsModel::ResourceTypeRole).toInt() != int(*m_resourceType))
        return false;
    if (m_permission && first.data(AclsModel::PermissionRole).toInt() != int(*m_permission))
        return false;
    if (m_filterText.isEmpty())
        return true;
    for (int column = 0; column < source->columnCount(sourceParent); ++column) {
        if (source->index(sourceRow, column, sourceParent)
                .data()
                .toString()
                .contains(m_filterText, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace Samsa
