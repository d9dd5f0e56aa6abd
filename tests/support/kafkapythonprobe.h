#pragma once

// What kafka-python 2.0.2 (an independent client) sees of a topic or broker: its configs through
// KafkaAdminClient.describe_configs and its messages through a KafkaConsumer, as JSON. Used by the
// topic administration tests to check the app's changes against a second client besides kcat.

#include "clientrun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Samsa::Test {

struct KafkaPythonConfig {
    QString value;
    int source = -1; // DescribeConfigs' ConfigSource: 1 topic override, 2 dynamic broker, 4 static, 5 default
    bool readOnly = false;
};

// name -> config of the topic ("topic") or broker ("broker", name = its id); empty with *error set
// when the client failed.
inline QHash<QString, KafkaPythonConfig> kafkaPythonConfigs(
    const QString& bootstrap, const QString& type, const QString& name, QString* error)
{
    static const QString script = QStringLiteral(R"(
import json, sys
from kafka.admin import KafkaAdminClient, ConfigResource, ConfigResourceType
admin = KafkaAdminClient(bootstrap_servers=sys.argv[1], request_timeout_ms=15000)
kind = ConfigResourceType.TOPIC if sys.argv[2] == "topic" else ConfigResourceType.BROKER
out = {}
for response in admin.describe_configs([ConfigResource(kind, sys.argv[3])]):
    for resource in response.resources:
        if resource[0] != 0:
            sys.exit("describe_configs error %r %r" % (resource[0], resource[1]))
        for entry in resource[4]:
            out[entry[0]] = [entry[1], entry[3], entry[2]]
admin.close()
print(json.dumps(out))
)");
    const ClientRun run
        = runClient(QStringLiteral("/usr/bin/python3"), { QStringLiteral("-c"), script, bootstrap, type, name });
    QHash<QString, KafkaPythonConfig> configs;
    const QJsonObject object
        = QJsonDocument::fromJson(run.output.trimmed().section(QLatin1Char('\n'), -1).toUtf8()).object();
    if (run.exitCode != 0 || object.isEmpty()) {
        *error = run.output;
        return configs;
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonArray entry = it.value().toArray();
        configs.insert(it.key(), { entry.at(0).toString(), entry.at(1).toInt(), entry.at(2).toBool() });
    }
    return configs;
}

struct KafkaPythonMessage {
    int partition = -1;
    qint64 offset = -1;
    QByteArray key;
    QByteArray value;
    qint64 timestamp = -1;
    QList<QPair<QString, QByteArray>> headers;
};

// Every message of the topic from the beginning (no group), in partition and offset order.
inline QList<KafkaPythonMessage> kafkaPythonMessages(const QString& bootstrap, const QString& topic, QString* error)
{
    static const QString script = QStringLiteral(R"(
import json, sys
from kafka import KafkaConsumer, TopicPartition
consumer = KafkaConsumer(bootstrap_servers=sys.argv[1], group_id=None, enable_auto_commit=False,
                         consumer_timeout_ms=3000)
partitions = [TopicPartition(sys.argv[2], p) for p in sorted(consumer.partitions_for_topic(sys.argv[2]) or [])]
consumer.assign(partitions)
consumer.seek_to_beginning()
ends = consumer.end_offsets(partitions)
out = []
while any(consumer.position(tp) < ends[tp] for tp in partitions):
    batch = consumer.poll(timeout_ms=2000)
    if not batch:
        break
    for tp, records in batch.items():
        for r in records:
            out.append({"partition": r.partition, "offset": r.offset, "timestamp": r.timestamp,
                        "key": (r.key or b"").hex(), "value": (r.value or b"").hex(),
                        "headers": [[k, (v or b"").hex()] for k, v in (r.headers or [])]})
out.sort(key=lambda m: (m["partition"], m["offset"]))
consumer.close()
print(json.dumps(out))
)");
    const ClientRun run
        = runClient(QStringLiteral("/usr/bin/python3"), { QStringLiteral("-c"), script, bootstrap, topic });
    QList<KafkaPythonMessage> messages;
    const QJsonDocument document
        = QJsonDocument::fromJson(run.output.trimmed().section(QLatin1Char('\n'), -1).toUtf8());
    if (run.exitCode != 0 || !document.isArray()) {
        *error = run.output;
        return messages;
    }
    for (const QJsonValue& item : document.array()) {
        const QJsonObject object = item.toObject();
        KafkaPythonMessage message;
        message.partition = object.value(QStringLiteral("partition")).toInt();
        message.offset = object.value(QStringLiteral("offset")).toInteger();
        message.timestamp = object.value(QStringLiteral("timestamp")).toInteger();
        message.key = QByteArray::fromHex(object.value(QStringLiteral("key")).toString().toLatin1());
        message.value = QByteArray::fromHex(object.value(QStringLiteral("value")).toString().toLatin1());
        for (const QJsonValue& header : object.value(QStringLiteral("headers")).toArray())
            message.headers.append({ header.toArray().at(0).toString(),
                QByteArray::fromHex(header.toArray().at(1).toString().toLatin1()) });
        messages.append(message);
    }
    return messages;
}

} // namespace Samsa::Test
