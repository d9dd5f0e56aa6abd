#include "groupdetailpage.h"

#include "common/datatableview.h"
#include "common/messagebar.h"
#include "alertthresholdsdialog.h"
#include "grouplagpanel.h"
#include "groupoffsetsmodel.h"
#include "groupspage.h"

#include "groups/groupactions.h"
#include "metrics/alertmonitor.h"
#include "metrics/metricsengine.h"
#include "metrics/metricshistory.h"
#include "offsetresetdialog.h"
#include "profiles/connectionconfig.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Samsa {

GroupDetailPage::GroupDetailPage(ClusterSession* session, const QString& groupId, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_groupId(groupId)
    , m_message(new MessageBar(this))
    , m_summary(new QLabel(this))
    , m_members(new QTableWidget(0, 4, this))
    , m_offsets(new GroupOffsetsModel(this))
    , m_offsetsView(new DataTableView(this))
{
    m_message->setObjectName(QStringLiteral("groupMessage"));
    m_summary->setObjectName(QStringLiteral("groupSummary"));
    m_members->setObjectName(QStringLiteral("membersView"));
    m_offsetsView->setObjectName(QStringLiteral("groupOffsetsView"));

    auto* title = new QLabel(QStringLiteral("<h2>%1</h2>").arg(groupId.toHtmlEscaped()), this);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_members->setHorizontalHeaderLabels({ tr("Member"), tr("Client"), tr("Host"), tr("Partitions") });
    m_members->verticalHeader()->hide();
    m_members->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_members->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_members->setWordWrap(false);
    m_members->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_members->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);

    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_offsets);
    proxy->setSortRole(GroupOffsetsModel::SortRole);
    m_offsetsView->setModel(proxy);
    m_offsetsView->sortByColumn(GroupOffsetsModel::TopicColumn, Qt::AscendingOrder);
    m_offsetsView->horizontalHeader()->setSectionResizeMode(GroupOffsetsModel::MemberColumn, QHeaderView::Stretch);

    auto* membersBox = new QWidget(this);
    auto* membersLayout = new QVBoxLayout(membersBox);
    membersLayout->setContentsMargins(0, 0, 0, 0);
    membersLayout->addWidget(new QLabel(tr("Members"), membersBox));
    membersLayout->addWidget(m_members);
    auto* offsetsBox = new QWidget(this);
    auto* offsetsLayout = new QVBoxLayout(offsetsBox);
    offsetsLayout->setContentsMargins(0, 0, 0, 0);
    offsetsLayout->addWidget(new QLabel(tr("Partitions"), offsetsBox));
    offsetsLayout->addWidget(m_offsetsView);
    m_lagPanel = new GroupLagPanel(m_session ? m_session->metrics() : nullptr, groupId, this);
    connect(m_lagPanel, &GroupLagPanel::metricsUpdated, m_offsets, &GroupOffsetsModel::setMetrics);
    m_lagPanel->start();
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_lagPanel);
    splitter->addWidget(membersBox);
    splitter->addWidget(offsetsBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 3);

    auto* alertsButton = new QPushButton(tr("Alerts…"), this);
    alertsButton->setObjectName(QStringLiteral("alertsButton"));
    alertsButton->setToolTip(tr("Thresholds on lag, time lag or health that raise a notification"));
    connect(alertsButton, &QPushButton::clicked, this, &GroupDetailPage::editAlerts);
    auto* resetButton = new QPushButton(tr("Reset Offsets…"), this);
    auto* deleteOffsetsButton = new QPushButton(tr("Delete Offsets…"), this);
    auto* deleteGroupButton = new QPushButton(tr("Delete Group…"), this);
    resetButton->setObjectName(QStringLiteral("resetOffsetsButton"));
    deleteOffsetsButton->setObjectName(QStringLiteral("deleteOffsetsButton"));
    deleteGroupButton->setObjectName(QStringLiteral("deleteGroupButton"));
    resetButton->setToolTip(tr("Move the group's committed offsets (only while none of its consumers runs)"));
    connect(resetButton, &QPushButton::clicked, this, &GroupDetailPage::resetOffsets);
    connect(deleteOffsetsButton, &QPushButton::clicked, this, &GroupDetailPage::deleteOffsets);
    connect(deleteGroupButton, &QPushButton::clicked, this, &GroupDetailPage::deleteGroup);
    for (QPushButton* button : { resetButton, deleteOffsetsButton, deleteGroupButton })
        button->setEnabled(m_session != nullptr);
    alertsButton->setEnabled(m_session && m_session->metrics() && m_session->metrics()->alerts());
    auto* titleRow = new QHBoxLayout;
    titleRow->addWidget(title, 1);
    titleRow->addWidget(alertsButton);
    titleRow->addWidget(resetButton);
    titleRow->addWidget(deleteOffsetsButton);
    titleRow->addWidget(deleteGroupButton);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(titleRow);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);

    m_timer.setInterval(GroupsPage::RefreshIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &GroupDetailPage::reload);
    if (!m_session) {
        m_message->showError(tr("Not connected to a cluster."));
        return;
    }
    connect(m_session, &ClusterSession::groupDetailReady, this, &GroupDetailPage::showDetail);
    connect(m_session, &ClusterSession::metadataReady, this, &GroupDetailPage::reload); // F5
    if (MetricsEngine* engine = m_session->metrics(); engine && engine->alerts()) {
        connect(engine->alerts(), &AlertMonitor::incidentOpened, this, [this](const Incident& incident) {
            if (incident.group == m_groupId)
                m_message->showMessage(tr("Alert: %1").arg(incident.reason), MessageBar::Kind::Warning);
        });
        connect(engine->alerts(), &AlertMonitor::incidentClosed, this, [this](const Incident& incident) {
            if (incident.group == m_groupId)
                m_message->clearMessage();
        });
    }
    reload();
}

