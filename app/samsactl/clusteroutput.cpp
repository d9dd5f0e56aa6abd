#include "clusteroutput.h"

#include "texttable.h"

#include <QJsonArray>

namespace Samsa::Ctl {

namespace {

QString numberText(qint64 value) { return value < 0 ? QStringLiteral("-") : QString::number(value); }
QJsonValue numberJson(qint64 value) { return value < 0 ? QJsonValue() : QJsonValue(value); }

QString idList(const QList<int>& ids)
{
    QStringList parts;
    for (int id : ids)
        parts.append(QString::number(id));
    return parts.join(QLatin1Char(','));
}

QJsonArray idArray(const QList<int>& ids)
{
    QJsonArray array;
    for (int id : ids)
        array.append(id);
    return array;
}

int underReplicated(const TopicInfo& topic)
{
    return int(std::count_if(topic.partitions.cbegin(), topic.partitions.cend(),
        [](const PartitionInfo& partition) { return partition.isUnderReplicated(); }));
}

int offline(const TopicInfo& topic)
{
    return int(std::count_if(topic.partitions.cbegin(), topic.partitions.cend(),
        [](const PartitionInfo& partition) { return partition.isOffline(); }));
}

QString yesNo(bool value) { return value ? QStringLiteral("yes") : QStringLiteral("no"); }

} // namespace

QString brokersText(const ClusterMetadata& metadata)
{
    TextTable table({ QStringLiteral("ID"), QStringLiteral("HOST"), QStringLiteral("PORT"), QStringLiteral("RACK"),
        QStringLiteral("CONTROLLER") });
    table.setNumericColumns({ 0, 2 });
    for (const BrokerInfo& broker : metadata.brokers) {
        table.addRow({ QString::number(broker.id), broker.host, QString::number(broker.port), broker.rack,
            broker.id == metadata.controllerId ? QStringLiteral("yes") : QString() });
    }
    return table.toString();
}

QJsonObject brokersJson(const ClusterMetadata& metadata)
{
    QJsonArray brokers;
    for (const BrokerInfo& broker : metadata.brokers) {
        brokers.append(QJsonObject { { QStringLiteral("id"), broker.id }, { QStringLiteral("host"), broker.host },
            { QStringLiteral("port"), broker.port }, { QStringLiteral("rack"), broker.rack },
            { QStringLiteral("controller"), broker.id == metadata.controllerId } });
    }
    return { { QStringLiteral("clusterId"), metadata.clusterId },
        { QStringLiteral("controllerId"), metadata.controllerId }, { QStringLiteral("brokers"), brokers } };
}

QString topicsText(const ClusterMetadata& metadata)
{
    TextTable table({ QStringLiteral("TOPIC"), QStringLiteral("PARTITIONS"), QStringLiteral("REPLICATION"),
        QStringLiteral("MESSAGES"), QStringLiteral("UNDER-REPLICATED"), QStringLiteral("OFFLINE"),
        QStringLiteral("ERROR") });
    table.setNumericColumns({ 1, 2, 3, 4, 5 });
    for (const TopicInfo& topic : metadata.topics) {
        table.addRow({ topic.name, QString::number(topic.partitions.size()),
            QString::number(topic.replicationFactor()), numberText(topic.messageCount()),
            QString::number(underReplicated(topic)), QString::number(offline(topic)), topic.error });
    }
    return table.toString();
}

QJsonObject topicsJson(const ClusterMetadata& metadata)
{
    QJsonArray topics;
    for (const TopicInfo& topic : metadata.topics) {
        topics.append(QJsonObject { { QStringLiteral("name"), topic.name },
            { QStringLiteral("internal"), topic.internal },
            { QStringLiteral("partitions"), int(topic.partitions.size()) },
            { QStringLiteral("replicationFactor"), topic.replicationFactor() },
            { QStringLiteral("messages"), numberJson(topic.messageCount()) },
            { QStringLiteral("underReplicated"), underReplicated(topic) },
            { QStringLiteral("offline"), offline(topic) }, { QStringLiteral("error"), topic.error } });
    }
    return { { QStringLiteral("clusterId"), metadata.clusterId }, { QStringLiteral("topics"), topics } };
}

QString topicText(const TopicInfo& topic)
{
    TextTable table({ QStringLiteral("PARTITION"), QStringLiteral("LEADER"), QStringLiteral("REPLICAS"),
        QStringLiteral("ISR"), QStringLiteral("LOW"), QStringLiteral("HIGH"), QStringLiteral("MESSAGES"),
        QStringLiteral("ERROR") });
    table.setNumericColumns({ 0, 1, 4, 5, 6 });
    for (const PartitionInfo& partition : topic.partitions) {
        table.addRow({ QString::number(partition.partition),
            partition.isOffline() ? QStringLiteral("none") : QString::number(partition.leader),
            idList(partition.replicas), idList(partition.inSyncReplicas), numberText(partition.lowWatermark),
            numberText(partition.highWatermark), numberText(partition.messageCount()), partition.error });
    }
    QString header = QStringLiteral("Topic: %1\nPartitions: %2  Replication: %3  Messages: %4\n")
                         .arg(topic.name)
                         .arg(topic.partitions.size())
                         .arg(topic.replicationFactor())
                         .arg(numberText(topic.messageCount()));
    if (!topic.error.isEmpty())
        header += QStringLiteral("Error: %1\n").arg(topic.error);
    return header + QLatin1Char('\n') + table.toString();
}

QJsonObject topicJson(const TopicInfo& topic)
{
    QJsonArray partitions;
    for (const PartitionInfo& partition : topic.partitions) {
        partitions.append(QJsonObject { { QStringLiteral("partition"), partition.partition },
            { QStringLiteral("leader"), partition.leader }, { QStringLiteral("replicas"), idArray(partition.replicas) },
            { QStringLiteral("isr"), idArray(partition.inSyncReplicas) },
            { QStringLiteral("low"), numberJson(partition.lowWatermark) },
            { QStringLiteral("high"), numberJson(partition.highWatermark) },
            { QStringLiteral("messages"), numberJson(partition.messageCount()) },
            { QStringLiteral("offline"), partition.isOffline() },
            { QStringLiteral("underReplicated"), partition.isUnderReplicated() },
            { QStringLiteral("error"), partition.error } });
    }
    return { { QStringLiteral("name"), topic.name }, { QStringLiteral("internal"), topic.internal },
        { QStringLiteral("replicationFactor"), topic.replicationFactor() },
        { QStringLiteral("messages"), numberJson(topic.messageCount()) }, { QStringLiteral("error"), topic.error },
        { QStringLiteral("partitions"), partitions } };
}

QString configsText(const ConfigResult& result)
{
    TextTable table({ QStringLiteral("NAME"), QStringLiteral("VALUE"), QStringLiteral("SOURCE"),
        QStringLiteral("READ-ONLY") });
    for (const ConfigEntry& entry : result.entries) {
        table.addRow({ entry.name, entry.isSensitive ? QStringLiteral("(sensitive)") : entry.value,
            configSourceName(entry.source), yesNo(entry.isReadOnly) });
    }
    return table.toString();
}

QJsonObject configsJson(const ConfigResult& result)
{
    QJsonArray entries;
    for (const ConfigEntry& entry : result.entries) {
        entries.append(QJsonObject { { QStringLiteral("name"), entry.name },
            { QStringLiteral("value"), entry.isSensitive ? QJsonValue() : QJsonValue(entry.value) },
            { QStringLiteral("source"), configSourceName(entry.source) },
            { QStringLiteral("default"), entry.isDefault }, { QStringLiteral("sensitive"), entry.isSensitive },
            { QStringLiteral("readOnly"), entry.isReadOnly } });
    }
    const QString type
        = result.resource.type == ConfigResourceType::Topic ? QStringLiteral("topic") : QStringLiteral("broker");
    return { { QStringLiteral("type"), type }, { QStringLiteral("name"), result.resource.name },
        { QStringLiteral("entries"), entries } };
}

QString profilesText(const QList<ConnectionProfile>& profiles)
{
    TextTable table({ QStringLiteral("NAME"), QStringLiteral("BOOTSTRAP"), QStringLiteral("SECURITY") });
    for (const ConnectionProfile& profile : profiles)
        table.addRow({ profile.name, profile.bootstrapServers, securityProtocolName(profile.securityProtocol) });
    return table.toString();
}

QJsonObject profilesJson(const QList<ConnectionProfile>& profiles)
{
    QJsonArray array;
    for (const ConnectionProfile& profile : profiles) {
        QJsonObject object { { QStringLiteral("id"), profile.id }, { QStringLiteral("name"), profile.name },
            { QStringLiteral("bootstrapServers"), profile.bootstrapServers },
            { QStringLiteral("securityProtocol"), securityProtocolName(profile.securityProtocol) } };
        if (usesSasl(profile.securityProtocol)) {
            object.insert(QStringLiteral("saslMechanism"), saslMechanismName(profile.saslMechanism));
            object.insert(QStringLiteral("saslUsername"), profile.saslUsername);
        }
        if (!profile.schemaRegistryUrl.isEmpty())
            object.insert(QStringLiteral("schemaRegistryUrl"), profile.schemaRegistryUrl);
        array.append(object);
    }
    return { { QStringLiteral("profiles"), array } };
}

} // namespace Samsa::Ctl
