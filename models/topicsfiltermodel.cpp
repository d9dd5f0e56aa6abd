#include "topicsfiltermodel.h"

#include "topicsmodel.h"

namespace Samsa {

TopicsFilterModel::TopicsFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(TopicsModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void TopicsFilterModel::setFilterText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filterText)
        return;
    m_filterText = trimmed;
    invalidateRowsFilter();
}

void TopicsFilterModel::setShowInternal(bool show)
{
    if (show == m_showInternal)
        return;
    m_showInternal = show;
    invalidateRowsFilter();
}

bool TopicsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, TopicsModel::NameColumn, sourceParent);
    if (!m_showInternal && index.data(TopicsModel::IsInternalRole).toBool())
        return false;
    if (m_filterText.isEmpty())
        return true;
    // The QVariant shares the row's string: no copy of the name per row.
    return index.data(TopicsModel::NameRole).toString().contains(m_filterText, Qt::CaseInsensitive);
}

} // namespace Samsa
