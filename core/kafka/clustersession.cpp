#include "clustersession.h"

#include "metrics/metricsengine.h"

namespace Samsa {

// Sessions that cannot list groups (test doubles) answer with an error, on the next turn of the loop.
void ClusterSession::requestGroups()
{
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT groupsReady({ {}, QStringLiteral("This connection cannot list consumer groups.") }); },
        Qt::QueuedConnection);
}

void ClusterSession::requestGroupDetail(const QString& groupId)
{
    QMetaObject::invokeMethod(
        this,
        [this, groupId] {
            GroupDetail detail;
            detail.id = groupId;
            detail.error = QStringLiteral("This connection cannot describe consumer groups.");
            Q_EMIT groupDetailReady(detail);
        },
        Qt::QueuedConnection);
}

QString sessionStateText(ClusterSession::State state, int brokerCount, const QString& error)
{
    switch (state) {
    case ClusterSession::State::Disconnected:
        return QStringLiteral("Disconnected");
    case ClusterSession::State::Connecting:
        return QStringLiteral("Connecting…");
    case ClusterSession::State::Connected:
        return brokerCount == 1 ? QStringLiteral("Connected, 1 broker")
                                : QStringLiteral("Connected, %1 brokers").arg(brokerCount);
    case ClusterSession::State::Failed:
        return QStringLiteral("Error: %1").arg(error);
    }
    return {};
}

MetricsEngine* ClusterSession::metrics() const
{
    return static_cast<MetricsEngine*>(m_metrics.data());
}

void ClusterSession::setMetrics(MetricsEngine* engine)
{
    m_metrics = engine;
}

} // namespace Samsa
