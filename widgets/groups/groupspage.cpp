#include "groupspage.h"

#include "common/datatableview.h"
#include "common/messagebar.h"
#include "groupsmodel.h"
#include "metrics/alertmonitor.h"
#include "metrics/metricsengine.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QVBoxLayout>

namespace Samsa {

GroupsPage::GroupsPage(ClusterSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new GroupsModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_message(new MessageBar(this))
    , m_filter(new QLineEdit(this))
    , m_view(new DataTableView(this))
    , m_count(new QLabel(this))
{
    m_message->setObjectName(QStringLiteral("groupsMessage"));
    m_filter->setObjectName(QStringLiteral("groupsFilter"));
    m_view->setObjectName(QStringLiteral("groupsView"));
    m_count->setObjectName(QStringLiteral("groupsCountLabel"));
    m_filter->setPlaceholderText(tr("Filter groups"));
    m_filter->setClearButtonEnabled(true);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(GroupsModel::SortRole);
    m_proxy->setFilterKeyColumn(GroupsModel::GroupColumn);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view->setModel(m_proxy);
    m_view->sortByColumn(GroupsModel::GroupColumn, Qt::AscendingOrder);
    m_view->horizontalHeader()->setSectionResizeMode(GroupsModel::GroupColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setStretchLastSection(false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_count);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_filter, &QLineEdit::textChanged, this, &GroupsPage::updateCount);
    connect(m_view, &DataTableView::rowActivated, this,
        [this](const QModelIndex& index) { Q_EMIT groupActivated(index.data(GroupsModel::GroupIdRole).toString()); });
    connect(m_view, &QAbstractItemView::clicked, this,
        [this](const QModelIndex& index) { Q_EMIT groupSelected(index.data(GroupsModel::GroupIdRole).toString()); });
    m_timer.setInterval(RefreshIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &GroupsPage::reload);

    if (!m_session) {
        m_message->showError(tr("Not connected to a cluster."));
        updateCount();
        return;
    }
    connect(m_session, &ClusterSession::groupsReady, this, &GroupsPage::showGroups);
    connect(m_session, &ClusterSession::groupDetailReady, m_model, &GroupsModel::applyDetail);
    connect(m_session, &ClusterSession::metadataReady, this, &GroupsPage::reload); // F5
    if (MetricsEngine* engine = m_session->metrics(); engine && engine->alerts()) {
        AlertMonitor* alerts = engine->alerts();
        const auto showAlerts = [this, alerts] {
            QHash<QString, QString> reasons;
            for (const Incident& incident : alerts->openIncidents())
                reasons.insert(incident.group, incident.reason);
            m_model->setAlerting(reasons);
        };
        connect(alerts, &AlertMonitor::incidentOpened, this, showAlerts);
        connect(alerts, &AlertMonitor::incidentClosed, this, showAlerts);
        showAlerts();
    }
    reload();
}

void GroupsPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_timer.start();
}

void GroupsPage::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_timer.stop();
}

void GroupsPage::reload()
{
    if (!m_session || m_loading || m_session->state() != ClusterSession::State::Connected)
        return;
    m_loading = true;
    m_session->requestGroups();
}

void GroupsPage::showGroups(const GroupListResult& result)
{
    m_loading = false;
    if (!result.error.isEmpty())
        m_message->showError(tr("Consumer groups could not be listed: %1").arg(result.error));
    else
        m_message->clearMessage();
    if (result.error.isEmpty() || !result.groups.isEmpty())
        m_model->setGroups(result.groups);
    // Members and lag of each group follow, one description at a time on the session's thread.
    for (const GroupListing& group : result.groups)
        m_session->requestGroupDetail(group.id);
    updateCount();
}

void GroupsPage::updateCount()
{
    m_count->setText(tr("%1 of %2 groups").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

} // namespace Samsa
