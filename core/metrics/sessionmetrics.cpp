#include "sessionmetrics.h"

#include "kafka/clustersession.h"
#include "metricsengine.h"
#include "profiles/connectionconfig.h"

namespace Samsa {

MetricsEngine* attachMetrics(ClusterSession* session, int intervalMs)
{
    auto* engine = new MetricsEngine(ConnectionConfig::librdkafkaProperties(session->profile(), session->secrets()),
        MetricsSettings {}, session);
    engine->setIntervalMs(intervalMs);
    session->setMetrics(engine);
    const auto follow = [engine](ClusterSession::State state) {
        if (state == ClusterSession::State::Connected && !engine->isRunning())
            engine->start();
        else if (state != ClusterSession::State::Connected)
            engine->stop();
    };
    QObject::connect(session, &ClusterSession::stateChanged, engine, follow);
    follow(session->state());
    return engine;
}

} // namespace Samsa
