#include "brokerstable.h"

#include "brokersmodel.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>

namespace Samsa {

BrokersTable::BrokersTable(QWidget* parent)
    : DataTableView(parent)
    , m_model(new BrokersModel(this))
{
    setObjectName(QStringLiteral("brokersView"));
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSortRole(BrokersModel::SortRole);
    proxy->setSourceModel(m_model);
    setModel(proxy);
    sortByColumn(BrokersModel::IdColumn, Qt::AscendingOrder);
    horizontalHeader()->setStretchLastSection(false);
    horizontalHeader()->setSectionResizeMode(BrokersModel::HostColumn, QHeaderView::Stretch);

    connect(this, &DataTableView::rowActivated, this,
        [this](const QModelIndex& index) { Q_EMIT brokerActivated(index.data(BrokersModel::BrokerIdRole).toInt()); });
}

void BrokersTable::setMetadata(const ClusterMetadata& metadata)
{
    m_model->setMetadata(metadata);
}

} // namespace Samsa
