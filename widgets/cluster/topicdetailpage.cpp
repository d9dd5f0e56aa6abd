#include "topicdetailpage.h"

#include "topicratepanel.h"

#include "common/datatableview.h"
#include "common/messagebar.h"
#include "configspanel.h"
#include "kafka/clustersession.h"
#include "partitionsmodel.h"
#include "sessionpagehelpers.h"
#include "topics/topicadminlauncher.h"

#include <QGroupBox>
#include <QHeaderView>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QVBoxLayout>

namespace Samsa {

TopicDetailPage::TopicDetailPage(ClusterSession* session, const QString& topic, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_topic(topic)
    , m_summary(new QLabel(this))
    , m_partitionsMessage(new MessageBar(this))
    , m_partitions(new PartitionsModel(this))
    , m_partitionsView(new DataTableView(this))
    , m_configs(new ConfigsPanel(session, { ConfigResourceType::Topic, topic }, this))
{
    auto* heading = new QLabel(topic, this);
    heading->setObjectName(QStringLiteral("topicNameLabel"));
    heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.4);
    headingFont.setBold(true);
    heading->setFont(headingFont);
    m_summary->setObjectName(QStringLiteral("topicSummaryLabel"));
    m_partitionsMessage->setObjectName(QStringLiteral("partitionsMessage"));
    m_partitionsView->setObjectName(QStringLiteral("partitionsView"));

    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSortRole(PartitionsModel::SortRole);
    proxy->setSourceModel(m_partitions);
    m_partitionsView->setModel(proxy);
    m_partitionsView->sortByColumn(PartitionsModel::PartitionColumn, Qt::AscendingOrder);

    auto* partitionsBox = new QGroupBox(tr("Partitions"), this);
    auto* partitionsLayout = new QVBoxLayout(partitionsBox);
    partitionsLayout->addWidget(m_partitionsMessage);
    partitionsLayout->addWidget(m_partitionsView, 1);
    auto* configsBox = new QGroupBox(tr("Configuration"), this);
    auto* configsLayout = new QVBoxLayout(configsBox);
    configsLayout->addWidget(m_configs);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(new TopicRatePanel(session ? session->metrics() : nullptr, topic, this));
    splitter->addWidget(partitionsBox);
    splitter->addWidget(configsBox);

    auto* messagesButton = new QPushButton(tr("&Messages"), this);
    messagesButton->setObjectName(QStringLiteral("topicMessagesButton"));
    messagesButton->setToolTip(tr("Browse this topic's messages in a tab of its own"));
    connect(messagesButton, &QPushButton::clicked, this, [this] { Q_EMIT messagesRequested(m_topic); });
    auto* headingRow = new QHBoxLayout;
    headingRow->addWidget(heading, 1);
    headingRow->addWidget(messagesButton);
    auto* produceButton = new QPushButton(tr("&Produce…"), this);
    produceButton->setObjectName(QStringLiteral("topicProduceButton"));
    produceButton->setToolTip(tr("Write messages to this topic"));
    connect(produceButton, &QPushButton::clicked, this, [this] { Q_EMIT produceRequested(m_topic); });
    headingRow->addWidget(produceButton);
    // Administration of this topic: the same dialogs as the topics page's context menu.
    auto* admin = new TopicAdminLauncher(session, this);
    auto* adminButton = new QPushButton(tr("&Administer"), this);
    adminButton->setObjectName(QStringLiteral("topicAdminButton"));
    auto* adminMenu = new QMenu(adminButton);
    adminMenu->addAction(tr("&Add Partitions…"), this, [this, admin] { admin->addPartitions(m_topic); })
        ->setObjectName(QStringLiteral("topicAddPartitionsAction"));
    adminMenu->addAction(tr("P&urge Messages…"), this, [this, admin] { admin->purge(m_topic); })
        ->setObjectName(QStringLiteral("topicPurgeAction"));
    adminMenu->addAction(tr("C&lone…"), this, [this, admin] { admin->cloneTopic(m_topic); })
        ->setObjectName(QStringLiteral("topicCloneAction"));
    adminMenu->addAction(tr("&Delete Topic…"), this, [this, admin] { admin->deleteTopics({ m_topic }); })
        ->setObjectName(QStringLiteral("topicDeleteAction"));
    adminButton->setMenu(adminMenu);
    adminButton->setEnabled(session);
    headingRow->addWidget(adminButton);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(headingRow);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);

