#pragma once

// Live lag and throughput of one cluster: samples every `interval` on a thread of its own (with its
// own librdkafka handle), derives rates, lag, time lag and health there, and hands the UI thread a
// MetricsSnapshot after each round. One round at a time: a slow cluster makes rounds late, never
// piles them up. Rounds also go to whoever keeps the history (roundSampled).

#include "metricscalculator.h"
#include "metricssampler.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <atomic>
#include <memory>

namespace Samsa {

class AlertMonitor;
class MetricsHistory;
class MetricsWorker;

class MetricsEngine : public QObject {
    Q_OBJECT
public:
    MetricsEngine(const QList<QPair<QString, QString>>& properties, MetricsSettings settings = {},
        QObject* parent = nullptr);
    ~MetricsEngine() override; // never waits: the worker finishes its round and goes

    // Before start(): the clock that stamps rounds (tests drive time with it).
    void setClock(MetricsSampler::Clock clock);
    void setIntervalMs(int intervalMs);
    int intervalMs() const { return m_timer.interval(); }
    void setTimeoutMs(int timeoutMs) { m_timeoutMs = timeoutMs; }

    // Past rounds (oldest first) fed to the derivation before the first live round.
    void replay(const QList<SampleRound>& rounds);
    // Samples now and then every interval.
    void start();
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    // One round now, unless one is in flight (then the next one follows it at once).
    void sampleNow();

    const MetricsSnapshot& latest() const { return m_latest; }
    // The last rounds' snapshots without their per-partition lists (small at any cluster size),
    // oldest first, so a page opened now starts with the last minutes instead of an empty chart.
    const QList<MetricsSnapshot>& recent() const { return m_recent; }

    // The group alerts of this cluster (set by attachMetrics; null without).
    void setAlerts(AlertMonitor* alerts);
    AlertMonitor* alerts() const;

    // Where the rounds are kept (set by attachMetrics): charts read their past from it.
    void setHistory(MetricsHistory* history, const QString& cluster);
    MetricsHistory* history() const;
    QString historyCluster() const { return m_historyCluster; }

Q_SIGNALS:
    void roundSampled(const Samsa::SampleRound& round);
    void snapshotReady(const Samsa::MetricsSnapshot& snapshot);

private:
    void ensureWorker();
    void handleSampled(const SampleRound& round, const MetricsSnapshot& snapshot);

    QList<QPair<QString, QString>> m_properties;
    MetricsSettings m_settings;
    MetricsSampler::Clock m_clock;
    MetricsWorker* m_worker = nullptr;
    std::shared_ptr<std::atomic<bool>> m_stopping = std::make_shared<std::atomic<bool>>(false);
    QTimer m_timer;
    int m_timeoutMs = 10000;
    bool m_inFlight = false;
    bool m_again = false;
    MetricsSnapshot m_latest;
    QList<MetricsSnapshot> m_recent;
    QPointer<QObject> m_history; // a MetricsHistory
    QPointer<QObject> m_alerts; // an AlertMonitor
    QString m_historyCluster;
};

void registerMetricsMetaTypes();

} // namespace Samsa
