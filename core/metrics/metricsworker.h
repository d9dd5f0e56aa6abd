#pragma once

// The metrics engine's thread side: samples a round when asked, derives the snapshot, and hands
// both to the engine. Lives on the engine's thread; every slot is called through a queued connection.

#include "metricscalculator.h"
#include "metricssampler.h"
#include "recordtimestamps.h"

#include <QObject>
#include <atomic>

namespace Samsa {

class MetricsWorker : public QObject {
    Q_OBJECT
public:
    MetricsWorker(const QList<QPair<QString, QString>>& properties, MetricsSampler::Clock clock,
        MetricsSettings settings, std::shared_ptr<std::atomic<bool>> stopping);

    // Rounds from the history, oldest first, so rates and time lags continue across a restart.
    Q_INVOKABLE void replay(const QList<Samsa::SampleRound>& rounds);
    Q_INVOKABLE void sample(int timeoutMs);

Q_SIGNALS:
    void sampled(const Samsa::SampleRound& round, const Samsa::MetricsSnapshot& snapshot);

private:
    MetricsSampler m_sampler;
    MetricsCalculator m_calculator;
    RecordTimestamps m_recordTimes;
    std::shared_ptr<std::atomic<bool>> m_stopping;
    int m_recordTimeBudgetMs = 1000;
};

} // namespace Samsa
