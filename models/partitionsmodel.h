#pragma once

// The partitions of one topic with leader, replicas, in-sync replicas and watermarks. Offline
// partitions (no leader) and under-replicated ones are highlighted.

#include "clustertypes.h"
#include "synctablemodel.h"

namespace Samsa {

class PartitionsModel : public SyncTableModel {
    Q_OBJECT
public:
    enum Column {
        PartitionColumn,
        LeaderColumn,
        ReplicasColumn,
        InSyncReplicasColumn,
        LowColumn,
        HighColumn,
        MessagesColumn,
        ColumnCount
    };
    enum class Health { Healthy, UnderReplicated, Offline };
    enum Role { SortRole = Qt::UserRole + 1, HealthRole /* int(Health) */ };

    explicit PartitionsModel(QObject* parent = nullptr);

    QString topic() const { return m_topic; }
    // Rows follow the topic's partitions; watermarks already known are kept when the new snapshot has none.
    void setTopic(const TopicInfo& topic);
    // Takes the entry for this model's topic, ignores the others.
    void applyWatermarks(const QList<TopicWatermarks>& watermarks);
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static Health healthOf(const PartitionInfo& partition);

private:
    QList<PartitionInfo> m_rows;
    QHash<int, int> m_rowOfPartition;
    QString m_topic;
};

} // namespace Samsa
