#pragma once

// The partitions of one consumer group: committed offset, end offset (high watermark), lag, and
// the member (client id) it is assigned to; with the metrics engine, also the time lag and the
// health of each partition.

#include "groups/grouptypes.h"
#include "metrics/metricssnapshot.h"
#include "synctablemodel.h"

namespace Samsa {

class GroupOffsetsModel : public SyncTableModel {
    Q_OBJECT
public:
    enum Column {
        TopicColumn,
        PartitionColumn,
        CommittedColumn,
        EndColumn,
        LagColumn,
        TimeLagColumn,
        HealthColumn,
        MemberColumn,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1 };

    explicit GroupOffsetsModel(QObject* parent = nullptr);

    void setDetail(const GroupDetail& detail);
    // Time lag and health per partition, from the group's latest metrics.
    void setMetrics(const GroupMetrics& metrics);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        GroupPartitionOffset offset;
        QString member; // client id and host of the member, or empty
    };
    QList<Row> m_rows;
    QHash<QString, int> m_rowOfKey;
    QHash<QString, GroupPartitionMetrics> m_metrics; // by the rows' key
};

} // namespace Samsa
