#include "partitionsmodel.h"

#include <QColor>
#include <QLocale>

namespace Samsa {

namespace {
QString joinIds(const QList<int>& ids)
{
    QString text;
    for (int id : ids) {
        if (!text.isEmpty())
            text += QLatin1String(", ");
        text += QString::number(id);
    }
    return text;
}

QVariant offsetText(qint64 value)
{
    return value < 0 ? QVariant(QStringLiteral("…")) : QVariant(QLocale().toString(value));
}

bool samePartition(const PartitionInfo& a, const PartitionInfo& b)
{
    return a.leader == b.leader && a.replicas == b.replicas && a.inSyncReplicas == b.inSyncReplicas
        && a.error == b.error && a.lowWatermark == b.lowWatermark && a.highWatermark == b.highWatermark;
}
} // namespace

PartitionsModel::PartitionsModel(QObject* parent)
    : SyncTableModel(parent)
{
}

PartitionsModel::Health PartitionsModel::healthOf(const PartitionInfo& partition)
{
    if (partition.isOffline())
        return Health::Offline;
    if (partition.isUnderReplicated())
        return Health::UnderReplicated;
    return Health::Healthy;
}

void PartitionsModel::setTopic(const TopicInfo& topic)
{
    if (topic.name != m_topic) {
        clear();
        m_topic = topic.name;
    }
    QList<PartitionInfo> incoming = topic.partitions;
    for (PartitionInfo& partition : incoming) {
        const int existing = m_rowOfPartition.value(partition.partition, -1);
        if (existing >= 0 && partition.lowWatermark < 0 && partition.highWatermark < 0) {
            partition.lowWatermark = m_rows.at(existing).lowWatermark;
            partition.highWatermark = m_rows.at(existing).highWatermark;
        }
    }
    syncRows(
        m_rows, m_rowOfPartition, incoming, [](const PartitionInfo& p) { return p.partition; }, samePartition);
}

void PartitionsModel::applyWatermarks(const QList<TopicWatermarks>& watermarks)
{
    QList<int> changed;
    for (const TopicWatermarks& topic : watermarks) {
        if (topic.topic != m_topic)
            continue;
        for (auto it = topic.partitions.cbegin(); it != topic.partitions.cend(); ++it) {
            const int row = m_rowOfPartition.value(it.key(), -1);
            if (row < 0)
                continue;
            PartitionInfo& partition = m_rows[row];
            if (partition.lowWatermark == it.value().first && partition.highWatermark == it.value().second)
                continue;
            partition.lowWatermark = it.value().first;
            partition.highWatermark = it.value().second;
            changed.append(row);
        }
    }
    emitRowRangesChanged(changed, LowColumn, MessagesColumn);
}

void PartitionsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_rowOfPartition.clear();
    endResetModel();
}

int PartitionsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PartitionsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PartitionsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const PartitionInfo& row = m_rows.at(index.row());
    const Health health = healthOf(row);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case PartitionColumn:
            return row.partition;
        case LeaderColumn:
            return row.isOffline() ? tr("none (offline)") : QString::number(row.leader);
        case ReplicasColumn:
            return joinIds(row.replicas);
        case InSyncReplicasColumn:
            return joinIds(row.inSyncReplicas);
        case LowColumn:
            return offsetText(row.lowWatermark);
        case HighColumn:
            return offsetText(row.highWatermark);
        case MessagesColumn:
            return offsetText(row.messageCount());
        }
        break;
    case SortRole:
        switch (index.column()) {
        case PartitionColumn:
            return row.partition;
        case LeaderColumn:
            return row.leader;
        case ReplicasColumn:
            return int(row.replicas.size());
        case InSyncReplicasColumn:
            return int(row.inSyncReplicas.size());
        case LowColumn:
            return row.lowWatermark;
        case HighColumn:
            return row.highWatermark;
        case MessagesColumn:
            return row.messageCount();
        }
        break;
    case HealthRole:
        return int(health);
    case Qt::BackgroundRole:
        if (health == Health::Offline)
            return QColor(0xf4, 0xc7, 0xc3);
        if (health == Health::UnderReplicated)
            return QColor(0xfc, 0xe8, 0xb2);
        break;
    case Qt::ForegroundRole:
        // Fixed light backgrounds need dark text, also under a dark palette.
        if (health != Health::Healthy)
            return QColor(Qt::black);
        break;
    case Qt::ToolTipRole:
        if (health == Health::Offline)
            return row.error.isEmpty() ? tr("Offline: the partition has no leader")
                                       : tr("Offline: the partition has no leader (%1)").arg(row.error);
        if (health == Health::UnderReplicated)
            return tr("Under-replicated: %1 of %2 replicas in sync")
                .arg(row.inSyncReplicas.size())
                .arg(row.replicas.size());
        if (!row.error.isEmpty())
            return row.error;
        break;
    case Qt::TextAlignmentRole:
        if (index.column() != ReplicasColumn && index.column() != InSyncReplicasColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    }
    return {};
}

QVariant PartitionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return SyncTableModel::headerData(section, orientation, role);
    switch (section) {
    case PartitionColumn:
        return tr("Partition");
    case LeaderColumn:
        return tr("Leader");
    case ReplicasColumn:
        return tr("Replicas");
    case InSyncReplicasColumn:
        return tr("In-sync replicas");
    case LowColumn:
        return tr("Low");
    case HighColumn:
        return tr("High");
    case MessagesColumn:
        return tr("Messages");
    }
    return {};
}

} // namespace Samsa
