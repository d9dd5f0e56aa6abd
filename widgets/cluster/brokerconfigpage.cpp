#include "brokerconfigpage.h"

#include "configspanel.h"
#include "kafka/clustersession.h"
#include "sessionpagehelpers.h"

#include <QLabel>
#include <QVBoxLayout>

namespace Samsa {

BrokerConfigPage::BrokerConfigPage(ClusterSession* session, int brokerId, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_brokerId(brokerId)
    , m_address(new QLabel(this))
    , m_configs(new ConfigsPanel(session, { ConfigResourceType::Broker, QString::number(brokerId) }, this))
{
    auto* heading = new QLabel(tr("Broker %1").arg(brokerId), this);
    heading->setObjectName(QStringLiteral("brokerNameLabel"));
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.4);
    headingFont.setBold(true);
    heading->setFont(headingFont);
    m_address->setObjectName(QStringLiteral("brokerAddressLabel"));
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_address);
    layout->addWidget(m_configs, 1);

    if (!m_session)
        return;
    connect(m_session, &ClusterSession::metadataReady, this, [this](const ClusterMetadata& metadata) {
        showMetadata(metadata);
        m_stale = true;
        if (isVisible())
            request();
    });
    if (hasMetadata(*m_session))
        showMetadata(m_session->metadata());
}

void BrokerConfigPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale)
        request();
}

void BrokerConfigPage::request()
{
    if (!m_session) {
        m_configs->request(); // shows "not connected"
        return;
    }
    if (m_session->state() != ClusterSession::State::Connected)
        return; // asked again on the next metadataReady
    m_stale = false;
    m_configs->request();
}

void BrokerConfigPage::showMetadata(const ClusterMetadata& metadata)
{
    for (const BrokerInfo& broker : metadata.brokers) {
        if (broker.id != m_brokerId)
            continue;
        QString text = QStringLiteral("%1:%2").arg(broker.host).arg(broker.port);
        if (!broker.rack.isEmpty())
            text += QStringLiteral(" · ") + tr("rack %1").arg(broker.rack);
        if (broker.id == metadata.controllerId)
            text += QStringLiteral(" · ") + tr("controller");
        m_address->setText(text);
        return;
    }
    m_address->setText(tr("Broker %1 is not in the cluster's metadata any more.").arg(m_brokerId));
}

} // namespace Samsa
