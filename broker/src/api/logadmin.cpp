#include "api/requestscope.h"
#include "common/errors.h"
#include "storage/logmanager.h"

#include <map>
#include <set>

namespace samsa::broker::api {

HandlerStatus handleDeleteRecords(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    const bool flexible = scope.version() >= 2;
    LogManager& logs = scope.broker.logs;
    struct PartitionAnswer {
        int32_t index = 0;
        DeleteRecordsResult result;
    };
    struct TopicAnswer {
        std::string name;
        std::vector<PartitionAnswer> partitions;
    };
    std::vector<TopicAnswer> answers;
    const int32_t topicCount = in.readArrayLength(flexible);
    for (int32_t t = 0; t < topicCount && in.ok(); ++t) {
        TopicAnswer topic;
        topic.name = in.readString(flexible);
        const int32_t partitionCount = in.readArrayLength(flexible);
        for (int32_t p = 0; p < partitionCount && in.ok(); ++p) {
            PartitionAnswer answer;
            answer.index = in.readInt32();
            const int64_t offset = in.readInt64();
            if (flexible)
                in.skipTaggedFields();
            if (!in.ok())
                break;
            if (auto log = logs.partition(topic.name, answer.index)) {
                if (offset < -1)
                    answer.result = { ErrorCode::OffsetOutOfRange, -1 };
                else
                    answer.result = log->deleteRecordsBefore(offset);
            } else {
                answer.result = { ErrorCode::UnknownTopicOrPartition, -1 };
            }
            topic.partitions.push_back(answer);
        }
        if (flexible)
            in.skipTaggedFields();
        answers.push_back(std::move(topic));
    }
    in.readInt32(); // timeout
    if (flexible)
        in.skipTaggedFields();
    if (!in.ok())
        return HandlerStatus::Malformed;

    out.writeInt32(0); // throttle
    out.writeArrayLength(flexible, static_cast<int32_t>(answers.size()));
    for (const auto& topic : answers) {
        out.writeString(flexible, topic.name);
        out.writeArrayLength(flexible, static_cast<int32_t>(topic.partitions.size()));
        for (const auto& p : topic.partitions) {
            out.writeInt32(p.index);
            out.writeInt64(p.result.logStartOffset);
            out.writeInt16(static_cast<int16_t>(p.result.error));
            if (flexible)
                out.writeEmptyTaggedFields();
        }
        if (flexible)
            out.writeEmptyTaggedFields();
    }
    if (flexible)
        out.writeEmptyTaggedFields();
    return HandlerStatus::Respond;
}

HandlerStatus handleDescribeLogDirs(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    const int16_t v = scope.version();
    const bool flexible = v >= 2;
    // Which partitions to describe: null = all.
    std::optional<std::map<std::string, std::set<int32_t>>> wanted;
    const int32_t count = in.readArrayLength(flexible);
    if (count >= 0) {
        wanted.emplace();
        for (int32_t i = 0; i < count && in.ok(); ++i) {
            std::string topic = in.readString(flexible);
            auto& partitions = (*wanted)[topic];
            const int32_t n = in.readArrayLength(flexible);
            for (int32_t p = 0; p < n && in.ok(); ++p)
                partitions.insert(in.readInt32());
            if (flexible)
                in.skipTaggedFields();
        }
    }
    if (flexible)
        in.skipTaggedFields();
    if (!in.ok())
        return HandlerStatus::Malformed;

    const auto dirs = scope.broker.logs.logDirs();
    out.writeInt32(0); // throttle
    if (v >= 3)
        out.writeInt16(0);
    out.writeArrayLength(flexible, static_cast<int32_t>(dirs.size()));
    for (const auto& dir : dirs) {
        std::map<std::string, std::vector<const LogDirPartition*>> byTopic;
        for (const auto& p : dir.partitions) {
            if (wanted) {
                auto it = wanted->find(p.topic);
                if (it == wanted->end() || !it->second.contains(p.partition))
                    continue;
            }
            byTopic[p.topic].push_back(&p);
        }
        out.writeInt16(static_cast<int16_t>(dir.error));
        out.writeString(flexible, dir.path);
        out.writeArrayLength(flexible, static_cast<int32_t>(byTopic.size()));
        for (const auto& [topic, partitions] : byTopic) {
            out.writeString(flexible, topic);
            out.writeArrayLength(flexible, static_cast<int32_t>(partitions.size()));
            for (const auto* p : partitions) {
                out.writeInt32(p->partition);
                out.writeInt64(p->sizeBytes);
                out.writeInt64(0); // offset lag
                out.writeBool(false);
                if (flexible)
                    out.writeEmptyTaggedFields();
            }
            if (flexible)
                out.writeEmptyTaggedFields();
        }
        if (v >= 4) {
            out.writeInt64(dir.totalBytes);
            out.writeInt64(dir.usableBytes);
        }
        if (flexible)
            out.writeEmptyTaggedFields();
    }
    if (flexible)
        out.writeEmptyTaggedFields();
    return HandlerStatus::Respond;
}

} // namespace samsa::broker::api
