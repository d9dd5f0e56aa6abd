#pragma once

// Gives a cluster session its metrics engine: created with the session's own connection settings,
// owned by the session, sampling while the session is connected and idle otherwise. With a history,
// every round is kept there, and the engine first replays the last minutes of it so that rates,
// time lags and health go on from where the previous run of the app left them.

#include <QtGlobal>

namespace Samsa {

// How much of the history is replayed before sampling: enough rounds for the health window and the
// rate span to continue.
constexpr qint64 MetricsReplayMs = 15 * 60 * 1000;

class ClusterSession;
class MetricsEngine;
class MetricsHistory;

MetricsEngine* attachMetrics(ClusterSession* session, int intervalMs = 5000, MetricsHistory* history = nullptr);

} // namespace Samsa
