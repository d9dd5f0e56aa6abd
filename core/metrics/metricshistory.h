#pragma once

// The lag and throughput history of every cluster, in history.db beside samsa.db: each sampled
// round is written on a thread of its own (one transaction a round; pruned to the retention once an
// hour), and a group's past is read back there and turned into points for its chart. The UI thread
// only sends and receives.

#include "metricscalculator.h"
#include "incident.h"
#include "metricshistorystore.h"
#include "throughputhistory.h"

#include <QObject>
#include <QThread>

namespace Samsa {

class MetricsHistoryWorker;

// One round of a group's chart, replayed from the history.
struct GroupHistoryPoint {
    qint64 timeMs = 0;
    GroupMetrics metrics;
};

// One round of a topic's chart, replayed from the history.
struct TopicHistoryPoint {
    qint64 timeMs = 0;
    TopicMetrics topic;
    QList<PartitionMetrics> partitions;
};

class MetricsHistory : public QObject {
    Q_OBJECT
public:
    // Empty path: history.db in Samsa's data directory.
    explicit MetricsHistory(const QString& path = {}, HistoryRetention retention = {}, QObject* parent = nullptr);
    ~MetricsHistory() override; // lets the writer finish what it has (bounded), then closes the file

    static QString defaultPath();

    void record(const QString& cluster, const SampleRound& round);
    // Rounds of the whole cluster since fromMs, for the engine to continue its series after a restart.
    void loadRecent(const QString& cluster, qint64 fromMs);
    // The group's metrics at every stored round since fromMs, answered by groupHistoryLoaded.
    void loadGroup(const QString& cluster, const QString& group, qint64 fromMs);
    // The topic's rates at every stored round since fromMs, answered by topicHistoryLoaded.
    void loadTopic(const QString& cluster, const QString& topic, qint64 fromMs);
    // The cluster's total throughput a minute at a time (from the rollups) since fromMs, answered by
    // throughputLoaded: all series are read, so one point a minute keeps long ranges cheap.
    void loadThroughput(const QString& cluster, qint64 fromMs);
    // Alert incidents: kept when opened and when closed; the cluster's since fromMs, newest first.
    void recordIncident(const Incident& incident);
    void loadIncidents(const QString& cluster, qint64 fromMs);

Q_SIGNALS:
    void recentLoaded(const QString& cluster, const QList<Samsa::SampleRound>& rounds);
    void groupHistoryLoaded(const QString& cluster, const QString& group, const QList<Samsa::GroupHistoryPoint>& points);
    void topicHistoryLoaded(const QString& cluster, const QString& topic, const QList<Samsa::TopicHistoryPoint>& points);
    void throughputLoaded(const QString& cluster, const QList<Samsa::ThroughputPoint>& points);
    void incidentsLoaded(const QString& cluster, const QList<Samsa::Incident>& incidents);
    void failed(const QString& error); // the file cannot be opened or written

private:
    QThread m_thread;
    MetricsHistoryWorker* m_worker;
};

class MetricsHistoryWorker : public QObject {
    Q_OBJECT
public:
    MetricsHistoryWorker(const QString& path, HistoryRetention retention);

    Q_INVOKABLE void record(const QString& cluster, const Samsa::SampleRound& round);
    Q_INVOKABLE void loadRecent(const QString& cluster, qint64 fromMs);
    Q_INVOKABLE void loadGroup(const QString& cluster, const QString& group, qint64 fromMs);
    Q_INVOKABLE void loadTopic(const QString& cluster, const QString& topic, qint64 fromMs);
    Q_INVOKABLE void loadThroughput(const QString& cluster, qint64 fromMs);
    Q_INVOKABLE void recordIncident(const Samsa::Incident& incident);
    Q_INVOKABLE void loadIncidents(const QString& cluster, qint64 fromMs);
    Q_INVOKABLE void close();

Q_SIGNALS:
    void recentLoaded(const QString& cluster, const QList<Samsa::SampleRound>& rounds);
    void groupHistoryLoaded(const QString& cluster, const QString& group, const QList<Samsa::GroupHistoryPoint>& points);
    void topicHistoryLoaded(const QString& cluster, const QString& topic, const QList<Samsa::TopicHistoryPoint>& points);
    void throughputLoaded(const QString& cluster, const QList<Samsa::ThroughputPoint>& points);
    void incidentsLoaded(const QString& cluster, const QList<Samsa::Incident>& incidents);
    void failed(const QString& error);

private:
    bool ensureOpen();

    QString m_path;
    HistoryRetention m_retention;
    MetricsHistoryStore m_store;
    bool m_failed = false;
    QHash<QString, qint64> m_lastPruneMs;
};

} // namespace Samsa

Q_DECLARE_METATYPE(Samsa::GroupHistoryPoint)
Q_DECLARE_METATYPE(Samsa::TopicHistoryPoint)
