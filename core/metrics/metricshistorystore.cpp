#include "metricshistorystore.h"

#include "groupstatescodec.h"
#include "historydatabase.h"
#include "storage/samsadatabase.h"

#include <QFileInfo>
#include <QSqlError>

#include <optional>

namespace Samsa {

namespace {

constexpr qint64 MinuteMs = 60 * 1000;

} // namespace

struct MetricsHistoryStore::ClusterState {
    HistorySeries series;
    bool resumed = false; // lastTimeMs and minute were read back from the file
    qint64 lastTimeMs = std::numeric_limits<qint64>::min();
    // What the next round of each resolution is a delta against; empty after open, so the first
    // round of each is a keyframe.
    RoundChain raw;
    RoundChain rollup;
    // The minute in progress: each series' last value so far, the last round's states.
    std::optional<StoredRound> minute;
};

MetricsHistoryStore::MetricsHistoryStore()
    : m_connectionName(SamsaDatabase::newConnectionName(QStringLiteral("history")))
{
}

MetricsHistoryStore::~MetricsHistoryStore()
{
    close();
}

bool MetricsHistoryStore::open(const QString& path)
{
    close();
    m_errorText.clear();
    QString error;
    const auto onSeries = [this](const QString& cluster, qint64 id, const SeriesInfo& info) {
        // A row this version cannot place is left out; its values in the rounds are skipped.
        if (id >= 0 && id <= std::numeric_limits<quint32>::max())
            clusterState(cluster).series.add(static_cast<quint32>(id), info);
    };
    m_open = HistoryDatabase::open(m_connectionName, path, &error)
        && HistoryDatabase::readSeries(database(), onSeries, &error);
    if (!m_open) {
        m_errorText = error;
        close();
        return false;
    }
    m_path = path;
    return true;
}

bool MetricsHistoryStore::isOpen() const
{
    return m_open;
}

QString MetricsHistoryStore::errorText() const
{
    return m_errorText;
}

void MetricsHistoryStore::close()
{
    m_clusters.clear();
    m_open = false;
    SamsaDatabase::close(m_connectionName);
}

QSqlDatabase MetricsHistoryStore::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

MetricsHistoryStore::ClusterState& MetricsHistoryStore::clusterState(const QString& cluster)
{
    std::unique_ptr<ClusterState>& state = m_clusters[cluster];
    if (!state)
        state = std::make_unique<ClusterState>();
    return *state;
}

bool MetricsHistoryStore::resume(const QString& cluster, ClusterState* state)
{
    QString error;
    const QSqlDatabase db = database();
    const auto lastRaw = HistoryDatabase::roundTime(db, cluster, RawResolution, HistoryDatabase::Bound::Newest, &error);
    const auto lastRollup
        = HistoryDatabase::roundTime(db, cluster, RollupResolution, HistoryDatabase::Bound::Newest, &error);
    if (!error.isEmpty()) {
        m_errorText = error;
        return false;
    }
    state->lastTimeMs = std::max(lastRaw.value_or(state->lastTimeMs), lastRollup.value_or(state->lastTimeMs));
    if (lastRaw) {
        // The raw rounds of the last minute, which has no rollup yet: it is written when the next
        // minute's round comes, as if Samsa had not stopped.
        qint64 from = floorTo(*lastRaw, MinuteMs);
        if (lastRollup)
            from = std::max(from, *lastRollup + 1);
        ReadProblems problems;
        const auto onRound = [state](const StoredRound& round) {
            state->minute = state->minute ? mergeLastValues(*state->minute, round) : round;
        };
        if (!readStoredRounds(db, cluster, RawResolution, from, *lastRaw, KeyframePeriodMs, SeriesFilter(), onRound,
                &problems, &error)) {
            m_errorText = QStringLiteral("Cannot read the history: %1").arg(error);
            return false;
        }
    }
    state->resumed = true;
    return true;
}

bool MetricsHistoryStore::storeRound(
    const QString& cluster, int resolution, const StoredRound& round, const RoundChain& chain, bool delta)
{
    HistoryDatabase::RoundRow row;
    row.resolution = resolution;
    row.timeMs = round.timeMs;
    row.durationMs = round.durationMs;
    row.error = round.error;
    if (delta) {
        row.states = GroupStatesCodec::encode(round.groupStates, &chain.last->groupStates);
        row.data = RoundCodec::encode(round.values, chain.lastValues(), chain.beforeLastValues(), chain.last->timeMs);
    } else {
        row.states = GroupStatesCodec::encode(round.groupStates, nullptr);
        row.data = RoundCodec::encode(round.values, nullptr, nullptr, 0);
    }
    return HistoryDatabase::insertRound(database(), cluster, row, &m_errorText);
}

bool MetricsHistoryStore::appendRound(const QString& cluster, const SampleRound& round)
{
    m_errorText.clear();
    if (!m_open) {
        m_errorText = QStringLiteral("The history is not open.");
        return false;
    }
    ClusterState& state = clusterState(cluster);
    if (!state.resumed && !resume(cluster, &state))
        return false;
    if (round.timeMs <= state.lastTimeMs) {
        // Rows are keyed and chained by time; after a clock step back, rounds wait until it passes.
        m_errorText = QStringLiteral("The round at %1 is not later than the last stored round (%2).")
                          .arg(round.timeMs)
                          .arg(state.lastTimeMs);
        return false;
    }
    QList<NewSeries> added;
    StoredRound raw { round.timeMs, state.series.valuesOf(round, &added), round.groupStates, round.durationMs,
        round.error };
    // The minute in progress becomes a rollup when the first round of a later minute comes.
    std::optional<StoredRound> rollup;
    std::optional<StoredRound> minute;
    if (state.minute && floorTo(state.minute->timeMs, MinuteMs) != floorTo(round.timeMs, MinuteMs)) {
        rollup = state.minute;
        minute = raw;
    } else {
        minute = state.minute ? mergeLastValues(*state.minute, raw) : raw;
    }
    const bool rawDelta = state.raw.continuesAt(raw.timeMs, KeyframePeriodMs);
    const bool rollupDelta = rollup && state.rollup.continuesAt(rollup->timeMs, KeyframePeriodMs);

    QSqlDatabase db = database();
    bool stored = db.transaction() && HistoryDatabase::insertSeries(db, cluster, added, &m_errorText)
        && storeRound(cluster, RawResolution, raw, state.raw, rawDelta)
        && (!rollup || storeRound(cluster, RollupResolution, *rollup, state.rollup, rollupDelta)) && db.commit();
    if (!stored) {
        if (m_errorText.isEmpty())
            m_errorText = QStringLiteral("Cannot store a round: %1").arg(db.lastError().text());
        db.rollback();
        state.series.forget(added);
        return false;
    }
    state.raw.advance(std::move(raw), rawDelta);
    if (rollup)
        state.rollup.advance(std::move(*rollup), rollupDelta);
    state.minute = std::move(minute);
    state.lastTimeMs = round.timeMs;
    return true;
}

int MetricsHistoryStore::prune(const QString& cluster, qint64 nowMs, const HistoryRetention& retention)
{
    m_errorText.clear();
    if (!m_open) {
        m_errorText = QStringLiteral("The history is not open.");
        return -1;
    }
    const qint64 rawCutoff = floorTo(nowMs - retention.rawMs, KeyframePeriodMs);
    const qint64 rollupCutoff = floorTo(nowMs - retention.rollupMs, KeyframePeriodMs);
    QSqlDatabase db = database();
    if (!db.transaction()) {
        m_errorText = QStringLiteral("Cannot prune the history: %1").arg(db.lastError().text());
        return -1;
    }
    const int rawDeleted = HistoryDatabase::deleteRoundsBefore(db, cluster, RawResolution, rawCutoff, &m_errorText);
    const int rollupsDeleted = rawDeleted < 0
        ? -1
        : HistoryDatabase::deleteRoundsBefore(db, cluster, RollupResolution, rollupCutoff, &m_errorText);
    const int incidentsDeleted
        = rollupsDeleted < 0 ? -1 : HistoryDatabase::deleteIncidentsBefore(db, cluster, rollupCutoff, &m_errorText);
    if (incidentsDeleted < 0 || !db.commit()) {
        if (m_errorText.isEmpty())
            m_errorText = QStringLiteral("Cannot prune the history: %1").arg(db.lastError().text());
        db.rollback();
        return -1;
    }
    // A round that is gone cannot carry a delta: the next round of that resolution is a keyframe.
    const auto found = m_clusters.find(cluster);
    if (found != m_clusters.end()) {
        ClusterState& state = *found->second;
        if (state.raw.last && state.raw.last->timeMs < rawCutoff)
            state.raw = RoundChain();
        if (state.rollup.last && state.rollup.last->timeMs < rollupCutoff)
            state.rollup = RoundChain();
    }
    return rawDeleted + rollupsDeleted;
}

QList<SampleRound> MetricsHistoryStore::load(const HistoryQuery& request) const
{
    QList<SampleRound> rounds;
    forEachRound(request, [&rounds](SampleRound&& round) { rounds.append(std::move(round)); });
    return rounds;
}

bool MetricsHistoryStore::forEachRound(const HistoryQuery& request, const std::function<void(SampleRound&&)>& onRound) const
{
    m_errorText.clear();
    const auto found = m_clusters.find(request.cluster);
    if (!m_open || found == m_clusters.end() || request.fromMs > request.toMs)
        return m_open;
    const HistorySeries& series = found->second->series;
    const SeriesFilter filter = series.filter(request.group, request.topic);
    const QSqlDatabase db = database();
    QString error;
    const qint64 oldestRaw
        = HistoryDatabase::roundTime(db, request.cluster, RawResolution, HistoryDatabase::Bound::Oldest, &error)
              .value_or(std::numeric_limits<qint64>::max());
    if (!error.isEmpty()) {
        m_errorText = error;
        return false;
    }
    const auto onStored = [&onRound, &series](const StoredRound& stored) {
        SampleRound round;
        round.timeMs = stored.timeMs;
        round.durationMs = stored.durationMs;
        round.error = stored.error;
        round.groupStates = stored.groupStates;
        series.fillRound(stored.values, &round);
        onRound(std::move(round));
    };
    ReadProblems problems;
    bool ok = true;
    if (request.fromMs < oldestRaw)
        ok = readStoredRounds(db, request.cluster, RollupResolution, request.fromMs,
            std::min(request.toMs, oldestRaw - 1), KeyframePeriodMs, filter, onStored, &problems, &error);
    if (ok && request.toMs >= oldestRaw)
        ok = readStoredRounds(db, request.cluster, RawResolution, std::max(request.fromMs, oldestRaw), request.toMs,
            KeyframePeriodMs, filter, onStored, &problems, &error);
    if (!ok)
        m_errorText = QStringLiteral("Cannot read the history: %1").arg(error);
    else if (problems.unreadable > 0)
        m_errorText = QStringLiteral("%1 stored rounds could not be read; %2")
                          .arg(problems.unreadable)
                          .arg(problems.firstError);
    return ok;
}

bool MetricsHistoryStore::loadThroughput(const QString& cluster, qint64 fromMs, QList<ThroughputPoint>* points) const
{
    m_errorText.clear();
    const auto found = m_clusters.find(cluster);
    if (!m_open || found == m_clusters.end())
        return m_open;
    ThroughputHistory throughput(found->second->series.kinds());
    ReadProblems problems;
    QString error;
    const bool ok = readStoredRounds(database(), cluster, RollupResolution, fromMs, std::numeric_limits<qint64>::max(),
        KeyframePeriodMs, SeriesFilter {},
        [&](const StoredRound& stored) {
            if (const std::optional<ThroughputPoint> point = throughput.add(stored.timeMs, stored.values))
                points->append(*point);
        },
        &problems, &error);
    if (!ok)
        m_errorText = QStringLiteral("Cannot read the history: %1").arg(error);
    return ok;
}

qint64 MetricsHistoryStore::fileBytes() const
{
    if (m_path.isEmpty())
        return 0;
    return QFileInfo(m_path).size() + QFileInfo(m_path + QStringLiteral("-wal")).size();
}

bool MetricsHistoryStore::recordIncident(const Incident& incident)
{
    if (!m_open) {
        m_errorText = QStringLiteral("The history is not open.");
        return false;
    }
    return incident.closedMs < 0 ? HistoryDatabase::insertIncident(database(), incident, &m_errorText)
                                 : HistoryDatabase::closeIncident(database(), incident, &m_errorText);
}

QList<Incident> MetricsHistoryStore::incidents(const QString& cluster, qint64 fromMs, int limit) const
{
    if (!m_open)
        return {};
    return HistoryDatabase::readIncidents(database(), cluster, fromMs, limit, &m_errorText);
}

} // namespace Samsa
