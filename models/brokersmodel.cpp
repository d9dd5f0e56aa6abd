#include "brokersmodel.h"

#include <QFont>

namespace Samsa {

BrokersModel::BrokersModel(QObject* parent)
    : SyncTableModel(parent)
{
}

void BrokersModel::setMetadata(const ClusterMetadata& metadata)
{
    QList<Row> incoming;
    incoming.reserve(metadata.brokers.size());
    for (const BrokerInfo& broker : metadata.brokers)
        incoming.append({ broker, broker.id == metadata.controllerId });
    syncRows(
        m_rows, m_rowOfId, incoming, [](const Row& row) { return row.broker.id; },
        [](const Row& a, const Row& b) {
            return a.controller == b.controller && a.broker.host == b.broker.host && a.broker.port == b.broker.port
                && a.broker.rack == b.broker.rack;
        });
}

void BrokersModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_rowOfId.clear();
    endResetModel();
}

int BrokersModel::brokerIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).broker.id : -1;
}

int BrokersModel::rowOfBroker(int brokerId) const
{
    return m_rowOfId.value(brokerId, -1);
}

int BrokersModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BrokersModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BrokersModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn:
            return row.broker.id;
        case HostColumn:
            return row.broker.host;
        case PortColumn:
            return row.broker.port;
        case RackColumn:
            return row.broker.rack;
        case RoleColumn:
            return row.controller ? tr("controller") : QString();
        }
        break;
    case SortRole:
        switch (index.column()) {
        case IdColumn:
            return row.broker.id;
        case HostColumn:
            return row.broker.host;
        case PortColumn:
            return row.broker.port;
        case RackColumn:
            return row.broker.rack;
        case RoleColumn:
            return row.controller;
        }
        break;
    case Qt::FontRole:
        if (row.controller) {
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == IdColumn || index.column() == PortColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case BrokerIdRole:
        return row.broker.id;
    case IsControllerRole:
        return row.controller;
    }
    return {};
}

QVariant BrokersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return SyncTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("ID");
    case HostColumn:
        return tr("Host");
    case PortColumn:
        return tr("Port");
    case RackColumn:
        return tr("Rack");
    case RoleColumn:
        return tr("Role");
    }
    return {};
}

} // namespace Samsa
