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
#include <QMenu>
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
    m_view->horizontalHeader()->setSectionResizeMode(ConfigsModel::SourceColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_message);
    layout->addWidget(m_view, 1);
    const bool isTopic = m_resource.type == ConfigResourceType::Topic;
    auto* editButton = new QPushButton(tr("Edit…"), this);
    editButton->setObjectName(QStringLiteral("configEditButton"));
    editButton->setToolTip(isTopic ? tr("Change the selected config of this topic")
                                   : tr("Change the selected config of this broker (dynamic configs only)"));
    editButton->setEnabled(!m_session.isNull());
    auto* resetButton = new QPushButton(tr("Reset to Default"), this);
    resetButton->setObjectName(QStringLiteral("configResetButton"));
    resetButton->setToolTip(isTopic ? tr("Remove the topic's override of the selected config")
                                    : tr("Remove the broker's dynamic value of the selected config"));
    resetButton->setEnabled(!m_session.isNull());
    connect(editButton, &QPushButton::clicked, this, &ConfigsPanel::editCurrent);
    connect(resetButton, &QPushButton::clicked, this, &ConfigsPanel::resetCurrent);
    connect(m_view, &QAbstractItemView::doubleClicked, this, &ConfigsPanel::editCurrent);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &ConfigsPanel::showContextMenu);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(resetButton);
    buttons->addWidget(editButton);
    layout->addLayout(buttons);

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
    showEntries(result.entries);
}

void ConfigsPanel::showEntries(QList<ConfigEntry> entries)
{
    for (ConfigEntry& entry : entries) {
        const auto documented = m_documented.constFind(entry.name);
        if (documented == m_documented.cend())
            continue;
        entry.documentation = documented->documentation;
        entry.type = documented->type;
    }
    m_entries = entries;
    m_model->setEntries(entries);
}

TopicActions* ConfigsPanel::actions()
{
    if (!m_actions && m_session) {
        m_actions = new TopicActions(
            ConnectionConfig::librdkafkaProperties(m_session->profile(), m_session->secrets()), 15000, this);
        connect(m_actions, &TopicActions::finished, this, [this](int job, const TopicActionResult& result) {
            if (job != m_resetJob)
                return;
            m_resetJob = 0;
            if (!result.ok()) {
                m_message->showError(tr("Not reset: %1").arg(result.failures().join(QLatin1Char('\n'))));
                return;
            }
            m_message->showMessage(tr("Reset to the default."), MessageBar::Kind::Information);
            request();
        });
        connect(m_actions, &TopicActions::configsDescribed, this, [this](int job, const ConfigResult& result) {
            if (job != m_documentJob)
                return;
            for (const ConfigEntry& entry : result.entries)
                m_documented.insert(entry.name, entry);
            if (!m_entries.isEmpty())
                showEntries(m_entries);
        });
        // Made on the first edit, not for every page shown: a worker and a librdkafka handle each.
        m_documentJob = m_actions->describeConfigs(m_resource);
    }
    return m_actions;
}

const ConfigEntry* ConfigsPanel::changeableCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || !m_session) {
        m_message->showMessage(tr("Select a config first."), MessageBar::Kind::Information);
        return nullptr;
    }
    const QString name = current.siblingAtColumn(ConfigsModel::NameColumn).data().toString();
    const auto entry
        = std::find_if(m_entries.cbegin(), m_entries.cend(), [&](const ConfigEntry& e) { return e.name == name; });
    if (entry == m_entries.cend())
        return nullptr;
    if (entry->isReadOnly) {
        m_message->showMessage(m_resource.type == ConfigResourceType::Broker
                ? tr("%1 is read-only: the broker does not change it at runtime. Set it in the broker's own "
                     "configuration (samsa-broker --set %1=VALUE) and restart it.")
                      .arg(name)
                : tr("%1 is read-only.").arg(name),
            MessageBar::Kind::Information);
        return nullptr;
    }
    return &*entry;
}

void ConfigsPanel::editCurrent()
{
    const ConfigEntry* entry = changeableCurrent();
    if (!entry || !actions())
        return;
    auto* dialog = new ConfigEditDialog(m_actions, m_resource, *entry, this);
    dialog->setObjectName(QStringLiteral("configEditDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConfigEditDialog::configChanged, this, &ConfigsPanel::request);
    dialog->open();
}

void ConfigsPanel::resetCurrent()
{
    const ConfigEntry* entry = changeableCurrent();
    if (!entry || !actions())
        return;
    if (entry->source != ConfigEditDialog::ownLevel(m_resource.type)) {
        m_message->showMessage(m_resource.type == ConfigResourceType::Topic
                ? tr("%1 is not overridden for this topic: it already has the default.").arg(entry->name)
                : tr("%1 is not set dynamically on this broker: it already has its default.").arg(entry->name),
            MessageBar::Kind::Information);
        return;
    }
    m_message->clearMessage();
    m_resetJob = m_actions->alterConfigs(m_resource, { { entry->name, QString() } });
}

void ConfigsPanel::showContextMenu(const QPoint& position)
{
    const QModelIndex index = m_view->indexAt(position);
    if (!index.isValid() || !m_session)
        return;
    m_view->setCurrentIndex(index);
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("configsContextMenu"));
    menu.addAction(tr("Edit…"), this, &ConfigsPanel::editCurrent);
    menu.addAction(tr("Reset to Default"), this, &ConfigsPanel::resetCurrent);
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

} // namespace Samsa
