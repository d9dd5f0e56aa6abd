#include "api/requestscope.h"
#include "common/errors.h"
#include "storage/brokerconfig.h"
#include "storage/logmanager.h"

#include <algorithm>

namespace samsa::broker::api {

namespace {

struct RequestedTopic {
    std::optional<std::string> name;
    TopicId id {};
};

void writeBroker(protocol::ByteWriter& out, const BrokerContext& broker, int32_t nodeId, int16_t v, bool flexible)
{
    out.writeInt32(nodeId);
    out.writeString(flexible, broker.advertisedHost);
    out.writeInt32(broker.advertisedPort);
    if (v >= 1)
        out.writeNullableString(flexible, std::nullopt); // rack
    if (flexible)
        out.writeEmptyTaggedFields();
}

void writeTopic(protocol::ByteWriter& out, int16_t v, bool flexible, ErrorCode error,
    const std::optional<std::string>& name, const TopicId& id, bool internal, int32_t partitions, int32_t nodeId)
{
    out.writeInt16(static_cast<int16_t>(error));
    if (v >= 12)
        out.writeNullableString(flexible, name);
    else
        out.writeString(flexible, name.value_or(std::string()));
    if (v >= 10)
        out.writeUuid(id.data());
    if (v >= 1)
        out.writeBool(internal);
    out.writeArrayLength(flexible, partitions);
    for (int32_t p = 0; p < partitions; ++p) {
        out.writeInt16(0);
        out.writeInt32(p);
        out.writeInt32(nodeId); // leader
        if (v >= 7)
            out.writeInt32(0); // leader epoch
        out.writeArrayLength(flexible, 1);
        out.writeInt32(nodeId); // replicas
        out.writeArrayLength(flexible, 1);
        out.writeInt32(nodeId); // isr
        if (v >= 5)
            out.writeArrayLength(flexible, 0); // offline replicas
        if (flexible)
            out.writeEmptyTaggedFields();
    }
    if (v >= 8)
        out.writeInt32(INT32_MIN); // topic authorized operations: not computed
    if (flexible)
        out.writeEmptyTaggedFields();
}

} // namespace

HandlerStatus handleMetadata(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    const int16_t v = scope.version();
    const bool flexible = v >= 9;
    // Topics: v0 empty = all; v1+ null = all, empty = none.
    const int32_t count = in.readArrayLength(flexible);
    const bool all = (v == 0 && count == 0) || count < 0;
    std::vector<RequestedTopic> requested;
    for (int32_t i = 0; i < count && in.ok(); ++i) {
        RequestedTopic t;
        if (v >= 10) {
            in.readUuid(t.id.data());
            t.name = in.readNullableString(flexible);
        } else {
            t.name = in.readString(flexible);
        }
        if (flexible)
            in.skipTaggedFields();
        requested.push_back(std::move(t));
    }
    bool allowAutoCreate = true;
    if (v >= 4)
        allowAutoCreate = in.readBool();
    if (v >= 8 && v <= 10)
        in.readBool(); // include cluster authorized operations
    if (v >= 8)
        in.readBool(); // include topic authorized operations
    if (flexible)
        in.skipTaggedFields();
    if (!in.ok())
        return HandlerStatus::Malformed;

    LogManager& logs = scope.broker.logs;
    const int32_t nodeId = logs.nodeId();
    if (v >= 3)
        out.writeInt32(0); // throttle
    out.writeArrayLength(flexible, 1);
    writeBroker(out, scope.broker, nodeId, v, flexible);
    if (v >= 2)
        out.writeNullableString(flexible, logs.clusterId());
    if (v >= 1)
        out.writeInt32(nodeId); // controller

    if (all) {
        const auto topics = logs.topics();
        out.writeArrayLength(flexible, static_cast<int32_t>(topics.size()));
        for (const auto& t : topics)
            writeTopic(out, v, flexible, ErrorCode::None, t.name, t.id, t.internal, t.partitionCount, nodeId);
    } else {
        out.writeArrayLength(flexible, static_cast<int32_t>(requested.size()));
        for (const auto& r : requested) {
            std::optional<TopicDescription> topic;
            if (r.name) {
                topic = logs.topic(*r.name);
                if (!topic && allowAutoCreate && scope.broker.config.autoCreateTopics) {
                    std::string message;
                    if (!LogManager::isValidTopicName(*r.name, &message)) {
                        writeTopic(
                            out, v, flexible, ErrorCode::InvalidTopicException, r.name, TopicId {}, false, 0, nodeId);
                        continue;
                    }
                    const auto created = logs.createTopic(*r.name, -1, {}, false);
                    (void)created; // a concurrent creation is as good as ours
                    topic = logs.topic(*r.name);
                }
                if (!topic) {
                    writeTopic(out, v, flexible, ErrorCode::UnknownTopicOrPartition, r.name, r.id, false, 0, nodeId);
                    continue;
                }
            } else {
                topic = logs.topicById(r.id);
                if (!topic) {
                    writeTopic(out, v, flexible, ErrorCode::UnknownTopicId, std::nullopt, r.id, false, 0, nodeId);
                    continue;
                }
            }
            writeTopic(out, v, flexible, ErrorCode::None, topic->name, topic->id, topic->internal,
                topic->partitionCount, nodeId);
        }
    }
    if (v >= 8 && v <= 10)
        out.writeInt32(INT32_MIN); // cluster authorized operations
    if (flexible)
        out.writeEmptyTaggedFields();
    return HandlerStatus::Respond;
}

} // namespace samsa::broker::api
