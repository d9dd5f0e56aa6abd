#include "api/requestscope.h"
#include "common/errors.h"
#include "group/groupcoordinator.h"
#include "storage/brokerconfig.h"
#include "storage/logmanager.h"

#include <set>

namespace samsa::broker::api {

namespace {

std::optional<std::string> messageOrNull(ErrorCode error, const std::string& message)
{
    if (error == ErrorCode::None || message.empty())
        return std::nullopt;
    return message;
}

struct CreatableTopic {
    std::string name;
    int32_t partitions = -1;
    int16_t replicationFactor = -1;
    int32_t assignmentCount = 0;
    bool badAssignment = false;
    ConfigMap configs;
};

} // namespace

HandlerStatus handleCreateTopics(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    const int16_t v = scope.version();
    const bool flexible = v >= 5;
    LogManager& logs = scope.broker.logs;
    const int32_t nodeId = logs.nodeId();
    std::vector<CreatableTopic> topics;
    const int32_t count = in.readArrayLength(flexible);
    for (int32_t i = 0; i < count && in.ok(); ++i) {
        CreatableTopic t;
        t.name = in.readString(flexible);
        t.partitions = in.readInt32();
        t.replicationFactor = in.readInt16();
        const int32_t assignments = in.readArrayLength(flexible);
        for (int32_t a = 0; a < assignments && in.ok(); ++a) {
            in.readInt32(); // partition index
            const int32_t brokers = in.readArrayLength(flexible);
            for (int32_t b = 0; b < brokers && in.ok(); ++b) {
                if (in.readInt32() != nodeId)
                    t.badAssignment = true;
            }
            if (brokers != 1)
                t.badAssignment = true;
            if (flexible)
                in.skipTaggedFields();
        }
        t.assignmentCount = std::max(assignments, 0);
        const int32_t configs = in.readArrayLength(flexible);
        for (int32_t c = 0; c < configs && in.ok(); ++c) {
            std::string name = in.readString(flexible);
            auto value = in.readNullableString(flexible);
            if (flexible)
                in.skipTaggedFields();
            if (value)
                t.configs[name] = *value;
        }
        if (flexible)
            in.skipTaggedFields();
        topics.push_back(std::move(t));
    }
    in.readInt32(); // timeout
    bool validateOnly = false;
    if (v >= 1)
        validateOnly = in.readBool();
    if (flexible)
        in.skipTaggedFields();
    if (!in.ok())
        return HandlerStatus::Malformed;

    std::multiset<std::string> names;
    for (const auto& t : topics)
        names.insert(t.name);

    if (v >= 2)
        out.writeInt32(0); // throttle
    out.writeArrayLength(flexible, static_cast<int32_t>(topics.size()));
    for (const auto& t : topics) {
        TopicResult result;
        int32_t partitions = t.partitions;
        if (names.count(t.name) > 1) {
            result = { ErrorCode::InvalidRequest, "Duplicate topic name in the request: " + t.name };
        } else if (t.assignmentCount > 0 && (t.partitions != -1 || t.replicationFactor != -1)) {
            result = { ErrorCode::InvalidRequest,
                "Both numPartitions or replicationFactor and replicasAssignments were set." };
        } else if (t.badAssignment) {
            result = { ErrorCode::InvalidReplicaAssignment,
                "Every partition must have exactly one replica, on broker " + std::to_string(nodeId) + "." };
        } else if (t.replicationFactor != -1 && t.replicationFactor != 1) {
            result = { ErrorCode::InvalidReplicationFactor,
                "Unable to replicate the partition " + std::to_string(t.replicationFactor)
                    + " time(s): The target replication factor of " + std::to_string(t.replicationFactor)
                    + " cannot be reached because only 1 broker(s) are registered." };
        } else if (t.partitions == 0 || t.partitions < -1) {
            result = { ErrorCode::InvalidPartitions, "Number of partitions must be larger than 0." };
        } else {
            if (t.assignmentCount > 0)
                partitions = t.assignmentCount;
            if (partitions == -1)
                partitions = scope.broker.config.numPartitions;
            result = logs.createTopic(t.name, partitions, t.configs, validateOnly);
        }
        const bool ok = result.error == ErrorCode::None;
        out.writeString(flexible, t.name);
        if (v >= 7) {
            TopicId id {};
            if (ok && !validateOnly) {
                if (auto d = logs.topic(t.name))
                    id = d->id;
            }
            out.writeUuid(id.data());
        }
        out.writeInt16(static_cast<int16_t>(result.error));
        if (v >= 1)
            out.writeNullableString(flexible, messageOrNull(result.error, result.message));
        if (v >= 5) {
            out.writeInt32(ok ? partitions : -1);
            out.writeInt16(ok ? 1 : -1);
            if (ok) {
                const auto configs = TopicConfig::describe(t.configs, scope.broker.config);
                out.writeArrayLength(flexible, static_cast<int32_t>(configs.size()));
                for (const auto& c : configs) {
                    out.writeString(flexible, c.name);
                    out.writeNullableString(flexible, c.sensitive ? std::nullopt : c.value);
                    out.writeBool(c.readOnly);
                    out.writeInt8(static_cast<int8_t>(c.source));
                    out.writeBool(c.sensitive);
                    out.writeEmptyTaggedFields();
                }
            } else {
                out.writeArrayLength(flexible, -1);
            }
            out.writeEmptyTaggedFields();
        }
    }
    if (flexible)
        out.writeEmptyTaggedFields();
    return HandlerStatus::Respond;
}

HandlerStatus handleDeleteTopics(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    const int16_t v = scope.version();
    const bool flexible = v >= 4;
    LogManager& logs = scope.broker.logs;
    struct Target {
        std::optional<std::string> name;
        TopicId id {};
    };
    std::vector<Target> targets;
    const int32_t count = in.readArrayLength(flexible);
    for (int32_t i = 0; i < count && in.ok(); ++i) {
        Target t;
        if (v >= 6) {
            t.name = in.readNullableString(flexible);
            in.readUuid(t.id.data());
            in.skipTaggedFields();
        } else {
            t.name = in.readString(flexible);
        }
        targets.push_back(std::move(t));
    }
    in.readInt32(); // timeout
    if (flexible)
        in.skipTaggedFields();
    if (!in.ok())
        return HandlerStatus::Malformed;

    if (v >= 1)
        out.writeInt32(0); // throttle
    out.writeArrayLength(flexible, static_cast<int32_t>(targets.size()));
    for (auto& t : targets) {
        TopicResult result;
        if (!t.name) {
            if (auto d = logs.topicById(t.id))
                t.name = d->name;
            else
                result = { ErrorCode::UnknownTopicId, "Topic id not found." };
        } else if (auto d = logs.topic(*t.name)) {
            t.id = d->id;
        }
        if (t.name && result.error == ErrorCode::None) {
            result = logs.deleteTopic(*t.name);
            if (result.error == ErrorCode::None)
                scope.broker.groups->removeOffsetsOfTopic(*t.name);
        }
        if (v >= 6)
            out.writeNullableString(flexible, t.name);
        else
            out.writeString(flexible, t.name.value_or(std::string()));
        if (v >= 6)
            out.writeUuid(t.id.data());
        out.writeInt16(static_cast<int16_t>(result.error));
        if (v >= 5)
            out.writeNullableString(flexible, messageOrNull(result.error, result.message));
        if (flexible)
            out.writeEmptyTaggedFields();
    }
    if (flexible)
        out.writeEmptyTaggedFields();
    return HandlerStatus::Respond;
}

HandlerStatus handleCreatePartitions(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    const int16_t v = scope.version();
    const bool flexible = v >= 2;
    struct Change {
        std::string name;
        int32_t count = 0;
    };
    std::vector<Change> changes;
    const int32_t topicCount = in.readArrayLength(flexible);
    for (int32_t i = 0; i < topicCount && in.ok(); ++i) {
        Change c;
        c.name = in.readString(flexible);
        c.count = in.readInt32();
        const int32_t assignments = in.readArrayLength(flexible);
        for (int32_t a = 0; a < assignments && in.ok(); ++a) {
            const int32_t brokers = in.readArrayLength(flexible);
            for (int32_t b = 0; b < brokers && in.ok(); ++b)
                in.readInt32();
            if (flexible)
                in.skipTaggedFields();
        }
        if (flexible)
            in.skipTaggedFields();
        changes.push_back(std::move(c));
    }
    in.readInt32(); // timeout
    const bool validateOnly = in.readBool();
    if (flexible)
        in.skipTaggedFields();
    if (!in.ok())
        return HandlerStatus::Malformed;

    out.writeInt32(0); // throttle
    out.writeArrayLength(flexible, static_cast<int32_t>(changes.size()));
    for (const auto& c : changes) {
        const TopicResult result = scope.broker.logs.createPartitions(c.name, c.count, validateOnly);
        out.writeString(flexible, c.name);
        out.writeInt16(static_cast<int16_t>(result.error));
        out.writeNullableString(flexible, messageOrNull(result.error, result.message));
        if (flexible)
            out.writeEmptyTaggedFields();
    }
    if (flexible)
        out.writeEmptyTaggedFields();
    return HandlerStatus::Respond;
}

} // namespace samsa::broker::api
