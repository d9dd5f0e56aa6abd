#include "clustersession.h"

namespace Samsa {

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

} // namespace Samsa
