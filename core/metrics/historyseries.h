#pragma once

// The series dictionary of one cluster in history.db: which counter each series id in a stored
// round stands for. A round is stored as (id, value) pairs rather than names, so a 10,000-partition
// round costs bytes per changed counter instead of a row per partition. Ids are given in order of
// first sight and never reused, so a series keeps its id across restarts.

#include "metricstypes.h"
#include "roundcodec.h"

#include <QHash>
#include <QSet>
#include <QString>

#include <array>
#include <vector>

namespace Samsa {

enum class SeriesKind { EndOffset = 0, StartOffset = 1, LogBytes = 2, Committed = 3 };

struct SeriesInfo {
    SeriesKind kind = SeriesKind::EndOffset;
    QString group; // Committed only
    QString topic;
    int partition = -1;
};

// The series and groups a query reads; all when `all` (the others are then empty).
struct SeriesFilter {
    bool all = true;
    std::vector<bool> ids; // indexed by series id
    QSet<QString> groups;
};

struct NewSeries {
    quint32 id = 0;
    SeriesInfo info;
};

class HistorySeries {
public:
    // A series read from the file. False when the id is taken or the kind unknown.
    bool add(quint32 id, const SeriesInfo& info);

    // The round's values sorted by id (a counter listed twice keeps its last value). Series seen for
    // the first time get the next ids and are appended to *added.
    SeriesValues valuesOf(const SampleRound& round, QList<NewSeries>* added);
    // Takes back the ids valuesOf() gave when storing the round failed.
    void forget(const QList<NewSeries>& added);

    // What a query for a group and/or topic reads (see HistoryQuery); all when both are empty.
    SeriesFilter filter(const QString& group, const QString& topic) const;

    // The kind of each series as an int, indexed by id (-1 for ids not given out).
    std::vector<qint8> kinds() const;

    // The partitions and commits of decoded values (states, times and errors are the caller's).
    void fillRound(const SeriesValues& values, SampleRound* round) const;

private:
    struct CommitKey {
        QString group;
        QString topic;
        int partition = -1;
        bool operator==(const CommitKey&) const = default;
        friend size_t qHash(const CommitKey& key, size_t seed = 0)
        {
            return qHashMulti(seed, key.group, key.topic, key.partition);
        }
    };
    static constexpr qint32 NoId = -1;
    using PartitionIds = std::array<qint32, 3>; // by kind: end, start, log bytes

    quint32 idFor(qint32* slot, SeriesKind kind, const QString& group, const QString& topic, int partition,
        QList<NewSeries>* added);

    QHash<quint32, SeriesInfo> m_infos;
    QHash<TopicPartition, PartitionIds> m_partitionIds;
    QHash<CommitKey, qint32> m_commitIds;
    quint32 m_nextId = 0;
};

} // namespace Samsa
