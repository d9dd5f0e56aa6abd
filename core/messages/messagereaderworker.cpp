#include "messagereaderworker.h"

#include "murmur2partitioner.h"
#include "readplanner.h"
#include "recordconsumer.h"

#include <QHash>
#include <QLocale>
#include <algorithm>

namespace Samsa {

namespace {

QString joinNumbers(const QList<int>& numbers)
{
    QStringList texts;
    for (int number : numbers)
        texts.append(QString::number(number));
    return texts.join(QStringLiteral(", "));
}

QString limitReached(qint64 limit)
{
    return QStringLiteral("limit of %1 reached").arg(QLocale(QLocale::English).toString(limit));
}

} // namespace

MessageReaderWorker::MessageReaderWorker(
    const QList<QPair<QString, QString>>& properties, std::shared_ptr<ReaderControl> control)
    : m_properties(properties)
    , m_control(std::move(control))
{
}

MessageReaderWorker::~MessageReaderWorker() = default; // destroys the consumer on the worker's thread

void MessageReaderWorker::run(const ReadRequest& request)
{
    m_clock.start();
    ReadPlan plan;
    QString error;
    const bool prepared = prepare(request, &plan, &error);
    if (stopRequested()) {
        m_consumer.reset();
        Q_EMIT finished(QStringLiteral("stopped"));
        return;
    }
    if (!prepared) {
        fail(error);
        return;
    }
    Q_EMIT planned(plan);
    readLoop(request, plan);
    m_consumer.reset();
}

void MessageReaderWorker::fail(const QString& error)
{
    m_consumer.reset();
    Q_EMIT failed(error);
}

bool MessageReaderWorker::prepare(const ReadRequest& request, ReadPlan* plan, QString* error)
{
    if (request.topic.isEmpty()) {
        *error = QStringLiteral("No topic to read.");
        return false;
    }
    m_consumer = RecordConsumer::create(m_properties, error);
    if (!m_consumer)
        return false;
    const CancelCheck stop = [this] { return stopRequested(); };
    const RecordConsumer::TopicLayout layout = m_consumer->topicLayout(request.topic, request.timeoutMs, stop);
    if (!layout.ok) {
        *error = layout.error;
        return false;
    }

    QStringList notes;
    QList<int> chosen;
    if (request.findKey) {
        const int count = request.keyPartitionCount > 0 ? request.keyPartitionCount : int(layout.partitions.size());
        const int partition = Murmur2Partitioner::partitionFor(*request.findKey, count);
        notes.append(Murmur2Partitioner::explain(*request.findKey, count));
        if (count != layout.partitions.size()) {
            notes.append(QStringLiteral("topic '%1' has %2 partitions now; the key was hashed over %3 as asked")
                             .arg(request.topic)
                             .arg(layout.partitions.size())
                             .arg(count));
        }
        chosen.append(partition);
    } else if (!request.partitions.isEmpty()) {
        chosen = request.partitions;
        std::sort(chosen.begin(), chosen.end());
        chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
    } else {
        chosen = layout.partitions;
    }
    for (int partition : std::as_const(chosen)) {
        if (!layout.partitions.contains(partition)) {
            *error = QStringLiteral("Partition %1 does not exist in topic '%2' (it has %3 partitions).")
                         .arg(partition)
                         .arg(request.topic)
                         .arg(layout.partitions.size());
            return false;
        }
    }
    QList<int> offline;
    for (int partition : std::as_const(layout.offline)) {
        if (chosen.removeAll(partition))
            offline.append(partition);
    }
    if (!offline.isEmpty()) {
        if (chosen.isEmpty()) {
            *error = QStringLiteral("Partition(s) %1 of '%2' are offline (no leader); nothing can be read.")
                         .arg(joinNumbers(offline), request.topic);
            return false;
        }
        notes.append(
            QStringLiteral("partition(s) %1 are offline (no leader) and are not read").arg(joinNumbers(offline)));
    }

    QList<PartitionWatermarks> marks;
    if (!m_consumer->watermarks(request.topic, chosen, request.timeoutMs, &marks, error))
        return false;
    QHash<int, qint64> lookedUp;
    if (request.start == ReadStart::Timestamp
        && !m_consumer->offsetsForTime(request.topic, chosen, request.timestampMs, request.timeoutMs, &lookedUp, error))
        return false;
    if (request.start == ReadStart::GroupOffsets) {
        if (request.groupId.isEmpty()) {
            *error = QStringLiteral("No consumer group given to start from.");
            return false;
        }
        if (!m_consumer->committedOffsets(
                request.groupId, request.topic, chosen, request.timeoutMs, stop, &lookedUp, error))
            return false;
    }
    *plan = ReadPlanner::plan(request, marks, lookedUp);
    plan->notes = notes + plan->notes;
    return true;
}

void MessageReaderWorker::readLoop(const ReadRequest& request, ReadPlan plan)
{
    m_partitions = plan.partitions;
    m_rateSamples.append({ m_clock.elapsed(), 0 });
    m_lastProgressMs = m_clock.elapsed();
    QHash<int, qsizetype> indexOf;
    QList<PartitionProgress> toAssign;
    for (qsizetype index = 0; index < m_partitions.size(); ++index) {
        indexOf.insert(m_partitions.at(index).partition, index);
        if (!m_partitions.at(index).done)
            toAssign.append(m_partitions.at(index));
    }
    const bool live = request.liveTail;
    const qint64 limit = request.maxMessages;
    const auto allDone = [this] {
        return std::all_of(
            m_partitions.cbegin(), m_partitions.cend(), [](const PartitionProgress& p) { return p.done; });
    };

    QString reason;
    QString error;
    if (!live && allDone()) {
        reason = QStringLiteral("reached end");
    } else if (!m_consumer->assign(request.topic, toAssign, &error)) {
        fail(error);
        return;
    }
    qint64 downSinceMs = -1;
    bool lost = false;
    while (reason.isEmpty()) {
        if (stopRequested()) {
            reason = QStringLiteral("stopped");
            break;
        }
        RecordConsumer::Batch batch;
        m_consumer->poll(100, 1000, &batch);
        for (KafkaRecord& record : batch.records) {
            const auto found = indexOf.constFind(record.partition);
            if (found == indexOf.constEnd())
                continue;
            PartitionProgress& partition = m_partitions[found.value()];
            // A fetch repeated after a reconnect must not show a record twice.
            if (record.offset < partition.position)
                continue;
            if (!live && (partition.done || record.offset >= partition.end)) {
                if (!partition.done) {
                    partition.done = true;
                    m_consumer->pause(request.topic, partition.partition);
                }
                continue; // produced after the read started
            }
            partition.position = record.offset + 1;
            ++m_scanned;
            if (!live && partition.position >= partition.end) {
                partition.done = true;
                m_consumer->pause(request.topic, partition.partition);
            }
            if (request.findKey && request.onlyMatchingKey && record.key != request.findKey)
                continue;
            m_pending.append(std::move(record));
            ++m_loaded;
            if (limit > 0 && m_loaded >= limit) {
                reason = limitReached(limit);
                break;
            }
        }
        if (!reason.isEmpty())
            break;
        if (!batch.error.isEmpty()) {
            flushRecords();
            sendProgress(request);
            fail(batch.error);
            return;
        }
        for (const auto& [partitionId, offset] : std::as_const(batch.endsReached)) {
            const auto found = indexOf.constFind(partitionId);
            if (found == indexOf.constEnd())
                continue;
            PartitionProgress& partition = m_partitions[found.value()];
            partition.position = std::max(partition.position, offset);
            // Nothing more to read now: without live tail the partition is finished, even when its
            // log ends short of the end seen at the start (truncated meanwhile), so no read hangs.
            if (!live && !partition.done) {
                partition.done = true;
                m_consumer->pause(request.topic, partition.partition);
            }
        }
        if (!live && allDone()) {
            reason = QStringLiteral("reached end");
            break;
        }

        const qint64 now = m_clock.elapsed();
        if (m_consumer->allBrokersDown()) {
            if (downSinceMs < 0) {
                downSinceMs = now;
            } else if (now - downSinceMs >= reconnectGraceMs) {
                if (!m_consumer->reachable(request.topic, 1000)) {
                    flushRecords();
                    sendProgress(request);
                    const QString cause = m_consumer->lastTransportError();
                    if (!live) {
                        fail(QStringLiteral("Lost the connection to the cluster while reading '%1'%2")
                                 .arg(request.topic, cause.isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + cause));
                        return;
                    }
                    // A tail keeps its consumer and positions: librdkafka reconnects by itself and
                    // fetching goes on from the next offset of each partition.
                    if (!lost) {
                        lost = true;
                        Q_EMIT connectionChanged(true, cause);
                    }
                    downSinceMs = m_clock.elapsed();
                } else {
                    downSinceMs = -1;
                }
            }
        } else {
            downSinceMs = -1;
        }
        if (lost && downSinceMs < 0) {
            lost = false;
            Q_EMIT connectionChanged(false, QString());
        }
        if (m_pending.size() >= batchRecords || (!m_pending.isEmpty() && now - m_lastFlushMs >= batchIntervalMs))
            flushRecords();
        if (now - m_lastProgressMs >= progressIntervalMs)
            sendProgress(request);
    }
    flushRecords();
    sendProgress(request);
    m_consumer.reset();
    Q_EMIT finished(reason);
}

void MessageReaderWorker::flushRecords()
{
    m_lastFlushMs = m_clock.elapsed();
    if (m_pending.isEmpty())
        return;
    Q_EMIT recordsReady(m_pending);
    m_pending = QList<KafkaRecord>();
    m_pending.reserve(batchRecords);
}

void MessageReaderWorker::sendProgress(const ReadRequest& request)
{
    const qint64 now = m_clock.elapsed();
    m_lastProgressMs = now;
    m_rateSamples.append({ now, m_scanned });
    // The rate over the last two seconds: a live tail's rate follows the topic, not the backlog.
    while (m_rateSamples.size() > 2 && now - m_rateSamples.first().first > 2000)
        m_rateSamples.removeFirst();
    ReadProgress progress;
    progress.loaded = m_loaded;
    progress.scanned = m_scanned;
    progress.elapsedMs = now;
    const qint64 spanMs = now - m_rateSamples.first().first;
    progress.rate = spanMs > 0 ? double(m_scanned - m_rateSamples.first().second) * 1000.0 / double(spanMs) : 0;
    if (request.liveTail && m_consumer) {
        for (PartitionProgress& partition : m_partitions) {
            const qint64 high = m_consumer->cachedHighWatermark(request.topic, partition.partition);
            if (high >= 0)
                partition.end = high;
        }
    }
    progress.partitions = m_partitions;
    Q_EMIT this->progress(progress);
}

} // namespace Samsa
