#include "configspanel.h"

#include "common/datatableview.h"
#include "common/messagebar.h"
#include "configsmodel.h"
#include "kafka/clustersession.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QVBoxLayout>

namespace Samsa {

ConfigsPanel::ConfigsPanel(ClusterSession* session, const ConfigResource& resource, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_resource(resource)
    , m_model(new ConfigsModel(this))
    , m_view(new DataTableView(this))
    , m_message(new MessageBar(this))
{
    m_message->setObjectName(QStringLiteral("configsMessage"));
    m_view->setObjectName(QStringLiteral("configsView"));
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    proxy->setSourceModel(m_model);
    m_view->setModel(proxy);
    m_view->sortByColumn(ConfigsModel::NameColumn, Qt::AscendingOrder);
    m_view->horizontalHeader()->setSectionResizeMode(ConfigsModel::NameColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(ConfigsModel::ValueColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setStretchLastSection(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_message);
    layout->addWidget(m_view, 1);

    if (m_session)
        connect(m_session, &ClusterSession::configsReady, this, &ConfigsPanel::handleResult);
}

void ConfigsPanel::request()
{
    if (!m_session) {
        m_message->showError(tr("Not connected to a cluster."));
        return;
    }
    m_session->requestConfigs(m_resource);
}

void ConfigsPanel::handleResult(const ConfigResult& result)
{
    if (!(result.resource == m_resource))
        return;
    if (!result.error.isEmpty()) {
        // Entries already shown stay: they are the last known state, the strip says why they are old.
        m_message->showError(tr("Could not load the configuration: %1").arg(result.error));
        return;
    }
    m_message->clearMessage();
    m_model->setEntries(result.entries);
}

} // namespace Samsa
