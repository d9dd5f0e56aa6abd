#include "sessionmetrics.h"

#include "alertmonitor.h"
#include "kafka/clustersession.h"
#include "metricsengine.h"
#include "metricshistory.h"
#include "profiles/connectionconfig.h"
#include "storage/storagekeys.h"

#include <QDateTime>

namespace Samsa {

MetricsEngine* attachMetrics(ClusterSession* session, int intervalMs, MetricsHistory* history)
{
    auto* engine = new MetricsEngine(ConnectionConfig::librdkafkaProperties(session->profile(), session->secrets()),
        MetricsSettings {}, session);
    engine->setIntervalMs(intervalMs);
    session->setMetrics(engine);
    const QString cluster = clusterStorageKey(session->profile());
    auto ready = std::make_shared<bool>(history == nullptr);
    const auto follow = [engine, session, ready] {
        if (session->state() == ClusterSession::State::Connected && *ready && !engine->isRunning())
            engine->start();
        else if (session->state() != ClusterSession::State::Connected)
            engine->stop();
    };
    QObject::connect(session, &ClusterSession::stateChanged, engine, follow);
    auto* alerts = new AlertMonitor(cluster, engine);
    engine->setAlerts(alerts);
    QObject::connect(engine, &MetricsEngine::snapshotReady, alerts, &AlertMonitor::evaluate);
    if (history) {
        QObject::connect(alerts, &AlertMonitor::incidentOpened, history, &MetricsHistory::recordIncident);
        QObject::connect(alerts, &AlertMonitor::incidentClosed, history, &MetricsHistory::recordIncident);
        engine->setHistory(history, cluster);
        QObject::connect(engine, &MetricsEngine::roundSampled, history,
            [history, cluster](const SampleRound& round) { history->record(cluster, round); });
        // Sampling starts once the recent past is replayed, so rounds stay in time order.
        QObject::connect(history, &MetricsHistory::recentLoaded, engine,
            [engine, cluster, ready, follow](const QString& loaded, const QList<SampleRound>& rounds) {
                if (loaded != cluster || *ready)
                    return;
                engine->replay(rounds);
                *ready = true;
                follow();
            });
        history->loadRecent(cluster, QDateTime::currentMSecsSinceEpoch() - MetricsReplayMs);
    }
    follow();
    return engine;
}

} // namespace Samsa
