#include "groupoutput.h"

#include "texttable.h"

#include <QJsonArray>

namespace Samsa::Ctl {

namespace {

QString numberText(qint64 value) { return value < 0 ? QStringLiteral("-") : QString::number(value); }
QJsonValue numberJson(qint64 value) { return value < 0 ? QJsonValue() : QJsonValue(value); }

QJsonArray offsetsJson(const GroupDetail& detail, bool withMember)
{
    QJsonArray offsets;
    for (const GroupPartitionOffset& offset : detail.offsets) {
        QJsonObject object { { QStringLiteral("topic"), offset.topic }, { QStringLiteral("partition"), offset.partition },
            { QStringLiteral("committed"), numberJson(offset.committed) },
            { QStringLiteral("end"), numberJson(offset.highWatermark) }, { QStringLiteral("lag"), numberJson(offset.lag()) } };
        if (withMember)
            object.insert(QStringLiteral("memberId"), offset.memberId.isEmpty() ? QJsonValue() : QJsonValue(offset.memberId));
        offsets.append(object);
    }
    return offsets;
}

TextTable offsetsTable(const GroupDetail& detail, bool withMember)
{
    QStringList header { QStringLiteral("TOPIC"), QStringLiteral("PARTITION"), QStringLiteral("COMMITTED"),
        QStringLiteral("END"), QStringLiteral("LAG") };
    if (withMember)
        header.append(QStringLiteral("MEMBER"));
    TextTable table(header);
    table.setNumericColumns({ 1, 2, 3, 4 });
    for (const GroupPartitionOffset& offset : detail.offsets) {
        QStringList row { offset.topic, QString::number(offset.partition), numberText(offset.committed),
            numberText(offset.highWatermark), numberText(offset.lag()) };
        if (withMember)
            row.append(offset.memberId);
        table.addRow(row);
    }
    return table;
}


} // namespace

bool groupIsUnknown(const GroupDetail& detail)
{
    return detail.state.compare(QLatin1String("Dead"), Qt::CaseInsensitive) == 0 && detail.members.isEmpty()
        && detail.offsets.isEmpty();
}

QString groupsText(const GroupListResult& result)
{
    TextTable table({ QStringLiteral("GROUP"), QStringLiteral("STATE"), QStringLiteral("TYPE") });
    for (const GroupListing& group : result.groups)
        table.addRow({ group.id, group.state, group.isSimple ? QStringLiteral("simple") : QStringLiteral("consumer") });
    return table.toString();
}

QJsonObject groupsJson(const GroupListResult& result)
{
    QJsonArray groups;
    for (const GroupListing& group : result.groups) {
        groups.append(QJsonObject { { QStringLiteral("id"), group.id }, { QStringLiteral("state"), group.state },
            { QStringLiteral("simple"), group.isSimple } });
    }
    return { { QStringLiteral("groups"), groups } };
}

QString groupDetailText(const GroupDetail& detail)
{
    QString text = QStringLiteral("Group: %1\nState: %2  Assignor: %3  Coordinator: %4  Members: %5  Lag: %6\n")
                       .arg(detail.id, detail.state, detail.assignor.isEmpty() ? QStringLiteral("-") : detail.assignor,
                           numberText(detail.coordinatorId))
                       .arg(detail.members.size())
                       .arg(detail.totalLag());
    if (!detail.members.isEmpty()) {
        TextTable members({ QStringLiteral("MEMBER"), QStringLiteral("CLIENT"), QStringLiteral("INSTANCE"),
            QStringLiteral("HOST"), QStringLiteral("ASSIGNMENT") });
        for (const GroupMember& member : detail.members) {
            QStringList assignment;
            for (const auto& [topic, partition] : member.assignment)
                assignment.append(QStringLiteral("%1:%2").arg(topic).arg(partition));
            members.addRow({ member.memberId, member.clientId, member.instanceId, member.host,
                assignment.join(QLatin1Char(',')) });
        }
        text += QLatin1Char('\n') + members.toString();
    }
    if (!detail.offsets.isEmpty())
        text += QLatin1Char('\n') + offsetsTable(detail, true).toString();
    return text;
}

QJsonObject groupDetailJson(const GroupDetail& detail)
{
    QJsonArray members;
    for (const GroupMember& member : detail.members) {
        QJsonArray assignment;
        for (const auto& [topic, partition] : member.assignment)
            assignment.append(QJsonObject { { QStringLiteral("topic"), topic }, { QStringLiteral("partition"), partition } });
        members.append(QJsonObject { { QStringLiteral("memberId"), member.memberId },
            { QStringLiteral("clientId"), member.clientId },
            { QStringLiteral("instanceId"), member.instanceId.isEmpty() ? QJsonValue() : QJsonValue(member.instanceId) },
            { QStringLiteral("host"), member.host }, { QStringLiteral("assignment"), assignment } });
    }
    return { { QStringLiteral("id"), detail.id }, { QStringLiteral("state"), detail.state },
        { QStringLiteral("assignor"), detail.assignor }, { QStringLiteral("coordinatorId"), numberJson(detail.coordinatorId) },
        { QStringLiteral("members"), members }, { QStringLiteral("offsets"), offsetsJson(detail, true) },
        { QStringLiteral("totalLag"), detail.totalLag() } };
}

} // namespace Samsa::Ctl
