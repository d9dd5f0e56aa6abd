#pragma once

// Comparing stored and loaded rounds in the history tests, and SQL on a history file behind the
// store's back.

#include "metrics/metricstypes.h"

#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <algorithm>
#include <tuple>

namespace Samsa::Test {

// Runs SQL on a connection of our own; returns the first column of the last row.
inline QVariant sql(const QString& path, const QString& statement)
{
    QVariant last;
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.open();
        QSqlQuery query(db);
        if (!query.exec(statement))
            qWarning("%s failed", qPrintable(statement));
        while (query.next())
            last = query.value(0);
    }
    QSqlDatabase::removeDatabase(name);
    return last;
}

// Partitions and commits in a fixed order, so rounds compare whatever order they were listed in.
inline SampleRound normalized(SampleRound round)
{
    std::sort(round.partitions.begin(), round.partitions.end(),
        [](const auto& a, const auto& b) { return std::tie(a.topic, a.partition) < std::tie(b.topic, b.partition); });
    std::sort(round.commits.begin(), round.commits.end(), [](const auto& a, const auto& b) {
        return std::tie(a.group, a.topic, a.partition) < std::tie(b.group, b.topic, b.partition);
    });
    return round;
}

inline bool same(const SampleRound& a, const SampleRound& b)
{
    const SampleRound x = normalized(a);
    const SampleRound y = normalized(b);
    const auto samePartition = [](const PartitionOffsets& p, const PartitionOffsets& q) {
        return p.topic == q.topic && p.partition == q.partition && p.start == q.start && p.end == q.end
            && p.logBytes == q.logBytes;
    };
    const auto sameCommit = [](const GroupCommit& c, const GroupCommit& d) {
        return c.group == d.group && c.topic == d.topic && c.partition == d.partition && c.committed == d.committed;
    };
    const bool equal = x.timeMs == y.timeMs && x.durationMs == y.durationMs && x.error == y.error
        && x.groupStates == y.groupStates
        && std::equal(
            x.partitions.cbegin(), x.partitions.cend(), y.partitions.cbegin(), y.partitions.cend(), samePartition)
        && std::equal(x.commits.cbegin(), x.commits.cend(), y.commits.cbegin(), y.commits.cend(), sameCommit);
    if (!equal)
        qWarning("rounds at %lld and %lld differ", static_cast<long long>(a.timeMs), static_cast<long long>(b.timeMs));
    return equal;
}

inline bool sameRounds(const QList<SampleRound>& actual, const QList<SampleRound>& expected)
{
    if (actual.size() != expected.size()) {
        qWarning("%lld rounds instead of %lld", static_cast<long long>(actual.size()),
            static_cast<long long>(expected.size()));
        return false;
    }
    for (qsizetype i = 0; i < actual.size(); ++i) {
        if (!same(actual.at(i), expected.at(i)))
            return false;
    }
    return true;
}

// What a one-minute rollup of these rounds holds: each partition's and commit's last values, and
// the last round's time, states, duration and error.
inline SampleRound rollupOf(const QList<SampleRound>& minute)
{
    QMap<std::pair<QString, int>, PartitionOffsets> partitions;
    QMap<std::tuple<QString, QString, int>, GroupCommit> commits;
    for (const SampleRound& round : minute) {
        for (const PartitionOffsets& offsets : round.partitions)
            partitions.insert({ offsets.topic, offsets.partition }, offsets);
        for (const GroupCommit& commit : round.commits)
            commits.insert({ commit.group, commit.topic, commit.partition }, commit);
    }
    SampleRound rollup = minute.last();
    rollup.partitions = partitions.values();
    rollup.commits = commits.values();
    return rollup;
}

} // namespace Samsa::Test
