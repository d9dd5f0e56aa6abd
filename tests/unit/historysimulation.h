#pragma once

// A large cluster for the history size test: 100 topics of 100 partitions, two topics in five
// written at about 100 messages a second a partition (60 to 140 by topic, skewed per partition,
// 200 to 1,000 bytes a message), the rest idle; retention drops a segment of a written partition
// about every 20 minutes. 200 groups, two on each topic, each committing half its partitions
// every round a little behind the end; now and then a group rebalances.

#include "metrics/metricstypes.h"

#include <QRandomGenerator>

#include <cmath>
#include <vector>

namespace Samsa {

class HistorySimulation {
public:
    static constexpr int Topics = 100;
    static constexpr int PartitionsPerTopic = 100;
    static constexpr int Groups = 200;

    explicit HistorySimulation(quint32 seed)
        : m_random(seed)
    {
        for (int topic = 0; topic < Topics; ++topic) {
            m_topics.append(QStringLiteral("topic-%1").arg(topic, 3, 10, QLatin1Char('0')));
            const bool written = topic % 5 < 2;
            const int rate = written ? 60 + m_random.bounded(81) : 0;
            const int messageBytes = 200 + m_random.bounded(801);
            for (int p = 0; p < PartitionsPerTopic; ++p) {
                Partition partition;
                partition.rate = rate * (80 + m_random.bounded(41)) / 100;
                partition.messageBytes = messageBytes;
                partition.end = m_random.bounded(1'000'000, 2'000'000'000);
                partition.start = partition.end - m_random.bounded(partition.end);
                partition.bytes = (partition.end - partition.start) * messageBytes;
                m_partitions.push_back(partition);
            }
        }
        for (int group = 0; group < Groups; ++group)
            m_groups.append(QStringLiteral("group-%1").arg(group));
    }

    SampleRound next(qint64 timeMs)
    {
        const qint64 elapsedMs = m_lastMs ? timeMs - m_lastMs : 0;
        m_lastMs = timeMs;
        SampleRound round;
        round.timeMs = timeMs;
        round.durationMs = 200 + m_random.bounded(100);
        round.partitions.reserve(Topics * PartitionsPerTopic);
        for (int i = 0; i < Topics * PartitionsPerTopic; ++i) {
            Partition& partition = m_partitions[static_cast<size_t>(i)];
            if (partition.rate > 0 && elapsedMs > 0) {
                const qint64 expected = partition.rate * elapsedMs / 1000;
                const qint64 spread = static_cast<qint64>(std::sqrt(static_cast<double>(expected)));
                const qint64 messages = expected + m_random.bounded(2 * spread + 1) - spread;
                const qint64 sizeSpread = spread * partition.messageBytes / 2;
                partition.end += messages;
                partition.bytes
                    += messages * partition.messageBytes + m_random.bounded(2 * sizeSpread + 1) - sizeSpread;
                if (m_random.bounded(240) == 0) {
                    const qint64 dropped = std::min<qint64>(partition.end - partition.start, 200'000);
                    partition.start += dropped;
                    partition.bytes -= dropped * partition.messageBytes;
                }
            }
            round.partitions.append({ m_topics.at(i / PartitionsPerTopic), i % PartitionsPerTopic, partition.start,
                partition.end, partition.bytes });
        }
        round.commits.reserve(Groups * PartitionsPerTopic / 2);
        for (int group = 0; group < Groups; ++group) {
            const int topic = group / 2;
            const int first = (group % 2) * PartitionsPerTopic / 2;
            for (int p = first; p < first + PartitionsPerTopic / 2; ++p) {
                const Partition& partition = m_partitions[static_cast<size_t>(topic * PartitionsPerTopic + p)];
                const qint64 lag = partition.rate > 0 ? m_random.bounded(2 * partition.rate) : 0;
                round.commits.append({ m_groups.at(group), m_topics.at(topic), p, partition.end - lag });
            }
            const bool rebalancing = m_random.bounded(500) == 0;
            round.groupStates.insert(
                m_groups.at(group), rebalancing ? QStringLiteral("PreparingRebalance") : QStringLiteral("Stable"));
        }
        return round;
    }

private:
    struct Partition {
        qint64 start = 0;
        qint64 end = 0;
        qint64 bytes = 0;
        int rate = 0; // messages a second
        int messageBytes = 0;
    };

    QRandomGenerator m_random;
    QList<QString> m_topics;
    QList<QString> m_groups;
    std::vector<Partition> m_partitions;
    qint64 m_lastMs = 0;
};

} // namespace Samsa
