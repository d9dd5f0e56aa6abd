#pragma once

// The size on disk of every partition, from DescribeLogDirs sent to each broker on connections of
// Samsa's own (librdkafka 2.0.2 has no call for it). A partition's size is its leader's copy. A
// broker that cannot be asked (a SASL mechanism WireConnection does not speak) is not asked again;
// one that fails is left alone for a minute, so a broken path never slows every round. Blocking;
// the metrics engine's thread only.

#include "clustertypes.h"
#include "kafka/wire/wireconnection.h"
#include "metricstypes.h"

#include <map>
#include <memory>

namespace Samsa {

class LogSizeSampler {
public:
    static constexpr int BudgetMs = 3000; // at most this much of a round
    static constexpr qint64 RetryAfterMs = 60000;

    explicit LogSizeSampler(const QList<QPair<QString, QString>>& properties);
    ~LogSizeSampler();

    struct Result {
        QHash<TopicPartition, qint64> bytes;
        QString error; // why some or all sizes are missing; empty when every broker answered
    };
    Result sample(const ClusterMetadata& metadata, qint64 nowMs, const CancelCheck& isCancelled);

private:
    WireSecurity m_security;
    std::map<int, std::unique_ptr<WireConnection>> m_connections; // by broker id
    QHash<int, qint64> m_retryAfterMs; // broker id -> time before which it is not asked
    QHash<int, QString> m_lastErrors; // broker id -> why it is not asked now
};

} // namespace Samsa
