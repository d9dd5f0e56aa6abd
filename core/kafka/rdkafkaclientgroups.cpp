// RdKafkaClient's consumer-group requests: ListConsumerGroups, DescribeConsumerGroups and
// ListConsumerGroupOffsets (all in librdkafka 2.0.2), plus watermarks for the lag.

#include "rdkafkaadminrequest.h"
#include "rdkafkaclient.h"

#include <QMap>
#include <algorithm>

namespace Samsa {

namespace {

QString stateName(rd_kafka_consumer_group_state_t state)
{
    return QString::fromUtf8(rd_kafka_consumer_group_state_name(state));
}

QString eventError(rd_kafka_event_t* event)
{
    const char* text = rd_kafka_event_error_string(event);
    return text && *text ? QString::fromUtf8(text) : QString::fromUtf8(rd_kafka_err2str(rd_kafka_event_error(event)));
}

QString errorText(const rd_kafka_error_t* error) { return QString::fromUtf8(rd_kafka_error_string(error)); }

const QString TimedOut = QStringLiteral("The cluster did not answer in time.");

} // namespace

GroupListResult RdKafkaClient::listGroups(int timeoutMs, const CancelCheck& isCancelled)
{
    GroupListResult result;
    AdminRequest request(m_handle, RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS, timeoutMs);
    QElapsedTimer timer;
    timer.start();
    rd_kafka_ListConsumerGroups(m_handle, request.options(), request.queue());
    rd_kafka_event_t* event = request.next(isCancelled, timer);
    if (!event) {
        result.error = TimedOut;
        return result;
    }
    if (rd_kafka_event_error(event)) {
        result.error = eventError(event);
    } else {
        const rd_kafka_ListConsumerGroups_result_t* answer = rd_kafka_event_ListConsumerGroups_result(event);
        size_t count = 0;
        const rd_kafka_ConsumerGroupListing_t** groups = rd_kafka_ListConsumerGroups_result_valid(answer, &count);
        for (size_t i = 0; i < count; ++i) {
            result.groups.append({ QString::fromUtf8(rd_kafka_ConsumerGroupListing_group_id(groups[i])),
                stateName(rd_kafka_ConsumerGroupListing_state(groups[i])),
                rd_kafka_ConsumerGroupListing_is_simple_consumer_group(groups[i]) != 0 });
        }
        size_t errorCount = 0;
        const rd_kafka_error_t** errors = rd_kafka_ListConsumerGroups_result_errors(answer, &errorCount);
        if (errorCount > 0)
            result.error = errorText(errors[0]);
        std::sort(result.groups.begin(), result.groups.end(),
            [](const GroupListing& a, const GroupListing& b) { return a.id < b.id; });
    }
    rd_kafka_event_destroy(event);
    return result;
}

GroupDetail RdKafkaClient::describeGroup(const QString& groupId, int timeoutMs, const CancelCheck& isCancelled)
{
    GroupDetail detail;
    detail.id = groupId;
    const QByteArray id = groupId.toUtf8();
    QElapsedTimer timer;
    timer.start();

    // Members and their assignments.
    QMap<QPair<QString, int>, QString> owners;
    {
        AdminRequest request(m_handle, RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS, timeoutMs);
        const char* groups[] = { id.constData() };
        rd_kafka_DescribeConsumerGroups(m_handle, groups, 1, request.options(), request.queue());
        rd_kafka_event_t* event = request.next(isCancelled, timer);
        if (!event) {
            detail.error = TimedOut;
            return detail;
        }
        if (rd_kafka_event_error(event)) {
            detail.error = eventError(event);
            rd_kafka_event_destroy(event);
            return detail;
        }
        size_t count = 0;
        const rd_kafka_ConsumerGroupDescription_t** descriptions
            = rd_kafka_DescribeConsumerGroups_result_groups(rd_kafka_event_DescribeConsumerGroups_result(event), &count);
        if (count == 1) {
            const rd_kafka_ConsumerGroupDescription_t* description = descriptions[0];
            if (const rd_kafka_error_t* error = rd_kafka_ConsumerGroupDescription_error(description))
                detail.error = errorText(error);
            detail.state = stateName(rd_kafka_ConsumerGroupDescription_state(description));
            detail.assignor = QString::fromUtf8(rd_kafka_ConsumerGroupDescription_partition_assignor(description));
            if (const rd_kafka_Node_t* coordinator = rd_kafka_ConsumerGroupDescription_coordinator(description))
                detail.coordinatorId = rd_kafka_Node_id(coordinator);
            const size_t members = rd_kafka_ConsumerGroupDescription_member_count(description);
            for (size_t m = 0; m < members; ++m) {
                const rd_kafka_MemberDescription_t* member = rd_kafka_ConsumerGroupDescription_member(description, m);
                GroupMember info;
                info.memberId = QString::fromUtf8(rd_kafka_MemberDescription_consumer_id(member));
                info.clientId = QString::fromUtf8(rd_kafka_MemberDescription_client_id(member));
                const char* instance = rd_kafka_MemberDescription_group_instance_id(member);
                info.instanceId = instance ? QString::fromUtf8(instance) : QString();
                info.host = QString::fromUtf8(rd_kafka_MemberDescription_host(member));
                const rd_kafka_topic_partition_list_t* partitions
                    = rd_kafka_MemberAssignment_partitions(rd_kafka_MemberDescription_assignment(member));
                for (int p = 0; partitions && p < partitions->cnt; ++p) {
                    const QPair<QString, int> key { QString::fromUtf8(partitions->elems[p].topic),
                        int(partitions->elems[p].partition) };
                    info.assignment.append(key);
                    owners.insert(key, info.memberId);
                }
                detail.members.append(info);
            }
        } else {
            detail.error = QStringLiteral("The cluster did not describe group %1.").arg(groupId);
        }
        rd_kafka_event_destroy(event);
        if (!detail.error.isEmpty())
            return detail;
    }

    // Committed offsets of every partition the group has committed for.
    {
        AdminRequest request(m_handle, RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS, timeoutMs);
        rd_kafka_ListConsumerGroupOffsets_t* offsetsRequest = rd_kafka_ListConsumerGroupOffsets_new(id.constData(), nullptr);
        rd_kafka_ListConsumerGroupOffsets(m_handle, &offsetsRequest, 1, request.options(), request.queue());
        rd_kafka_ListConsumerGroupOffsets_destroy(offsetsRequest);
        rd_kafka_event_t* event = request.next(isCancelled, timer);
        if (!event) {
            detail.error = TimedOut;
            return detail;
        }
        if (rd_kafka_event_error(event)) {
            detail.error = eventError(event);
        } else {
            size_t count = 0;
            const rd_kafka_group_result_t** groups = rd_kafka_ListConsumerGroupOffsets_result_groups(
                rd_kafka_event_ListConsumerGroupOffsets_result(event), &count);
            for (size_t g = 0; g < count; ++g) {
                if (const rd_kafka_error_t* error = rd_kafka_group_result_error(groups[g])) {
                    detail.error = errorText(error);
                    continue;
                }
                const rd_kafka_topic_partition_list_t* partitions = rd_kafka_group_result_partitions(groups[g]);
                for (int p = 0; partitions && p < partitions->cnt; ++p) {
                    const rd_kafka_topic_partition_t& partition = partitions->elems[p];
                    if (partition.err)
                        continue;
                    GroupPartitionOffset offset;
                    offset.topic = QString::fromUtf8(partition.topic);
                    offset.partition = int(partition.partition);
                    offset.committed = partition.offset >= 0 ? partition.offset : -1;
                    owners.remove({ offset.topic, offset.partition }); // seen
                    detail.offsets.append(offset);
                }
            }
        }
        rd_kafka_event_destroy(event);
    }
    // Assigned partitions without a commit yet still belong in the table.
    for (auto it = owners.cbegin(); it != owners.cend(); ++it)
        detail.offsets.append({ it.key().first, it.key().second, -1, -1, {} });
    for (GroupPartitionOffset& offset : detail.offsets) {
        for (const GroupMember& member : std::as_const(detail.members)) {
            if (member.assignment.contains(qMakePair(offset.topic, offset.partition)))
                offset.memberId = member.memberId;
        }
    }
    std::sort(detail.offsets.begin(), detail.offsets.end(), [](const GroupPartitionOffset& a, const GroupPartitionOffset& b) {
        return a.topic != b.topic ? a.topic < b.topic : a.partition < b.partition;
    });

    // High watermarks for the lag.
    QList<TopicInfo> topics;
    for (const GroupPartitionOffset& offset : std::as_const(detail.offsets)) {
        if (topics.isEmpty() || topics.last().name != offset.topic)
            topics.append(TopicInfo { offset.topic, false, {}, {} });
        PartitionInfo partition;
        partition.partition = offset.partition;
        topics.last().partitions.append(partition);
    }
    if (!topics.isEmpty() && !(isCancelled && isCancelled())) {
        const int remaining = std::max(1000, timeoutMs - int(timer.elapsed()));
        const WatermarksResult watermarks = fetchWatermarks(topics, remaining, isCancelled);
        for (const TopicWatermarks& topic : watermarks.watermarks) {
            for (GroupPartitionOffset& offset : detail.offsets) {
                if (offset.topic == topic.topic && topic.partitions.contains(offset.partition))
                    offset.highWatermark = topic.partitions.value(offset.partition).second;
            }
        }
    }
    return detail;
}

RdKafkaClient::CommittedOffsetsResult RdKafkaClient::committedOffsets(
    const QStringList& groupIds, int timeoutMs, const CancelCheck& isCancelled)
{
    CommittedOffsetsResult result;
    if (groupIds.isEmpty())
        return result;
    AdminRequest request(m_handle, RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS, timeoutMs);
    for (const QString& groupId : groupIds) {
        const QByteArray id = groupId.toUtf8();
        rd_kafka_ListConsumerGroupOffsets_t* offsetsRequest = rd_kafka_ListConsumerGroupOffsets_new(id.constData(), nullptr);
        rd_kafka_ListConsumerGroupOffsets(m_handle, &offsetsRequest, 1, request.options(), request.queue());
        rd_kafka_ListConsumerGroupOffsets_destroy(offsetsRequest);
    }
    QElapsedTimer timer;
    timer.start();
    for (qsizetype answered = 0; answered < groupIds.size(); ++answered) {
        rd_kafka_event_t* event = request.next(isCancelled, timer);
        if (!event) {
            result.errors.append(QStringLiteral("%1 of %2 groups did not give their offsets in time.")
                                     .arg(groupIds.size() - answered)
                                     .arg(groupIds.size()));
            break;
        }
        if (rd_kafka_event_error(event)) {
            result.errors.append(eventError(event));
            rd_kafka_event_destroy(event);
            continue;
        }
        size_t count = 0;
        const rd_kafka_group_result_t** groups = rd_kafka_ListConsumerGroupOffsets_result_groups(
            rd_kafka_event_ListConsumerGroupOffsets_result(event), &count);
        for (size_t g = 0; g < count; ++g) {
            const QString groupId = QString::fromUtf8(rd_kafka_group_result_name(groups[g]));
            if (const rd_kafka_error_t* error = rd_kafka_group_result_error(groups[g])) {
                result.errors.append(QStringLiteral("%1: %2").arg(groupId, errorText(error)));
                continue;
            }
            QList<GroupPartitionOffset>& offsets = result.groups[groupId];
            const rd_kafka_topic_partition_list_t* partitions = rd_kafka_group_result_partitions(groups[g]);
            for (int p = 0; partitions && p < partitions->cnt; ++p) {
                const rd_kafka_topic_partition_t& partition = partitions->elems[p];
                if (partition.err || partition.offset < 0)
                    continue;
                GroupPartitionOffset offset;
                offset.topic = QString::fromUtf8(partition.topic);
                offset.partition = int(partition.partition);
                offset.committed = partition.offset;
                offsets.append(offset);
            }
        }
        rd_kafka_event_destroy(event);
    }
    return result;
}

} // namespace Samsa