    if (!m_session) {
        m_partitionsMessage->showError(tr("Not connected to a cluster."));
        return;
    }
    connect(m_session, &ClusterSession::metadataReady, this, [this](const ClusterMetadata& metadata) {
        showMetadata(metadata);
        m_stale = true;
        if (isVisible())
            requestDetails();
    });
    connect(m_session, &ClusterSession::watermarksReady, this, [this](const QList<TopicWatermarks>& watermarks) {
        for (const TopicWatermarks& entry : watermarks) {
            if (entry.topic == m_topic) {
                m_partitions->applyWatermarks({ entry });
                if (m_partitionsMessage->kind() == MessageBar::Kind::Warning)
                    m_partitionsMessage->clearMessage();
            }
        }
    });
    connect(m_session, &ClusterSession::watermarksFailed, this, [this](const QString& error) {
        m_partitionsMessage->showMessage(
            tr("Watermarks could not be loaded: %1").arg(error), MessageBar::Kind::Warning);
    });
    connect(m_session, &ClusterSession::refreshFailed, this,
        [this](const QString& error) { m_partitionsMessage->showError(tr("Refresh failed: %1").arg(error)); });
    connect(
        m_session, &ClusterSession::stateChanged, this, [this] { showSessionState(*m_session, m_partitionsMessage); });
    if (hasMetadata(*m_session))
        showMetadata(m_session->metadata());
    showSessionState(*m_session, m_partitionsMessage);
}

void TopicDetailPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale)
        requestDetails();
}

void TopicDetailPage::requestDetails()
{
    if (!m_session || m_session->state() != ClusterSession::State::Connected)
        return; // the next metadataReady (connect or refresh) asks again
    m_stale = false;
    m_session->requestWatermarks(m_topic);
    m_configs->request();
}

void TopicDetailPage::showMetadata(const ClusterMetadata& metadata)
{
    const auto it = std::find_if(metadata.topics.cbegin(), metadata.topics.cend(),
        [this](const TopicInfo& topic) { return topic.name == m_topic; });
    if (it == metadata.topics.cend()) {
        m_partitions->clear();
        m_summary->clear();
        m_partitionsMessage->showError(
            tr("The cluster does not report a topic named “%1”; it may have been deleted.").arg(m_topic));
        return;
    }
    const TopicInfo& topic = *it;
    if (!topic.error.isEmpty())
        m_partitionsMessage->showError(tr("The cluster reports an error for this topic: %1").arg(topic.error));
    else if (m_partitionsMessage->kind() == MessageBar::Kind::Error)
        m_partitionsMessage->clearMessage();
    m_partitions->setTopic(topic);

    int underReplicated = 0;
    int offline = 0;
    for (const PartitionInfo& partition : topic.partitions) {
        offline += partition.isOffline() ? 1 : 0;
        underReplicated += (!partition.isOffline() && partition.isUnderReplicated()) ? 1 : 0;
    }
    const int partitionCount = int(topic.partitions.size());
    QString summary = (partitionCount == 1 ? tr("1 partition") : tr("%1 partitions").arg(partitionCount))
        + QStringLiteral(" · ") + tr("replication factor %1").arg(topic.replicationFactor());
    if (topic.internal)
        summary += QStringLiteral(" · ") + tr("internal");
    if (offline > 0)
        summary += QStringLiteral(" · ") + tr("%1 offline").arg(offline);
    if (underReplicated > 0)
        summary += QStringLiteral(" · ") + tr("%1 under-replicated").arg(underReplicated);
    m_summary->setText(summary);
}

} // namespace Samsa
