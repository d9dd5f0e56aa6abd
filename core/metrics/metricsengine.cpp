#include "metricsengine.h"

#include "metricsworker.h"

#include <QDateTime>
#include <QThread>

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
    if (!m_thread)
        return;
    m_stopping->store(true);
    m_thread->quit();
    // The round in flight sees the flag within librdkafka's 100 ms poll steps.
    if (!m_thread->wait(15000))
        qWarning("metrics: the sampling thread did not stop in time");
    delete m_thread; // its finished() deleted the worker
}

void MetricsEngine::setClock(MetricsSampler::Clock clock)
{
    m_clock = std::move(clock);
}

void MetricsEngine::setIntervalMs(int intervalMs)
{
    m_timer.setInterval(std::max(intervalMs, 100));
}

void MetricsEngine::ensureWorker()
{
    if (m_worker)
        return;
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("samsa-metrics"));
    m_worker = new MetricsWorker(m_properties, m_clock, m_settings, m_stopping);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &MetricsWorker::sampled, this, &MetricsEngine::handleSampled);
    m_thread->start();
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
    Q_EMIT roundSampled(round);
    Q_EMIT snapshotReady(snapshot);
    if (m_again) {
        m_again = false;
        sampleNow();
    }
}

} // namespace Samsa
