#include "topicactionoutput.h"

#include "texttable.h"

#include <QJsonArray>

namespace Samsa::Ctl {

namespace {

QJsonValue errorJson(const QString& error)
{
    return error.isEmpty() ? QJsonValue() : QJsonValue(error);
}

} // namespace

QString topicActionText(const QString& verb, const TopicActionResult& result)
{
    QString out;
    if (!result.topics.isEmpty()) {
        TextTable table({ QStringLiteral("TOPIC"), QStringLiteral("RESULT") });
        for (const TopicOutcome& outcome : result.topics)
            table.addRow({ outcome.topic, outcome.error.isEmpty() ? verb : outcome.error });
        out += table.toString();
    }
    if (!result.partitions.isEmpty()) {
        TextTable table({ QStringLiteral("TOPIC"), QStringLiteral("PARTITION"), QStringLiteral("START"),
            QStringLiteral("RESULT") });
        table.setNumericColumns({ 1, 2 });
        for (const PartitionPurgeOutcome& outcome : result.partitions)
            table.addRow({ outcome.topic, QString::number(outcome.partition),
                outcome.lowWatermark >= 0 ? QString::number(outcome.lowWatermark) : QStringLiteral("-"),
                outcome.error.isEmpty() ? verb : outcome.error });
        out += table.toString();
    }
    return out;
}

QJsonObject topicActionJson(const QString& verb, const TopicActionResult& result)
{
    QJsonArray topics;
    for (const TopicOutcome& outcome : result.topics)
        topics.append(QJsonObject { { QStringLiteral("topic"), outcome.topic },
            { QStringLiteral("ok"), outcome.error.isEmpty() }, { QStringLiteral("error"), errorJson(outcome.error) } });
    QJsonObject out { { QStringLiteral("action"), verb }, { QStringLiteral("ok"), result.ok() },
        { QStringLiteral("error"), errorJson(result.error) }, { QStringLiteral("topics"), topics } };
    if (!result.partitions.isEmpty()) {
        QJsonArray partitions;
        for (const PartitionPurgeOutcome& outcome : result.partitions)
            partitions.append(QJsonObject { { QStringLiteral("topic"), outcome.topic },
                { QStringLiteral("partition"), outcome.partition },
                { QStringLiteral("start"),
                    outcome.lowWatermark >= 0 ? QJsonValue(outcome.lowWatermark) : QJsonValue() },
                { QStringLiteral("ok"), outcome.error.isEmpty() },
                { QStringLiteral("error"), errorJson(outcome.error) } });
        out.insert(QStringLiteral("partitions"), partitions);
    }
    return out;
}

} // namespace Samsa::Ctl
