#include "produceresultsmodel.h"

#include <QBrush>
#include <QColor>

namespace Samsa {

ProduceResultsModel::ProduceResultsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ProduceResultsModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    m_succeeded = 0;
    endResetModel();
}

void ProduceResultsModel::append(const QList<ProduceResultRow>& rows)
{
    if (rows.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
    for (const ProduceResultRow& row : rows) {
        m_rows.append(row);
        if (row.ok())
            ++m_succeeded;
    }
    endInsertRows();
}

int ProduceResultsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int ProduceResultsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ProduceResultsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProduceResultRow& row = m_rows.at(index.row());
    if (role == Qt::ForegroundRole && !row.ok() && index.column() == ResultColumn)
        return QBrush(QColor(0xc0, 0x1c, 0x28));
    if (role == Qt::ToolTipRole && !row.ok())
        return row.error;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NumberColumn:
        return row.index + 1;
    case PartitionColumn:
        return row.partition >= 0 ? QVariant(row.partition) : QVariant(QString());
    case OffsetColumn:
        return row.offset >= 0 ? QVariant(row.offset) : QVariant(QString());
    case ResultColumn:
        return row.ok() ? tr("written") : row.error;
    }
    return {};
}

QVariant ProduceResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NumberColumn:
        return tr("#");
    case PartitionColumn:
        return tr("Partition");
    case OffsetColumn:
        return tr("Offset");
    case ResultColumn:
        return tr("Result");
    }
    return {};
}

} // namespace Samsa
