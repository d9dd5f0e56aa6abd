#include "groupsmodel.h"

#include <QColor>

namespace Samsa {

GroupsModel::GroupsModel(QObject* parent)
    : SyncTableModel(parent)
{
}

void GroupsModel::setGroups(const QList<GroupListing>& groups)
{
    QList<Row> incoming;
    incoming.reserve(groups.size());
    for (const GroupListing& group : groups) {
        const int existing = m_rowOfId.value(group.id, -1);
        Row row = existing >= 0 ? m_rows.at(existing) : Row {};
        row.group = group;
        incoming.append(row);
    }
    syncRows(
        m_rows, m_rowOfId, incoming, [](const Row& row) { return row.group.id; },
        [](const Row& a, const Row& b) {
            return a.group.state == b.group.state && a.group.isSimple == b.group.isSimple && a.members == b.members
                && a.partitions == b.partitions && a.lag == b.lag;
        });
}

void GroupsModel::applyDetail(const GroupDetail& detail)
{
    const int row = m_rowOfId.value(detail.id, -1);
    if (row < 0 || !detail.error.isEmpty())
        return;
    Row& target = m_rows[row];
    target.members = int(detail.members.size());
    target.partitions = int(detail.offsets.size());
    target.lag = detail.totalLag();
    if (!detail.state.isEmpty())
        target.group.state = detail.state;
    Q_EMIT dataChanged(index(row, StateColumn), index(row, LagColumn));
}

QString GroupsModel::groupIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).group.id : QString();
}

void GroupsModel::setAlerting(const QHash<QString, QString>& reasons)
{
    m_alerting = reasons;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

int GroupsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int GroupsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GroupsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    const auto orUnknown = [role](qint64 value) -> QVariant {
        if (value >= 0)
            return value;
        return role == SortRole ? QVariant(qint64(-1)) : QVariant(QString());
    };
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (index.column()) {
        case GroupColumn:
            return row.group.id;
        case StateColumn:
            return row.group.isSimple && role == Qt::DisplayRole ? tr("%1 (simple)").arg(row.group.state) : row.group.state;
        case MembersColumn:
            return orUnknown(row.members);
        case PartitionsColumn:
            return orUnknown(row.partitions);
        case LagColumn:
            return orUnknown(row.lag);
        }
        break;
    case Qt::ForegroundRole:
        if (m_alerting.contains(row.group.id))
            return QColor(0xc0392b);
        break;
    case Qt::ToolTipRole:
        if (m_alerting.contains(row.group.id))
            return tr("Alert: %1").arg(m_alerting.value(row.group.id));
        break;
    case Qt::TextAlignmentRole:
        if (index.column() >= MembersColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case GroupIdRole:
        return row.group.id;
    }
    return {};
}

QVariant GroupsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case GroupColumn:
        return tr("Group");
    case StateColumn:
        return tr("State");
    case MembersColumn:
        return tr("Members");
    case PartitionsColumn:
        return tr("Partitions");
    case LagColumn:
        return tr("Lag");
    }
    return {};
}

} // namespace Samsa
