#include "historyseries.h"

#include <algorithm>
#include <limits>

namespace Samsa {

namespace {

constexpr quint32 MaxId = std::numeric_limits<qint32>::max();

int partitionSlot(SeriesKind kind)
{
    return static_cast<int>(kind);
}

void markWanted(std::vector<bool>* ids, qint32 id)
{
    if (id < 0)
        return;
    if (static_cast<size_t>(id) >= ids->size())
        ids->resize(static_cast<size_t>(id) + 1, false);
    (*ids)[static_cast<size_t>(id)] = true;
}

} // namespace

bool HistorySeries::add(quint32 id, const SeriesInfo& info)
{
    if (id > MaxId || m_infos.contains(id))
        return false;
    qint32* slot = nullptr;
    switch (info.kind) {
    case SeriesKind::EndOffset:
    case SeriesKind::StartOffset:
    case SeriesKind::LogBytes: {
        auto ids = m_partitionIds.find({ info.topic, info.partition });
        if (ids == m_partitionIds.end())
            ids = m_partitionIds.insert({ info.topic, info.partition }, { NoId, NoId, NoId });
        slot = &(*ids)[partitionSlot(info.kind)];
        break;
    }
    case SeriesKind::Committed: {
        const CommitKey key { info.group, info.topic, info.partition };
        auto known = m_commitIds.find(key);
        if (known == m_commitIds.end())
            known = m_commitIds.insert(key, NoId);
        slot = &*known;
        break;
    }
    default:
        return false;
    }
    if (*slot != NoId)
        return false;
    *slot = static_cast<qint32>(id);
    m_infos.insert(id, info);
    m_nextId = std::max(m_nextId, id + 1);
    return true;
}

quint32 HistorySeries::idFor(
    qint32* slot, SeriesKind kind, const QString& group, const QString& topic, int partition, QList<NewSeries>* added)
{
    if (*slot == NoId) {
        const SeriesInfo info { kind, group, topic, partition };
        *slot = static_cast<qint32>(m_nextId++);
        m_infos.insert(static_cast<quint32>(*slot), info);
        added->append({ static_cast<quint32>(*slot), info });
    }
    return static_cast<quint32>(*slot);
}

SeriesValues HistorySeries::valuesOf(const SampleRound& round, QList<NewSeries>* added)
{
    SeriesValues values;
    values.reserve(static_cast<size_t>(round.partitions.size() * 3 + round.commits.size()));
    // Kind by kind: a partition's new series get ids with the other partitions' of the same kind,
    // so the ends of a busy topic are consecutive ids (one run in a delta), apart from its starts,
    // which rarely move.
    std::vector<PartitionIds> partitionIds;
    partitionIds.reserve(static_cast<size_t>(round.partitions.size()));
    for (const PartitionOffsets& offsets : round.partitions) {
        const auto ids = m_partitionIds.constFind({ offsets.topic, offsets.partition });
        partitionIds.push_back(ids == m_partitionIds.cend() ? PartitionIds { NoId, NoId, NoId } : *ids);
    }
    for (const SeriesKind kind : { SeriesKind::EndOffset, SeriesKind::StartOffset, SeriesKind::LogBytes }) {
        const int slot = partitionSlot(kind);
        for (qsizetype i = 0; i < round.partitions.size(); ++i) {
            const PartitionOffsets& offsets = round.partitions.at(i);
            PartitionIds& ids = partitionIds[static_cast<size_t>(i)];
            if (ids[slot] == NoId) {
                const TopicPartition key { offsets.topic, offsets.partition };
                auto known = m_partitionIds.find(key);
                if (known == m_partitionIds.end())
                    known = m_partitionIds.insert(key, { NoId, NoId, NoId });
                // A partition listed twice was named at its first listing.
                idFor(&(*known)[slot], kind, QString(), offsets.topic, offsets.partition, added);
                ids = *known;
            }
            const qint64 value = kind == SeriesKind::EndOffset ? offsets.end
                : kind == SeriesKind::StartOffset              ? offsets.start
                                                               : offsets.logBytes;
            values.push_back({ static_cast<quint32>(ids[slot]), value });
        }
    }
    for (const GroupCommit& commit : round.commits) {
        const CommitKey key { commit.group, commit.topic, commit.partition };
        auto id = m_commitIds.find(key);
        if (id == m_commitIds.end())
            id = m_commitIds.insert(key, NoId);
        values.push_back({ idFor(&*id, SeriesKind::Committed, commit.group, commit.topic, commit.partition, added),
            commit.committed });
    }
    // Ids were given in this order, so a round listed as the one before is sorted already.
    const auto byId = [](const SeriesValue& a, const SeriesValue& b) { return a.id < b.id; };
    if (!std::is_sorted(values.cbegin(), values.cend(), byId))
        std::stable_sort(values.begin(), values.end(), byId);
    // A counter listed twice keeps the last value listed.
    size_t written = 0;
    for (size_t read = 0; read < values.size(); ++read) {
        if (written > 0 && values[written - 1].id == values[read].id)
            values[written - 1] = values[read];
        else
            values[written++] = values[read];
    }
    values.resize(written);
    return values;
}

void HistorySeries::forget(const QList<NewSeries>& added)
{
    for (const NewSeries& series : added) {
        m_infos.remove(series.id);
        const SeriesInfo& info = series.info;
        if (info.kind == SeriesKind::Committed) {
            m_commitIds.remove({ info.group, info.topic, info.partition });
            continue;
        }
        auto ids = m_partitionIds.find({ info.topic, info.partition });
        if (ids == m_partitionIds.end())
            continue;
        (*ids)[partitionSlot(info.kind)] = NoId;
        if (std::all_of(ids->cbegin(), ids->cend(), [](qint32 id) { return id == NoId; }))
            m_partitionIds.erase(ids);
    }
    if (!added.isEmpty())
        m_nextId = added.first().id;
}

SeriesFilter HistorySeries::filter(const QString& group, const QString& topic) const
{
    SeriesFilter filter;
    if (group.isEmpty() && topic.isEmpty())
        return filter;
    filter.all = false;
    QSet<TopicPartition> committedPartitions;
    for (auto it = m_commitIds.cbegin(); it != m_commitIds.cend(); ++it) {
        const CommitKey& key = it.key();
        if ((!group.isEmpty() && key.group != group) || (!topic.isEmpty() && key.topic != topic))
            continue;
        markWanted(&filter.ids, it.value());
        filter.groups.insert(key.group);
        committedPartitions.insert({ key.topic, key.partition });
    }
    if (!group.isEmpty())
        filter.groups.insert(group);
    for (auto it = m_partitionIds.cbegin(); it != m_partitionIds.cend(); ++it) {
        if (!topic.isEmpty() && it.key().topic != topic)
            continue;
        if (group.isEmpty()) {
            for (qint32 id : it.value())
                markWanted(&filter.ids, id);
        } else if (committedPartitions.contains(it.key())) {
            // Lag needs the ends (and the starts, for commits that fell behind retention); the
            // group's view has no use for the partition's size.
            markWanted(&filter.ids, it.value()[partitionSlot(SeriesKind::EndOffset)]);
            markWanted(&filter.ids, it.value()[partitionSlot(SeriesKind::StartOffset)]);
        }
    }
    return filter;
}

void HistorySeries::fillRound(const SeriesValues& values, SampleRound* round) const
{
    QHash<TopicPartition, qsizetype> partitionRows;
    for (const SeriesValue& entry : values) {
        const auto info = m_infos.constFind(entry.id);
        if (info == m_infos.cend())
            continue;
        if (info->kind == SeriesKind::Committed) {
            round->commits.append({ info->group, info->topic, info->partition, entry.value });
            continue;
        }
        const TopicPartition key { info->topic, info->partition };
        auto row = partitionRows.constFind(key);
        if (row == partitionRows.cend()) {
            row = partitionRows.insert(key, round->partitions.size());
            round->partitions.append({ info->topic, info->partition, -1, -1, -1 });
        }
        PartitionOffsets& offsets = round->partitions[*row];
        if (info->kind == SeriesKind::EndOffset)
            offsets.end = entry.value;
        else if (info->kind == SeriesKind::StartOffset)
            offsets.start = entry.value;
        else
            offsets.logBytes = entry.value;
    }
}

std::vector<qint8> HistorySeries::kinds() const
{
    std::vector<qint8> kinds(m_nextId, -1);
    for (auto it = m_infos.cbegin(); it != m_infos.cend(); ++it) {
        if (it.key() < kinds.size())
            kinds[it.key()] = qint8(it->kind);
    }
    return kinds;
}

} // namespace Samsa
