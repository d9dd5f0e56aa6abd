#pragma once

// The history of sampling rounds (lag, throughput) in its own SQLite file, history.db, apart from
// samsa.db because it is large, written every few seconds and disposable.
//
// Tables: series (the dictionary of counters, see HistorySeries) and rounds, one row per stored
// round and resolution (0: raw, 60: one-minute rollup) whose values are one blob (RoundCodec).
// Raw rounds are kept a day and rollups a month by default (prune()); the rollups are what the
// file grows by, so a rollup row costs bytes per changed counter, not a row per partition.
//
// Plain and not thread-safe: one instance on one thread (the writer thread that owns it), with its
// own connection.

#include "historyrounds.h"
#include "incident.h"
#include "metricstypes.h"
#include "throughputhistory.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <limits>
#include <map>
#include <memory>

namespace Samsa {

struct HistoryRetention {
    qint64 rawMs = 24LL * 60 * 60 * 1000;
    qint64 rollupMs = 30LL * 24 * 60 * 60 * 1000;
};

// Empty group and topic: every series of the cluster. A group: its commits and the end and start
// offsets of the partitions it has committed. A topic: its partitions and the commits of every
// group on it. Both: that group's commits on that topic and those partitions.
struct HistoryQuery {
    QString cluster;
    qint64 fromMs = 0;
    qint64 toMs = std::numeric_limits<qint64>::max();
    QString group;
    QString topic;
};

class MetricsHistoryStore {
public:
    static constexpr int RawResolution = 0;
    static constexpr int RollupResolution = 60;
    // A stored round is a delta against the previous one of its resolution unless it is the first
    // of its hour (or the first since open): so prune() and load() can start at an hour boundary,
    // and no chain of deltas outlives a damaged row by more than an hour.
    static constexpr qint64 KeyframePeriodMs = 60LL * 60 * 1000;

    MetricsHistoryStore();
    ~MetricsHistoryStore();
    MetricsHistoryStore(const MetricsHistoryStore&) = delete;
    MetricsHistoryStore& operator=(const MetricsHistoryStore&) = delete;

    // Opens or creates the file; false with errorText() set (not SQLite, or from a newer Samsa).
    bool open(const QString& path);
    bool isOpen() const;
    QString errorText() const;
    void close();

    // Stores the round in one transaction, with the rollup of the previous minute when the round
    // is the first of a new minute. Refused when not later than the cluster's last stored round.
    bool appendRound(const QString& cluster, const SampleRound& round);
    // Deletes raw rounds and rollups older than the retention (at whole hours, so what is left
    // still decodes); returns the rows deleted, -1 on error.
    int prune(const QString& cluster, qint64 nowMs, const HistoryRetention& retention);
    // The rounds in [fromMs, toMs] sorted by time: raw rounds where they exist, rollups before the
    // oldest raw round. Only the query's series are decoded. Rows that cannot be read are left out
    // (errorText() says how many). Partitions and commits come in order of first sight.
    QList<SampleRound> load(const HistoryQuery& query) const;
    // The same, one round at a time, for ranges too large to hold at once. False on a database error.
    bool forEachRound(const HistoryQuery& query, const std::function<void(SampleRound&&)>& onRound) const;

    // The cluster's total throughput from its rollups since fromMs, one point a minute (see
    // ThroughputHistory). False on a database error.
    bool loadThroughput(const QString& cluster, qint64 fromMs, QList<ThroughputPoint>* points) const;

    // The file and its write-ahead log.
    qint64 fileBytes() const;

    // Alert incidents: an opened one is inserted, a closed one updated (by cluster, group and
    // opening time). Pruned with the rollups.
    bool recordIncident(const Incident& incident);
    QList<Incident> incidents(const QString& cluster, qint64 fromMs, int limit = 500) const;

private:
    struct ClusterState;

    QSqlDatabase database() const;
    ClusterState& clusterState(const QString& cluster);
    bool resume(const QString& cluster, ClusterState* state);
    bool storeRound(
        const QString& cluster, int resolution, const StoredRound& round, const RoundChain& chain, bool delta);

    QString m_connectionName;
    QString m_path;
    mutable QString m_errorText;
    bool m_open = false;
    std::map<QString, std::unique_ptr<ClusterState>> m_clusters;
};

} // namespace Samsa