void GroupDetailPage::editAlerts()
{
    MetricsEngine* engine = m_session ? m_session->metrics() : nullptr;
    AlertMonitor* alerts = engine ? engine->alerts() : nullptr;
    if (!alerts)
        return;
    auto* dialog = new AlertThresholdsDialog(m_groupId, alerts->thresholds(m_groupId), this);
    dialog->setObjectName(QStringLiteral("alertThresholdsDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (MetricsHistory* history = engine->history()) {
        const QString cluster = engine->historyCluster();
        connect(history, &MetricsHistory::incidentsLoaded, dialog,
            [dialog, cluster](const QString& loaded, const QList<Incident>& incidents) {
                if (loaded == cluster)
                    dialog->showIncidents(incidents);
            });
        history->loadIncidents(cluster, QDateTime::currentMSecsSinceEpoch() - 30LL * 86400 * 1000);
    } else {
        dialog->showIncidents({});
    }
    connect(dialog, &QDialog::accepted, this, [this, dialog, alerts] {
        alerts->setThresholds(m_groupId, dialog->thresholds());
        if (MetricsEngine* current = m_session ? m_session->metrics() : nullptr)
            alerts->evaluate(current->latest()); // the new thresholds apply to what is known now
    });
    dialog->open();
}

void GroupDetailPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_timer.start();
}

void GroupDetailPage::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_timer.stop();
}

void GroupDetailPage::reload()
{
    if (m_session && m_session->state() == ClusterSession::State::Connected)
        m_session->requestGroupDetail(m_groupId);
}

void GroupDetailPage::showDetail(const GroupDetail& detail)
{
    if (detail.id != m_groupId)
        return;
    if (!detail.error.isEmpty()) {
        m_message->showError(tr("The group could not be described: %1").arg(detail.error));
        return;
    }
    m_message->clearMessage();
    const QString members = detail.members.size() == 1 ? tr("1 member") : tr("%1 members").arg(detail.members.size());
    m_summary->setText(tr("State %1 · assignor %2 · coordinator %3 · %4 · total lag %5")
                           .arg(detail.state, detail.assignor.isEmpty() ? tr("none") : detail.assignor)
                           .arg(detail.coordinatorId)
                           .arg(members)
                           .arg(detail.totalLag()));
    m_members->setRowCount(int(detail.members.size()));
    for (int row = 0; row < detail.members.size(); ++row) {
        const GroupMember& member = detail.members.at(row);
        QStringList partitions;
        for (const auto& [topic, partition] : member.assignment)
            partitions.append(QStringLiteral("%1-%2").arg(topic).arg(partition));
        const QStringList cells { member.memberId, member.clientId, member.host, partitions.join(QStringLiteral(", ")) };
        for (int column = 0; column < cells.size(); ++column) {
            QTableWidgetItem* item = m_members->item(row, column);
            if (!item) {
                item = new QTableWidgetItem;
                m_members->setItem(row, column, item);
            }
            item->setText(cells.at(column));
        }
    }
    m_offsets->setDetail(detail);
    m_groupTopics.clear();
    for (const GroupPartitionOffset& offset : detail.offsets) {
        if (!m_groupTopics.contains(offset.topic))
            m_groupTopics.append(offset.topic);
    }
}

GroupActions* GroupDetailPage::actions()
{
    if (!m_actions && m_session) {
        m_actions = new GroupActions(ConnectionConfig::librdkafkaProperties(m_session->profile(), m_session->secrets()),
            10000, this);
        connect(m_actions, &GroupActions::deleted, this, [this](bool ok, const QString& error) {
            if (ok)
                m_message->showMessage(tr("Done."), MessageBar::Kind::Information);
            else
                m_message->showError(tr("The cluster refused: %1").arg(error));
            reload();
        });
    }
    return m_actions;
}

void GroupDetailPage::resetOffsets()
{
    GroupActions* runner = actions();
    if (!runner)
        return;
    QStringList topics = m_groupTopics;
    for (const TopicInfo& topic : m_session->metadata().topics) {
        if (!topics.contains(topic.name) && !topic.internal)
            topics.append(topic.name);
    }
    auto* dialog = new OffsetResetDialog(runner, m_groupId, topics, this);
    dialog->setObjectName(QStringLiteral("offsetResetDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &OffsetResetDialog::offsetsReset, this, &GroupDetailPage::reload);
    dialog->open();
}

void GroupDetailPage::deleteOffsets()
{
    GroupActions* runner = actions();
    if (!runner)
        return;
    if (m_groupTopics.isEmpty()) {
        m_message->showMessage(tr("The group has no committed offsets."), MessageBar::Kind::Information);
        return;
    }
    bool ok = false;
    const QString topic = QInputDialog::getItem(this, tr("Delete offsets"),
        tr("Delete the committed offsets of group \"%1\" for topic:").arg(m_groupId), m_groupTopics, 0, false, &ok);
    if (ok && !topic.isEmpty())
        runner->deleteOffsets(m_groupId, topic);
}

void GroupDetailPage::deleteGroup()
{
    GroupActions* runner = actions();
    if (!runner)
        return;
    const auto answer = QMessageBox::warning(this, tr("Delete group"),
        tr("Delete consumer group \"%1\" and all its committed offsets? Its consumers would start again from "
           "their auto.offset.reset position.")
            .arg(m_groupId),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        runner->deleteGroup(m_groupId);
}

} // namespace Samsa
