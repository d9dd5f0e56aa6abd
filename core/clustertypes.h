#pragma once

// Plain value types describing a cluster. Workers fill them; models and widgets read them.

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>

namespace Samsa {

struct BrokerInfo {
    int id = -1;
    QString host;
    int port = 0;
    QString rack; // empty when unknown or not set
};

struct PartitionInfo {
    int partition = -1;
    int leader = -1; // -1: offline
    QList<int> replicas;
    QList<int> inSyncReplicas;
    QString error; // per-partition error from metadata, empty when fine
    // Watermarks: -1 until they have been queried.
    qint64 lowWatermark = -1;
    qint64 highWatermark = -1;

    bool isOffline() const { return leader < 0; }
    bool isUnderReplicated() const { return inSyncReplicas.size() < replicas.size(); }
    qint64 messageCount() const
    {
        return (lowWatermark >= 0 && highWatermark >= lowWatermark) ? highWatermark - lowWatermark : -1;
    }
};

struct TopicInfo {
    QString name;
    bool internal = false;
    QString error; // topic-level error from metadata
    QList<PartitionInfo> partitions;

    int replicationFactor() const { return partitions.isEmpty() ? 0 : int(partitions.first().replicas.size()); }
    // Sum of high minus low watermarks; -1 while any partition's watermarks are unknown.
    qint64 messageCount() const;
};

struct ClusterMetadata {
    QString clusterId;
    int controllerId = -1;
    QList<BrokerInfo> brokers;
    QList<TopicInfo> topics;
    QDateTime receivedAt;

    int partitionCount() const;
    int underReplicatedCount() const;
    int offlineCount() const;
};

// Watermarks of every partition of a topic, keyed by partition id: {low, high}.
struct TopicWatermarks {
    QString topic;
    QHash<int, QPair<qint64, qint64>> partitions;
};

enum class ConfigResourceType { Topic, Broker };

struct ConfigResource {
    ConfigResourceType type = ConfigResourceType::Topic;
    QString name; // topic name or broker id as text
    bool operator==(const ConfigResource&) const = default;
};

enum class ConfigSource { Unknown, DynamicTopic, DynamicBroker, DynamicDefaultBroker, StaticBroker, Default, Other };

// DescribeConfigs' ConfigType (v3+); Unknown where the answer has none (librdkafka 2.0.2).
enum class ConfigValueType { Unknown, Boolean, String, Int, Short, Long, Double, List, Class, Password };

struct ConfigEntry {
    QString name;
    QString value; // empty when sensitive (the broker does not send it)
    bool isDefault = false;
    bool isSensitive = false;
    bool isReadOnly = false;
    ConfigSource source = ConfigSource::Unknown;
    // The value without the entry's own setting, from the synonyms after it (a topic override's
    // broker or built-in value); null when the broker sent no such synonym.
    // (Initialized here so that brace lists naming only the fields before stay warning-free.)
    QString defaultValue {};
    ConfigValueType type = ConfigValueType::Unknown;
    QString documentation {}; // DescribeConfigs v3+ with IncludeDocumentation only
};

struct ConfigResult {
    ConfigResource resource;
    QList<ConfigEntry> entries;
    QString error; // empty on success
};

// Outcome of "Test connection".
struct ConnectionTestResult {
    bool ok = false;
    int brokerCount = 0;
    qint64 latencyMs = 0;
    QString clusterId;
    QString error; // librdkafka's own text when it failed
};

QString configSourceName(ConfigSource source);

} // namespace Samsa

Q_DECLARE_METATYPE(Samsa::ClusterMetadata)
Q_DECLARE_METATYPE(Samsa::TopicWatermarks)
Q_DECLARE_METATYPE(Samsa::ConfigResult)
Q_DECLARE_METATYPE(Samsa::ConnectionTestResult)
