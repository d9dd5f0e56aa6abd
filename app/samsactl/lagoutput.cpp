#include "lagoutput.h"

#include "text/durationtext.h"
#include "texttable.h"

#include <QDateTime>
#include <QJsonArray>

namespace Samsa::Ctl {

namespace {

QString timeLagText(const TimeLag& timeLag)
{
    if (timeLag.ms)
        return durationText(*timeLag.ms);
    return timeLag.note.isEmpty() ? QStringLiteral("-") : timeLag.note;
}

QJsonValue optionalJson(const std::optional<double>& value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

void insertTimeLag(QJsonObject* object, const TimeLag& timeLag)
{
    object->insert(QStringLiteral("timeLagMs"), timeLag.ms ? QJsonValue(*timeLag.ms) : QJsonValue());
    if (!timeLag.note.isEmpty())
        object->insert(QStringLiteral("timeLagNote"), timeLag.note);
}

QString rateText(const std::optional<double>& rate)
{
    return rate ? QString::number(*rate, 'f', 1) : QStringLiteral("-");
}

} // namespace

QString lagText(const GroupMetrics& group, const MetricsSnapshot& snapshot)
{
    TextTable table({ QStringLiteral("TOPIC"), QStringLiteral("PARTITION"), QStringLiteral("COMMITTED"),
        QStringLiteral("END"), QStringLiteral("LAG"), QStringLiteral("TIME LAG"), QStringLiteral("CONSUMED/S"),
        QStringLiteral("HEALTH") });
    table.setNumericColumns({ 1, 2, 3, 4, 6 });
    for (const GroupPartitionMetrics& partition : group.partitions) {
        table.addRow({ partition.topic, QString::number(partition.partition), QString::number(partition.committed),
            partition.end < 0 ? QStringLiteral("-") : QString::number(partition.end), QString::number(partition.lag),
            timeLagText(partition.timeLag), rateText(partition.consumeRate), healthName(partition.health.health) });
    }
    QString text = table.toString();
    text += QStringLiteral("\nGroup %1 (%2): %3, total lag %4 over %5 partitions, time lag %6, consuming %7/s, %8\n")
                .arg(group.group, group.state.isEmpty() ? QStringLiteral("state unknown") : group.state,
                    healthName(group.health))
                .arg(group.lag)
                .arg(group.partitions.size())
                .arg(timeLagText(group.timeLag), rateText(group.consumeRate), clearEstimateText(group.clear));
    if (!group.healthReason.isEmpty())
        text += QStringLiteral("Health: %1\n").arg(group.healthReason);
    text += QStringLiteral("Derived from %1 sampling rounds (the app's recent history and one round now).\n")
                .arg(snapshot.rounds);
    return text;
}

QJsonObject lagJson(const GroupMetrics& group, const MetricsSnapshot& snapshot)
{
    QJsonArray partitions;
    for (const GroupPartitionMetrics& partition : group.partitions) {
        QJsonObject object { { QStringLiteral("topic"), partition.topic },
            { QStringLiteral("partition"), partition.partition }, { QStringLiteral("committed"), partition.committed },
            { QStringLiteral("end"), partition.end < 0 ? QJsonValue() : QJsonValue(partition.end) },
            { QStringLiteral("lag"), partition.lag }, { QStringLiteral("consumeRate"), optionalJson(partition.consumeRate) },
            { QStringLiteral("health"), healthName(partition.health.health) } };
        insertTimeLag(&object, partition.timeLag);
        if (!partition.health.reason.isEmpty())
            object.insert(QStringLiteral("healthReason"), partition.health.reason);
        partitions.append(object);
    }
    QJsonObject object { { QStringLiteral("group"), group.group }, { QStringLiteral("state"), group.state },
        { QStringLiteral("health"), healthName(group.health) }, { QStringLiteral("healthReason"), group.healthReason },
        { QStringLiteral("totalLag"), group.lag }, { QStringLiteral("consumeRate"), optionalJson(group.consumeRate) },
        { QStringLiteral("produceRate"), optionalJson(group.produceRate) },
        { QStringLiteral("timeToClear"), clearEstimateText(group.clear) },
        { QStringLiteral("sampledAt"),
            QDateTime::fromMSecsSinceEpoch(snapshot.timeMs, Qt::UTC).toString(Qt::ISODateWithMs) },
        { QStringLiteral("rounds"), snapshot.rounds }, { QStringLiteral("partitions"), partitions } };
    insertTimeLag(&object, group.timeLag);
    return object;
}

} // namespace Samsa::Ctl
