#include "configspanel.h"

#include "common/datatableview.h"
#include "common/messagebar.h"
#include "configsmodel.h"
#include "kafka/clustersession.h"
#include "profiles/connectionconfig.h"
#include "topics/configeditdialog.h"
#include "topics/topicactions.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
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
    if (m_resource.type == ConfigResourceType::Topic) {
        auto* editButton = new QPushButton(tr("Edit…"), this);
        editButton->setObjectName(QStringLiteral("configEditButton"));
        editButton->setToolTip(tr("Change the selected config of this topic, or reset it to the default"));
        editButton->setEnabled(!m_session.isNull());
        connect(editButton, &QPushButton::clicked, this, &ConfigsPanel::editCurrent);
        connect(m_view, &QAbstractItemView::doubleClicked, this, &ConfigsPanel::editCurrent);
        auto* buttons = new QHBoxLayout;
        buttons->addStretch(1);
        buttons->addWidget(editButton);
        layout->addLayout(buttons);
    }

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
    m_entries = result.entries;
    m_model->setEntries(result.entries);
}

void ConfigsPanel::editCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || !m_session)
        return;
    const QString name = current.siblingAtColumn(ConfigsModel::NameColumn).data().toString();
    const auto entry = std::find_if(m_entries.cbegin(), m_entries.cend(), [&](const ConfigEntry& e) { return e.name == name; });
    if (entry == m_entries.cend())
        return;
    if (entry->isReadOnly) {
        m_message->showMessage(tr("%1 is read-only.").arg(name), MessageBar::Kind::Information);
        return;
    }
    if (!m_actions)
        m_actions = new TopicActions(ConnectionConfig::librdkafkaProperties(m_session->profile(), m_session->secrets()), 15000, this);
    auto* dialog = new ConfigEditDialog(m_actions, m_resource.name, *entry, this);
    dialog->setObjectName(QStringLiteral("configEditDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConfigEditDialog::configChanged, this, &ConfigsPanel::request);
    dialog->open();
}

} // namespace Samsa
