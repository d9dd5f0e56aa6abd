#pragma once

// One sampling round against a cluster, on the metrics engine's own thread with its own librdkafka
// handle, so that sampling never waits behind a user's request and a user never waits behind it:
// metadata, the start and end offsets of every partition (ListOffsets batched per broker by
// librdkafka), the groups with their states, and the committed offsets of every group (all
// requests in flight at once). Blocking; bounded by the timeout.
//
// Log sizes come from DescribeLogDirs on connections of Samsa's own (LogSizeSampler), as
// librdkafka 2.0.2 has no call for it; where that fails they stay -1 and the round says why.

#include "kafka/rdkafkaclient.h"
#include "logsizesampler.h"
#include "metricstypes.h"

#include <functional>
#include <memory>

namespace Samsa {

class MetricsSampler {
public:
    using Clock = std::function<qint64()>; // milliseconds since the epoch

    MetricsSampler(const QList<QPair<QString, QString>>& properties, Clock clock);
    ~MetricsSampler();

    SampleRound sample(int timeoutMs, const CancelCheck& isCancelled);

private:
    QList<QPair<QString, QString>> m_properties;
    Clock m_clock;
    std::unique_ptr<RdKafkaClient> m_client;
    LogSizeSampler m_logSizes;
};

} // namespace Samsa
