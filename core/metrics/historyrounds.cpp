#include "historyrounds.h"

#include "groupstatescodec.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <utility>

namespace Samsa {

qint64 floorTo(qint64 timeMs, qint64 periodMs)
{
    const qint64 remainder = timeMs % periodMs;
    return remainder < 0 ? timeMs - remainder - periodMs : timeMs - remainder;
}

bool RoundChain::continuesAt(qint64 timeMs, qint64 keyframePeriodMs) const
{
    return last && floorTo(last->timeMs, keyframePeriodMs) == floorTo(timeMs, keyframePeriodMs);
}

void RoundChain::advance(StoredRound round, bool delta)
{
    if (delta && last)
        beforeLast = std::move(last->values);
    else
        beforeLast.reset();
    last = std::move(round);
}

bool readStoredRounds(const QSqlDatabase& db, const QString& cluster, int resolution, qint64 fromMs, qint64 toMs,
    qint64 keyframePeriodMs, const SeriesFilter& filter, const std::function<void(const StoredRound&)>& onRound,
    ReadProblems* problems, QString* error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ts, duration_ms, states, error, data FROM rounds "
                                 "WHERE cluster = ? AND resolution = ? AND ts >= ? AND ts <= ? ORDER BY ts"));
    query.addBindValue(cluster);
    query.addBindValue(resolution);
    query.addBindValue(floorTo(fromMs, keyframePeriodMs));
    query.addBindValue(toMs);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    const std::vector<bool>* wantedIds = filter.all ? nullptr : &filter.ids;
    const QSet<QString>* wantedGroups = filter.all ? nullptr : &filter.groups;
    RoundChain chain;
    const auto skip = [problems](qint64 timeMs, const QString& why) {
        if (problems->unreadable++ == 0)
            problems->firstError = QStringLiteral("the round at %1: %2").arg(timeMs).arg(why);
    };
    while (query.next()) {
        StoredRound round;
        round.timeMs = query.value(0).toLongLong();
        const QByteArray data = query.value(4).toByteArray();
        RoundCodec::Header header;
        QString why;
        if (!RoundCodec::readHeader(data, &header, &why)) {
            skip(round.timeMs, why);
            continue;
        }
        const bool delta = header.kind != RoundCodec::Kind::Keyframe;
        if (delta && (!chain.last || header.previousTimeMs != chain.last->timeMs)) {
            skip(round.timeMs, QStringLiteral("the round before it is missing."));
            continue;
        }
        if (delta)
            round.groupStates = chain.last->groupStates;
        if (!RoundCodec::decode(data, chain.lastValues(), chain.beforeLastValues(), wantedIds, &round.values, &why)
            || !GroupStatesCodec::apply(query.value(2).toString(), !delta, wantedGroups, &round.groupStates, &why)) {
            skip(round.timeMs, why);
            continue;
        }
        round.durationMs = query.value(1).toLongLong();
        round.error = query.value(3).toString();
        chain.advance(std::move(round), delta);
        if (chain.last->timeMs >= fromMs)
            onRound(*chain.last);
    }
    if (query.lastError().isValid()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

StoredRound mergeLastValues(const StoredRound& older, const StoredRound& newer)
{
    StoredRound merged;
    merged.timeMs = newer.timeMs;
    merged.groupStates = newer.groupStates;
    merged.durationMs = newer.durationMs;
    merged.error = newer.error;
    merged.values.reserve(std::max(older.values.size(), newer.values.size()));
    auto old = older.values.cbegin();
    for (const SeriesValue& entry : newer.values) {
        for (; old != older.values.cend() && old->id < entry.id; ++old)
            merged.values.push_back(*old);
        if (old != older.values.cend() && old->id == entry.id)
            ++old;
        merged.values.push_back(entry);
    }
    merged.values.insert(merged.values.end(), old, older.values.cend());
    return merged;
}

} // namespace Samsa
