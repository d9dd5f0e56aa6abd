#include "clusteroverviewpage.h"

#include "clustermetricspanel.h"

#include "brokerstable.h"
#include "common/messagebar.h"
#include "kafka/clustersession.h"
#include "sessionpagehelpers.h"

#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace Samsa {

namespace {
QLabel* valueLabel(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(QStringLiteral("…"), parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

ClusterOverviewPage::ClusterOverviewPage(ClusterSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_message(new MessageBar(this))
    , m_clusterId(valueLabel(QStringLiteral("clusterIdLabel"), this))
    , m_controllerId(valueLabel(QStringLiteral("controllerIdLabel"), this))
    , m_brokerCount(valueLabel(QStringLiteral("brokerCountLabel"), this))
    , m_topicCount(valueLabel(QStringLiteral("topicCountLabel"), this))
    , m_partitionCount(valueLabel(QStringLiteral("partitionCountLabel"), this))
    , m_underReplicated(valueLabel(QStringLiteral("underReplicatedLabel"), this))
    , m_offline(valueLabel(QStringLiteral("offlinePartitionsLabel"), this))
    , m_brokers(new BrokersTable(this))
{
    m_message->setObjectName(QStringLiteral("overviewMessage"));
    auto* heading = new QLabel(session ? session->profile().name : tr("Cluster"), this);
    heading->setObjectName(QStringLiteral("clusterNameLabel"));
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.4);
    headingFont.setBold(true);
    heading->setFont(headingFont);

    auto* form = new QFormLayout;
    form->addRow(tr("Cluster ID:"), m_clusterId);
    form->addRow(tr("Controller:"), m_controllerId);
    form->addRow(tr("Brokers:"), m_brokerCount);
    form->addRow(tr("Topics:"), m_topicCount);
    form->addRow(tr("Partitions:"), m_partitionCount);
    form->addRow(tr("Under-replicated partitions:"), m_underReplicated);
    form->addRow(tr("Offline partitions:"), m_offline);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Brokers"), this));
    m_brokers->setMaximumHeight(180); // the dashboard below gets the room; more brokers scroll
    layout->addWidget(m_brokers, 1);
    m_metrics = new ClusterMetricsPanel(session ? session->metrics() : nullptr, this);
    connect(m_metrics, &ClusterMetricsPanel::groupActivated, this, &ClusterOverviewPage::groupActivated);
    connect(m_metrics, &ClusterMetricsPanel::topicActivated, this, &ClusterOverviewPage::topicActivated);
    layout->addWidget(m_metrics, 3);

    connect(m_brokers, &BrokersTable::brokerActivated, this, &ClusterOverviewPage::brokerActivated);
    if (!m_session) {
        m_message->showError(tr("Not connected to a cluster."));
        return;
    }
    connect(m_session, &ClusterSession::metadataReady, this, &ClusterOverviewPage::showMetadata);
    connect(m_session, &ClusterSession::stateChanged, this, &ClusterOverviewPage::showState);
    connect(m_session, &ClusterSession::refreshFailed, m_message,
        [this](const QString& error) { m_message->showError(tr("Refresh failed: %1").arg(error)); });
    if (hasMetadata(*m_session))
        showMetadata(m_session->metadata());
    showState();
}

void ClusterOverviewPage::showMetadata(const ClusterMetadata& metadata)
{
    m_message->clearMessage();
    m_clusterId->setText(metadata.clusterId.isEmpty() ? tr("(not reported)") : metadata.clusterId);
    m_controllerId->setText(metadata.controllerId < 0 ? tr("(unknown)") : QString::number(metadata.controllerId));
    m_brokerCount->setText(QString::number(metadata.brokers.size()));
    m_topicCount->setText(QString::number(metadata.topics.size()));
    m_partitionCount->setText(QString::number(metadata.partitionCount()));
    const int underReplicated = metadata.underReplicatedCount();
    const int offline = metadata.offlineCount();
    m_underReplicated->setText(QString::number(underReplicated));
    m_offline->setText(QString::number(offline));
    markAttention(m_underReplicated, underReplicated > 0);
    markAttention(m_offline, offline > 0);
    m_brokers->setMetadata(metadata);
}

void ClusterOverviewPage::showState()
{
    showSessionState(*m_session, m_message);
}

} // namespace Samsa
