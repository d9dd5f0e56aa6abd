#pragma once

// The consumer groups of a cluster, one row each: state from ListConsumerGroups, and members,
// partitions and total lag once that group's description has arrived.

#include "groups/grouptypes.h"
#include "synctablemodel.h"

namespace Samsa {

class GroupsModel : public SyncTableModel {
    Q_OBJECT
public:
    enum Column { GroupColumn, StateColumn, MembersColumn, PartitionsColumn, LagColumn, ColumnCount };
    enum Role { GroupIdRole = Qt::UserRole + 1, SortRole };

    explicit GroupsModel(QObject* parent = nullptr);

    // Rows are matched by group id and updated in place; what a detail told is kept.
    void setGroups(const QList<GroupListing>& groups);
    // Fills members, partitions and lag of the group's row (ignored when the group is not listed).
    void applyDetail(const GroupDetail& detail);

    QString groupIdAt(int row) const;
    // Groups over an alert threshold, with why: their rows are shown in red with the reason as tooltip.
    void setAlerting(const QHash<QString, QString>& reasons);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        GroupListing group;
        int members = -1;    // -1 until described
        int partitions = -1;
        qint64 lag = -1;
    };
    QList<Row> m_rows;
    QHash<QString, int> m_rowOfId;
    QHash<QString, QString> m_alerting;
};

} // namespace Samsa
