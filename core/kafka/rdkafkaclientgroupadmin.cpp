// RdKafkaClient's consumer-group administration: the facts behind an offset reset preview, and
// AlterConsumerGroupOffsets, DeleteGroups and DeleteConsumerGroupOffsets (librdkafka 2.0.2).

#include "rdkafkaadminrequest.h"
#include "rdkafkaclient.h"

#include <QHash>

namespace Samsa {

namespace {

QString eventError(rd_kafka_event_t* event)
{
    const char* text = rd_kafka_event_error_string(event);
    return text && *text ? QString::fromUtf8(text) : QString::fromUtf8(rd_kafka_err2str(rd_kafka_event_error(event)));
}

const QString TimedOut = QStringLiteral("The cluster did not answer in time.");

QString partitionKey(const QString& topic, int partition)
{
    return topic + QLatin1Char('/') + QString::number(partition);
}

// Runs one admin request whose result is a list of group results; the first group's partitions
// (or its error) are handed to `onPartitions`.
bool runGroupRequest(rd_kafka_event_t* event, const QString& groupId, QString* error,
    const std::function<const rd_kafka_group_result_t**(rd_kafka_event_t*, size_t*)>& groupsOf,
    const std::function<void(const rd_kafka_topic_partition_list_t*)>& onPartitions)
{
    if (!event) {
        *error = TimedOut;
        return false;
    }
    if (rd_kafka_event_error(event)) {
        *error = eventError(event);
        rd_kafka_event_destroy(event);
        return false;
    }
    size_t count = 0;
    const rd_kafka_group_result_t** groups = groupsOf(event, &count);
    for (size_t g = 0; g < count; ++g) {
        if (const rd_kafka_error_t* groupError = rd_kafka_group_result_error(groups[g])) {
            *error = QStringLiteral("%1: %2").arg(groupId, QString::fromUtf8(rd_kafka_error_string(groupError)));
            continue;
        }
        onPartitions(rd_kafka_group_result_partitions(groups[g]));
    }
    rd_kafka_event_destroy(event);
    return error->isEmpty();
}

} // namespace

OffsetResetPlan RdKafkaClient::planOffsetReset(const OffsetResetRequest& request, int timeoutMs, const CancelCheck& isCancelled)
{
    const auto failed = [&request](const QString& error) {
        OffsetResetPlan plan;
        plan.request = request;
        plan.error = error;
        return plan;
    };
    const GroupDetail detail = describeGroup(request.group, timeoutMs, isCancelled);
    if (!detail.error.isEmpty())
        return failed(detail.error);

    // The partitions in scope: those of the topic (committed or not), or every committed one.
    QList<PartitionOffsetFacts> facts;
    QList<TopicInfo> topics;
    if (!request.topic.isEmpty()) {
        const MetadataResult metadata = fetchMetadata(timeoutMs, isCancelled);
        if (!metadata.ok)
            return failed(metadata.error);
        const auto topic = std::find_if(metadata.metadata.topics.cbegin(), metadata.metadata.topics.cend(),
            [&](const TopicInfo& info) { return info.name == request.topic; });
        if (topic == metadata.metadata.topics.cend() || topic->partitions.isEmpty())
            return failed(QStringLiteral("Topic \"%1\" does not exist.").arg(request.topic));
        TopicInfo scope { request.topic, false, {}, {} };
        for (const PartitionInfo& partition : topic->partitions) {
            if (!request.partitions.isEmpty() && !request.partitions.contains(partition.partition))
                continue;
            scope.partitions.append(partition);
            facts.append({ request.topic, partition.partition, -1, -1, -1, -1 });
        }
        for (int wanted : request.partitions) {
            if (std::none_of(topic->partitions.cbegin(), topic->partitions.cend(),
                    [wanted](const PartitionInfo& p) { return p.partition == wanted; }))
                return failed(QStringLiteral("Topic \"%1\" has no partition %2.").arg(request.topic).arg(wanted));
        }
        topics.append(scope);
    } else {
        for (const GroupPartitionOffset& offset : detail.offsets) {
            if (offset.committed < 0)
                continue;
            facts.append({ offset.topic, offset.partition, -1, -1, -1, -1 });
            if (topics.isEmpty() || topics.last().name != offset.topic)
                topics.append(TopicInfo { offset.topic, false, {}, {} });
            PartitionInfo partition;
            partition.partition = offset.partition;
            topics.last().partitions.append(partition);
        }
    }
    QHash<QString, qsizetype> index;
    for (qsizetype i = 0; i < facts.size(); ++i)
        index.insert(partitionKey(facts.at(i).topic, facts.at(i).partition), i);
    for (const GroupPartitionOffset& offset : detail.offsets) {
        const auto found = index.constFind(partitionKey(offset.topic, offset.partition));
        if (found != index.constEnd())
            facts[found.value()].committed = offset.committed;
    }

    const WatermarksResult marks = fetchWatermarks(topics, timeoutMs, isCancelled);
    if (!marks.error.isEmpty())
        return failed(marks.error);
    for (const TopicWatermarks& topic : marks.watermarks) {
        for (auto it = topic.partitions.cbegin(); it != topic.partitions.cend(); ++it) {
            const auto found = index.constFind(partitionKey(topic.topic, it.key()));
            if (found == index.constEnd())
                continue;
            facts[found.value()].start = it.value().first;
            facts[found.value()].end = it.value().second;
        }
    }
    if (request.target.kind == OffsetResetTarget::Kind::DateTime && !facts.isEmpty()) {
        rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(int(facts.size()));
        for (const PartitionOffsetFacts& fact : std::as_const(facts))
            rd_kafka_topic_partition_list_add(list, fact.topic.toUtf8().constData(), fact.partition)->offset
                = request.target.value;
        const rd_kafka_resp_err_t failure = rd_kafka_offsets_for_times(m_handle, list, timeoutMs);
        for (int i = 0; !failure && i < list->cnt; ++i) {
            const rd_kafka_topic_partition_t& entry = list->elems[i];
            const auto found = index.constFind(partitionKey(QString::fromUtf8(entry.topic), int(entry.partition)));
            if (found != index.constEnd() && !entry.err)
                facts[found.value()].atTime = entry.offset;
        }
        rd_kafka_topic_partition_list_destroy(list);
        if (failure)
            return failed(QStringLiteral("Looking up offsets by time: %1").arg(failureText(failure)));
    }
    return OffsetResetPlanner::plan(request, detail.state, int(detail.members.size()), facts);
}

bool RdKafkaClient::applyOffsetReset(OffsetResetPlan* plan, int timeoutMs, QString* error)
{
    if (!plan->canApply()) {
        *error = !plan->refusal.isEmpty() ? plan->refusal : plan->error.isEmpty() ? QStringLiteral("Nothing to apply.") : plan->error;
        return false;
    }
    rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(int(plan->rows.size()));
    QHash<QString, qsizetype> index;
    for (qsizetype i = 0; i < plan->rows.size(); ++i) {
        const OffsetResetRow& row = plan->rows.at(i);
        rd_kafka_topic_partition_list_add(list, row.topic.toUtf8().constData(), row.partition)->offset = row.target;
        index.insert(partitionKey(row.topic, row.partition), i);
    }
    const QByteArray group = plan->request.group.toUtf8();
    AdminRequest request(m_handle, RD_KAFKA_ADMIN_OP_ALTERCONSUMERGROUPOFFSETS, timeoutMs);
    rd_kafka_AlterConsumerGroupOffsets_t* alter = rd_kafka_AlterConsumerGroupOffsets_new(group.constData(), list);
    rd_kafka_topic_partition_list_destroy(list);
    rd_kafka_AlterConsumerGroupOffsets(m_handle, &alter, 1, request.options(), request.queue());
    rd_kafka_AlterConsumerGroupOffsets_destroy(alter);
    QElapsedTimer timer;
    timer.start();
    for (OffsetResetRow& row : plan->rows)
        row.result = QStringLiteral("no answer");
    const bool ok = runGroupRequest(
        request.next({}, timer), plan->request.group, error,
        [](rd_kafka_event_t* event, size_t* count) {
            return rd_kafka_AlterConsumerGroupOffsets_result_groups(rd_kafka_event_AlterConsumerGroupOffsets_result(event), count);
        },
        [&](const rd_kafka_topic_partition_list_t* partitions) {
            for (int p = 0; partitions && p < partitions->cnt; ++p) {
                const rd_kafka_topic_partition_t& entry = partitions->elems[p];
                const auto found = index.constFind(partitionKey(QString::fromUtf8(entry.topic), int(entry.partition)));
                if (found != index.constEnd())
                    plan->rows[found.value()].result = entry.err ? QString::fromUtf8(rd_kafka_err2str(entry.err)) : QString();
            }
        });
    if (ok) {
        for (const OffsetResetRow& row : std::as_const(plan->rows)) {
            if (!row.result.isEmpty()) {
                *error = QStringLiteral("%1-%2: %3").arg(row.topic).arg(row.partition).arg(row.result);
                return false;
            }
        }
    }
    return ok;
}

bool RdKafkaClient::deleteGroup(const QString& groupId, int timeoutMs, QString* error)
{
    const QByteArray id = groupId.toUtf8();
    AdminRequest request(m_handle, RD_KAFKA_ADMIN_OP_DELETEGROUPS, timeoutMs);
    rd_kafka_DeleteGroup_t* group = rd_kafka_DeleteGroup_new(id.constData());
    rd_kafka_DeleteGroups(m_handle, &group, 1, request.options(), request.queue());
    rd_kafka_DeleteGroup_destroy(group);
    QElapsedTimer timer;
    timer.start();
    return runGroupRequest(
        request.next({}, timer), groupId, error,
        [](rd_kafka_event_t* event, size_t* count) {
            return rd_kafka_DeleteGroups_result_groups(rd_kafka_event_DeleteGroups_result(event), count);
        },
        [](const rd_kafka_topic_partition_list_t*) {});
}

bool RdKafkaClient::deleteGroupOffsets(const QString& groupId, const QString& topic, int timeoutMs, QString* error)
{
    const MetadataResult metadata = fetchMetadata(timeoutMs, {});
    if (!metadata.ok) {
        *error = metadata.error;
        return false;
    }
    const auto info = std::find_if(metadata.metadata.topics.cbegin(), metadata.metadata.topics.cend(),
        [&](const TopicInfo& candidate) { return candidate.name == topic; });
    if (info == metadata.metadata.topics.cend()) {
        *error = QStringLiteral("Topic \"%1\" does not exist.").arg(topic);
        return false;
    }
    const QByteArray name = topic.toUtf8();
    rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(int(info->partitions.size()));
    for (const PartitionInfo& partition : info->partitions)
        rd_kafka_topic_partition_list_add(list, name.constData(), partition.partition);
    const QByteArray id = groupId.toUtf8();
    AdminRequest request(m_handle, RD_KAFKA_ADMIN_OP_DELETECONSUMERGROUPOFFSETS, timeoutMs);
    rd_kafka_DeleteConsumerGroupOffsets_t* deletion = rd_kafka_DeleteConsumerGroupOffsets_new(id.constData(), list);
    rd_kafka_topic_partition_list_destroy(list);
    rd_kafka_DeleteConsumerGroupOffsets(m_handle, &deletion, 1, request.options(), request.queue());
    rd_kafka_DeleteConsumerGroupOffsets_destroy(deletion);
    QElapsedTimer timer;
    timer.start();
    QStringList failures;
    const bool ok = runGroupRequest(
        request.next({}, timer), groupId, error,
        [](rd_kafka_event_t* event, size_t* count) {
            return rd_kafka_DeleteConsumerGroupOffsets_result_groups(
                rd_kafka_event_DeleteConsumerGroupOffsets_result(event), count);
        },
        [&](const rd_kafka_topic_partition_list_t* partitions) {
            for (int p = 0; partitions && p < partitions->cnt; ++p) {
                if (partitions->elems[p].err)
                    failures.append(QStringLiteral("%1-%2: %3")
                                        .arg(topic)
                                        .arg(partitions->elems[p].partition)
                                        .arg(QString::fromUtf8(rd_kafka_err2str(partitions->elems[p].err))));
            }
        });
    if (ok && !failures.isEmpty())
        *error = failures.join(QStringLiteral("; "));
    return ok && failures.isEmpty();
}

} // namespace Samsa
