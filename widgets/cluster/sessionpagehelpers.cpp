#include "sessionpagehelpers.h"

#include "common/messagebar.h"
#include "kafka/clustersession.h"

#include <QCoreApplication>
#include <QLabel>

namespace Samsa {

bool hasMetadata(const ClusterSession& session)
{
    const ClusterMetadata& metadata = session.metadata();
    return metadata.receivedAt.isValid() || !metadata.brokers.isEmpty();
}

void showSessionState(const ClusterSession& session, MessageBar* message)
{
    switch (session.state()) {
    case ClusterSession::State::Failed:
        message->showError(session.errorText().isEmpty()
                ? QCoreApplication::translate("Samsa::ClusterPages", "The connection failed.")
                : QCoreApplication::translate("Samsa::ClusterPages", "The connection failed: %1")
                      .arg(session.errorText()));
        break;
    case ClusterSession::State::Disconnected:
        if (hasMetadata(session))
            message->showMessage(QCoreApplication::translate(
                                     "Samsa::ClusterPages", "Disconnected: what is shown is the last state received."),
                MessageBar::Kind::Warning);
        break;
    case ClusterSession::State::Connecting:
    case ClusterSession::State::Connected:
        break;
    }
}

void markAttention(QLabel* label, bool attention)
{
    label->setStyleSheet(attention ? QStringLiteral("QLabel { color: #c0392b; font-weight: bold; }") : QString());
}

} // namespace Samsa
