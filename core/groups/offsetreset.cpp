#include "offsetreset.h"

#include <QDateTime>
#include <algorithm>

namespace Samsa {

QString targetText(const OffsetResetTarget& target)
{
    switch (target.kind) {
    case OffsetResetTarget::Kind::Earliest:
        return QStringLiteral("earliest");
    case OffsetResetTarget::Kind::Latest:
        return QStringLiteral("latest");
    case OffsetResetTarget::Kind::DateTime:
        return QStringLiteral("date-time %1")
            .arg(QDateTime::fromMSecsSinceEpoch(target.value, Qt::UTC).toString(Qt::ISODateWithMs));
    case OffsetResetTarget::Kind::Offset:
        return QStringLiteral("offset %1").arg(target.value);
    case OffsetResetTarget::Kind::Shift:
        return QStringLiteral("shift by %1%2").arg(target.value >= 0 ? QStringLiteral("+") : QString()).arg(target.value);
    }
    return {};
}

OffsetResetPlan OffsetResetPlanner::plan(const OffsetResetRequest& request, const QString& groupState, int members,
    QList<PartitionOffsetFacts> facts)
{
    OffsetResetPlan plan;
    plan.request = request;
    plan.groupState = groupState;
    plan.members = members;
    std::sort(facts.begin(), facts.end(), [](const PartitionOffsetFacts& a, const PartitionOffsetFacts& b) {
        return a.topic != b.topic ? a.topic < b.topic : a.partition < b.partition;
    });
    for (const PartitionOffsetFacts& fact : std::as_const(facts)) {
        OffsetResetRow row;
        row.topic = fact.topic;
        row.partition = fact.partition;
        row.current = fact.committed;
        row.start = fact.start;
        row.end = fact.end;
        qint64 wanted = -1;
        switch (request.target.kind) {
        case OffsetResetTarget::Kind::Earliest:
            wanted = fact.start;
            break;
        case OffsetResetTarget::Kind::Latest:
            wanted = fact.end;
            break;
        case OffsetResetTarget::Kind::DateTime:
            wanted = fact.atTime >= 0 ? fact.atTime : fact.end;
            if (fact.atTime < 0)
                row.note = QStringLiteral("no record at or after the time: the end of the log");
            break;
        case OffsetResetTarget::Kind::Offset:
            wanted = request.target.value;
            break;
        case OffsetResetTarget::Kind::Shift:
            if (fact.committed < 0) {
                wanted = fact.start + request.target.value;
                row.note = QStringLiteral("nothing committed: shifted from the start of the log");
            } else {
                wanted = fact.committed + request.target.value;
            }
            break;
        }
        if (fact.start >= 0 && wanted < fact.start) {
            wanted = fact.start;
            row.note = QStringLiteral("clamped to the start of the log");
        } else if (fact.end >= 0 && wanted > fact.end) {
            wanted = fact.end;
            row.note = QStringLiteral("clamped to the end of the log");
        }
        row.target = wanted;
        plan.rows.append(row);
    }
    if (plan.rows.isEmpty()) {
        plan.error = request.topic.isEmpty()
            ? QStringLiteral("Group \"%1\" has no committed offsets to reset; choose a topic.").arg(request.group)
            : QStringLiteral("Nothing to reset in topic \"%1\".").arg(request.topic);
    }
    if (members > 0 || (groupState != QLatin1String("Empty") && groupState != QLatin1String("Dead")
            && !groupState.isEmpty())) {
        plan.refusal = QStringLiteral("Group \"%1\" is %2 with %3 member(s): offsets can only be reset while no "
                                      "consumer of the group runs. Stop its consumers and try again.")
                           .arg(request.group, groupState)
                           .arg(members);
    }
    return plan;
}

} // namespace Samsa
