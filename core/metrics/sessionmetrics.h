#pragma once

// Gives a cluster session its metrics engine: created with the session's own connection settings,
// owned by the session, sampling while the session is connected and idle otherwise.

namespace Samsa {

class ClusterSession;
class MetricsEngine;

MetricsEngine* attachMetrics(ClusterSession* session, int intervalMs = 5000);

} // namespace Samsa
