#include "readplanner.h"

#include <QDateTime>
#include <algorithm>

namespace Samsa {

namespace {

QString partitionLabel(int partition)
{
    return QStringLiteral("partition %1").arg(partition);
}

// Keeps an asked-for offset inside the log, saying so when it was not.
qint64 clampToLog(const PartitionWatermarks& marks, qint64 asked, const QString& what, QStringList* notes)
{
    if (asked > marks.high) {
        notes->append(QStringLiteral("%1: %2 %3 is past the end (%4); reading starts at the end")
                          .arg(partitionLabel(marks.partition), what)
                          .arg(asked)
                          .arg(marks.high));
        return marks.high;
    }
    if (asked < marks.low) {
        notes->append(QStringLiteral("%1: %2 %3 is before the first offset still kept (%4); reading starts at %4")
                          .arg(partitionLabel(marks.partition), what)
                          .arg(asked)
                          .arg(marks.low));
        return marks.low;
    }
    return asked;
}

} // namespace

ReadPlan ReadPlanner::plan(
    const ReadRequest& request, const QList<PartitionWatermarks>& watermarks, const QHash<int, qint64>& lookedUp)
{
    ReadPlan plan;
    QStringList withoutCommit;
    QStringList withoutLaterRecord;
    for (const PartitionWatermarks& marks : watermarks) {
        qint64 start = marks.low;
        switch (request.start) {
        case ReadStart::Beginning:
            break;
        case ReadStart::LastPerPartition:
            start = std::max(marks.low, marks.high - std::max<qint64>(request.lastCount, 0));
            break;
        case ReadStart::Offset:
            start = clampToLog(marks, request.partitionOffsets.value(marks.partition, request.offset),
                QStringLiteral("offset"), &plan.notes);
            break;
        case ReadStart::Timestamp: {
            const qint64 found = lookedUp.value(marks.partition, -1);
            if (found < 0) {
                withoutLaterRecord.append(QString::number(marks.partition));
                start = marks.high;
            } else {
                start = clampToLog(marks, found, QStringLiteral("offset"), &plan.notes);
            }
            break;
        }
        case ReadStart::GroupOffsets: {
            const qint64 committed = lookedUp.value(marks.partition, -1);
            if (committed < 0) {
                withoutCommit.append(QString::number(marks.partition));
                start = marks.high;
            } else {
                start = clampToLog(marks, committed, QStringLiteral("committed offset"), &plan.notes);
            }
            break;
        }
        }
        PartitionProgress progress;
        progress.partition = marks.partition;
        progress.start = start;
        progress.position = start;
        progress.end = marks.high;
        progress.done = !request.liveTail && start >= marks.high;
        plan.partitions.append(progress);
    }
    if (!withoutLaterRecord.isEmpty()) {
        const QString time = QDateTime::fromMSecsSinceEpoch(request.timestampMs, Qt::UTC).toString(Qt::ISODateWithMs);
        plan.notes.append(QStringLiteral("no record at or after %1 in partition(s) %2; reading starts at their end")
                              .arg(time, withoutLaterRecord.join(QStringLiteral(", "))));
    }
    if (!withoutCommit.isEmpty()) {
        // As a new member would with auto.offset.reset=latest, Kafka's default.
        plan.notes.append(
            QStringLiteral("group \"%1\" has no committed offset for partition(s) %2; reading starts at their end")
                .arg(request.groupId, withoutCommit.join(QStringLiteral(", "))));
    }
    return plan;
}

} // namespace Samsa
