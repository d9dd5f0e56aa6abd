#include "metricsengine.h"

#include "alertmonitor.h"
#include "kafka/kafkathreads.h"
#include "metricshistory.h"
#include "metricsworker.h"

#include <QDateTime>

namespace Samsa {

void registerMetricsMetaTypes()
{
    qRegisterMetaType<SampleRound>();
    qRegisterMetaType<MetricsSnapshot>();
    qRegisterMetaType<QList<SampleRound>>();
}

MetricsEngine::MetricsEngine(const QList<QPair<QString, QString>>& properties, MetricsSettings settings, QObject* parent)
    : QObject(parent)
    , m_properties(properties)
    , m_settings(settings)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    registerMetricsMetaTypes();
    m_timer.setInterval(5000);
    connect(&m_timer, &QTimer::timeout, this, &MetricsEngine::sampleNow);
}

MetricsEngine::~MetricsEngine()
{
    m_timer.stop();
    if (!m_worker)
        return;
    // Never waits: the round in flight sees the flag at its next step, then the worker deletes
    // itself on its thread (KafkaThreads keeps the thread until it ends, for a bounded shutdown).
    m_stopping->store(true);
    KafkaThreads::retire(m_worker);
}

void MetricsEngine::setClock(MetricsSampler::Clock clock)
{
    m_clock = std::move(clock);
}

void MetricsEngine::setHistory(MetricsHistory* history, const QString& cluster)
{
    m_history = history;
    m_historyCluster = cluster;
}

void MetricsEngine::setAlerts(AlertMonitor* alerts)
{
    m_alerts = alerts;
}

AlertMonitor* MetricsEngine::alerts() const
{
    return static_cast<AlertMonitor*>(m_alerts.data());
}

MetricsHistory* MetricsEngine::history() const
{
    return static_cast<MetricsHistory*>(m_history.data());
}

void MetricsEngine::setIntervalMs(int intervalMs)
{
    m_timer.setInterval(std::max(intervalMs, 100));
}

void MetricsEngine::ensureWorker()
{
    if (m_worker)
        return;
    m_worker = new MetricsWorker(m_properties, m_clock, m_settings, m_stopping);
    connect(m_worker, &MetricsWorker::sampled, this, &MetricsEngine::handleSampled);
    KafkaThreads::start(m_worker, QThread::IdlePriority);
}

void MetricsEngine::replay(const QList<SampleRound>& rounds)
{
    ensureWorker();
    QMetaObject::invokeMethod(m_worker, "replay", Qt::QueuedConnection, Q_ARG(QList<Samsa::SampleRound>, rounds));
}

void MetricsEngine::start()
{
    m_timer.start();
    sampleNow();
}

void MetricsEngine::stop()
{
    m_timer.stop();
}

void MetricsEngine::sampleNow()
{
    if (m_inFlight) {
        m_again = m_timer.isActive() ? m_again : true; // the timer brings the next one anyway
        return;
    }
    ensureWorker();
    m_inFlight = true;
    QMetaObject::invokeMethod(m_worker, "sample", Qt::QueuedConnection, Q_ARG(int, m_timeoutMs));
}

void MetricsEngine::handleSampled(const SampleRound& round, const MetricsSnapshot& snapshot)
{
    m_inFlight = false;
    m_latest = snapshot;
    constexpr qsizetype recentRounds = 60; // five minutes at the default interval
    MetricsSnapshot summary = snapshot;
    summary.partitions.clear();
    for (GroupMetrics& group : summary.groups)
        group.partitions.clear();
    m_recent.append(summary);
    if (m_recent.size() > recentRounds)
        m_recent.removeFirst();
    Q_EMIT roundSampled(round);
    Q_EMIT snapshotReady(snapshot);
    if (m_again) {
        m_again = false;
        sampleNow();
    }
}

} // namespace Samsa
