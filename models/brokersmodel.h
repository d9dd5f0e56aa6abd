#pragma once

// The brokers of a cluster, one row each, with a marker on the controller.

#include "clustertypes.h"
#include "synctablemodel.h"

namespace Samsa {

class BrokersModel : public SyncTableModel {
    Q_OBJECT
public:
    enum Column { IdColumn, HostColumn, PortColumn, RackColumn, RoleColumn, ColumnCount };
    enum Role { BrokerIdRole = Qt::UserRole + 1, IsControllerRole, SortRole };

    explicit BrokersModel(QObject* parent = nullptr);

    // Takes the brokers and the controller id of a metadata snapshot; rows are updated in place.
    void setMetadata(const ClusterMetadata& metadata);
    void clear();

    int brokerIdAt(int row) const; // -1 when out of range
    int rowOfBroker(int brokerId) const; // -1 when unknown

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        BrokerInfo broker;
        bool controller = false;
    };
    QList<Row> m_rows;
    QHash<int, int> m_rowOfId;
};

} // namespace Samsa
