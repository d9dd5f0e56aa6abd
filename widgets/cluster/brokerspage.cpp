#include "brokerspage.h"

#include "brokerstable.h"
#include "common/messagebar.h"
#include "kafka/clustersession.h"
#include "sessionpagehelpers.h"

#include <QVBoxLayout>

namespace Samsa {

BrokersPage::BrokersPage(ClusterSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_message(new MessageBar(this))
    , m_brokers(new BrokersTable(this))
{
    m_message->setObjectName(QStringLiteral("brokersMessage"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_brokers, 1);

    connect(m_brokers, &BrokersTable::brokerActivated, this, &BrokersPage::brokerActivated);
    if (!m_session) {
        m_message->showError(tr("Not connected to a cluster."));
        return;
    }
    connect(m_session, &ClusterSession::metadataReady, this, [this](const ClusterMetadata& metadata) {
        m_message->clearMessage();
        m_brokers->setMetadata(metadata);
    });
    connect(m_session, &ClusterSession::stateChanged, this, [this] { showSessionState(*m_session, m_message); });
    connect(m_session, &ClusterSession::refreshFailed, this,
        [this](const QString& error) { m_message->showError(tr("Refresh failed: %1").arg(error)); });
    if (hasMetadata(*m_session))
        m_brokers->setMetadata(m_session->metadata());
    showSessionState(*m_session, m_message);
}

} // namespace Samsa
