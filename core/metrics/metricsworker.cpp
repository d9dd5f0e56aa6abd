#include "metricsworker.h"

namespace Samsa {

MetricsWorker::MetricsWorker(const QList<QPair<QString, QString>>& properties, MetricsSampler::Clock clock,
    MetricsSettings settings, std::shared_ptr<std::atomic<bool>> stopping)
    : m_sampler(properties, std::move(clock))
    , m_calculator(settings)
    , m_recordTimes(properties)
    , m_stopping(std::move(stopping))
    , m_recordTimeBudgetMs(settings.recordTimeBudgetMs)
{
}

void MetricsWorker::replay(const QList<SampleRound>& rounds)
{
    for (const SampleRound& round : rounds)
        m_calculator.addRound(round);
}

void MetricsWorker::sample(int timeoutMs)
{
    const CancelCheck stopping = [this] { return m_stopping->load(); };
    const SampleRound round = m_sampler.sample(timeoutMs, stopping);
    if (stopping())
        return;
    m_calculator.addRound(round);
    // Time lags older than the samples come from the records themselves, some per round (fetched
    // together, so a round stays well inside its second at 10,000 partitions).
    constexpr int maxRecordsPerRound = 500;
    const QList<RecordToTime> wanted = m_calculator.recordsToTime().mid(0, maxRecordsPerRound);
    for (const RecordTimestamps::Found& found : m_recordTimes.read(wanted, std::min(timeoutMs, m_recordTimeBudgetMs)))
        m_calculator.recordTime(found.record.topic, found.record.partition, found.record.offset, found.timestampMs);
    Q_EMIT sampled(round, m_calculator.snapshot());
}

} // namespace Samsa
