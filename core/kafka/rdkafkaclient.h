#pragma once

// One librdkafka handle with RAII, used from a single worker thread. Every call blocks that thread
// for a bounded time and checks the caller's cancel predicate between short steps, so a cancelled
// session stops soon. Errors come back as values carrying librdkafka's own text.

#include "acls/acltypes.h"
#include "clustertypes.h"
#include "groups/grouptypes.h"
#include "groups/offsetreset.h"
#include "topics/topicadmintypes.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

struct rd_kafka_s;

namespace Samsa {

using CancelCheck = std::function<bool()>;

class RdKafkaClient {
public:
    ~RdKafkaClient();
    RdKafkaClient(const RdKafkaClient&) = delete;
    RdKafkaClient& operator=(const RdKafkaClient&) = delete;

    // Builds a producer handle (enough for metadata and admin requests). On failure returns null and
    // sets *error; a rejected property is named, its value never shown (it may be a secret).
    static std::unique_ptr<RdKafkaClient> create(const QList<QPair<QString, QString>>& properties, QString* error);

    struct MetadataResult {
        bool ok = false;
        bool cancelled = false;
        ClusterMetadata metadata; // without racks or watermarks
        QString error;
    };
    // Metadata of all topics, cluster id and controller id. Retries in short steps while no broker
    // is reachable, until timeoutMs has passed or isCancelled() says so.
    MetadataResult fetchMetadata(int timeoutMs, const CancelCheck& isCancelled);

    // Low and high watermarks of the given partitions in two ListOffsets round trips (earliest and
    // latest), grouped per leader by librdkafka. Partitions that fail are left out of the result.
    struct WatermarksResult {
        QList<TopicWatermarks> watermarks;
        QString error; // set when the whole request failed
    };
    // Each round trip blocks for at most timeoutMs; isCancelled() is checked between them.
    WatermarksResult fetchWatermarks(const QList<TopicInfo>& topics, int timeoutMs, const CancelCheck& isCancelled);

    // DescribeConfigs of one topic or broker.
    ConfigResult describeConfigs(const ConfigResource& resource, int timeoutMs, const CancelCheck& isCancelled);

    // broker.rack of each broker via DescribeConfigs; brokers whose answer failed are left out.
    // Returns false when the cluster does not answer DescribeConfigs at all (not supported or denied).
    bool fetchRacks(const QList<int>& brokerIds, int timeoutMs, const CancelCheck& isCancelled,
        QHash<int, QString>* racks);

    // ListConsumerGroups (every group the cluster knows, with its state).
    GroupListResult listGroups(int timeoutMs, const CancelCheck& isCancelled);
    // DescribeConsumerGroups plus ListConsumerGroupOffsets of one group, and the high watermarks of
    // its partitions, so that lag can be shown.
    GroupDetail describeGroup(const QString& groupId, int timeoutMs, const CancelCheck& isCancelled);

    // The committed offsets of many groups at once: librdkafka 2.0.2 takes one group per
    // ListConsumerGroupOffsets request, so all requests are sent before any answer is awaited.
    struct CommittedOffsetsResult {
        QHash<QString, QList<GroupPartitionOffset>> groups; // without highWatermark or member
        QStringList errors; // one line per group that failed
    };
    CommittedOffsetsResult committedOffsets(const QStringList& groupIds, int timeoutMs, const CancelCheck& isCancelled);

    // Group administration (rdkafkaclientgroupadmin.cpp). The preview of an offset reset: the group's
    // state and members, its committed offsets, the partitions in scope and their bounds.
    OffsetResetPlan planOffsetReset(const OffsetResetRequest& request, int timeoutMs, const CancelCheck& isCancelled);
    // AlterConsumerGroupOffsets with the plan's targets; each row's result is set. False with *error
    // when the request as a whole failed.
    bool applyOffsetReset(OffsetResetPlan* plan, int timeoutMs, QString* error);
    // DeleteGroups of one group (Kafka refuses a group with members).
    bool deleteGroup(const QString& groupId, int timeoutMs, QString* error);
    // DeleteConsumerGroupOffsets: the group's committed offsets of one topic (all its partitions).
    bool deleteGroupOffsets(const QString& groupId, const QString& topic, int timeoutMs, QString* error);

    // Topic administration (rdkafkaclienttopicadmin.cpp): each topic or partition gets its own outcome,
    // the request's error is set only when it failed as a whole.
    TopicActionResult createTopics(const QList<NewTopicSpec>& topics, int timeoutMs);
    TopicActionResult deleteTopics(const QStringList& topics, int timeoutMs);
    // CreatePartitions: grow the topic to newTotal partitions.
    TopicActionResult createPartitions(const QString& topic, int newTotal, int timeoutMs);
    // DeleteRecords; a request without partitions purges every partition of its topic to the end.
    TopicActionResult deleteRecords(const QList<PurgeRequest>& requests, int timeoutMs);
    // AlterConfigs of a topic: the given overrides become its whole set (librdkafka 2.0.2 has no
    // IncrementalAlterConfigs; the caller sends the overrides it wants to keep).
    TopicActionResult alterTopicConfigs(const QString& topic, const QList<QPair<QString, QString>>& overrides, int timeoutMs);
    // The same for a topic or a broker (its dynamic configs); the outcome is named after the resource.
    TopicActionResult alterConfigs(
        const ConfigResource& resource, const QList<QPair<QString, QString>>& values, int timeoutMs);

    // ACL administration (rdkafkaclientacladmin.cpp). describeAcls fills bindings; createAcls gives one
    // outcome per binding in the order given; deleteAcls fills bindings with the ACLs deleted and
    // filterErrors per refused filter. The request's error is set only when it failed as a whole.
    AclActionResult describeAcls(const AclFilter& filter, int timeoutMs);
    AclActionResult createAcls(const QList<AclBinding>& bindings, int timeoutMs);
    AclActionResult deleteAcls(const QList<AclFilter>& filters, int timeoutMs);

private:
    RdKafkaClient() = default;
    WatermarksResult fetchWatermarksOnce(const QList<TopicInfo>& topics, int timeoutMs, const CancelCheck& isCancelled);
    static void errorCallback(rd_kafka_s* handle, int error, const char* reason, void* opaque);
    QString failureText(int error) const;

    rd_kafka_s* m_handle = nullptr;
    QString m_lastReason; // last transport-level error librdkafka reported, for a readable failure
    int m_lastReasonCode = 0;
};

} // namespace Samsa
