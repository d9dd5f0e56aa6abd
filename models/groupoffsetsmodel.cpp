#include "groupoffsetsmodel.h"

#include "text/durationtext.h"

namespace Samsa {

namespace {

QString rowKey(const QString& topic, int partition)
{
    return topic + QLatin1Char('/') + QString::number(partition);
}

} // namespace

GroupOffsetsModel::GroupOffsetsModel(QObject* parent)
    : SyncTableModel(parent)
{
}

void GroupOffsetsModel::setDetail(const GroupDetail& detail)
{
    QHash<QString, QString> members;
    for (const GroupMember& member : detail.members)
        members.insert(member.memberId, QStringLiteral("%1 (%2)").arg(member.clientId, member.host));
    QList<Row> incoming;
    incoming.reserve(detail.offsets.size());
    for (const GroupPartitionOffset& offset : detail.offsets)
        incoming.append({ offset, members.value(offset.memberId) });
    syncRows(
        m_rows, m_rowOfKey, incoming,
        [](const Row& row) -> QString { return rowKey(row.offset.topic, row.offset.partition); },
        [](const Row& a, const Row& b) {
            return a.offset.committed == b.offset.committed && a.offset.highWatermark == b.offset.highWatermark
                && a.member == b.member;
        });
}

void GroupOffsetsModel::setMetrics(const GroupMetrics& metrics)
{
    m_metrics.clear();
    for (const GroupPartitionMetrics& partition : metrics.partitions)
        m_metrics.insert(rowKey(partition.topic, partition.partition), partition);
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, TimeLagColumn), index(int(m_rows.size()) - 1, HealthColumn));
}

int GroupOffsetsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int GroupOffsetsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GroupOffsetsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    const auto number = [role](qint64 value) -> QVariant {
        if (value >= 0)
            return value;
        return role == SortRole ? QVariant(qint64(-1)) : QVariant(QStringLiteral("–"));
    };
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (index.column()) {
        case TopicColumn:
            return row.offset.topic;
        case PartitionColumn:
            return row.offset.partition;
        case CommittedColumn:
            return number(row.offset.committed);
        case EndColumn:
            return number(row.offset.highWatermark);
        case LagColumn:
            return number(row.offset.lag());
        case TimeLagColumn: {
            const auto found = m_metrics.constFind(rowKey(row.offset.topic, row.offset.partition));
            if (found == m_metrics.constEnd() || !found->timeLag.ms)
                return role == SortRole ? QVariant(qint64(-1)) : QVariant(QStringLiteral("–"));
            return role == SortRole ? QVariant(*found->timeLag.ms) : QVariant(durationText(*found->timeLag.ms));
        }
        case HealthColumn: {
            const auto found = m_metrics.constFind(rowKey(row.offset.topic, row.offset.partition));
            if (found == m_metrics.constEnd())
                return role == SortRole ? QVariant(0) : QVariant(QStringLiteral("–"));
            return role == SortRole ? QVariant(healthSeverity(found->health.health)) : QVariant(healthName(found->health.health));
        }
        case MemberColumn:
            return row.member;
        }
        break;
    case Qt::ToolTipRole: {
        const auto found = m_metrics.constFind(rowKey(row.offset.topic, row.offset.partition));
        if (found == m_metrics.constEnd())
            break;
        if (index.column() == HealthColumn)
            return found->health.reason;
        if (index.column() == TimeLagColumn)
            return found->timeLag.ms ? tr("The next record to read was written %1 ago.").arg(durationText(*found->timeLag.ms))
                                     : found->timeLag.note;
        break;
    }
    case Qt::TextAlignmentRole:
        if (index.column() != TopicColumn && index.column() != MemberColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    }
    return {};
}

QVariant GroupOffsetsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TopicColumn:
        return tr("Topic");
    case PartitionColumn:
        return tr("Partition");
    case CommittedColumn:
        return tr("Committed");
    case EndColumn:
        return tr("End offset");
    case LagColumn:
        return tr("Lag");
    case TimeLagColumn:
        return tr("Time lag");
    case HealthColumn:
        return tr("Health");
    case MemberColumn:
        return tr("Member");
    }
    return {};
}

} // namespace Samsa
