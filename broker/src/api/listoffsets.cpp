#include "api/requestscope.h"
#include "common/errors.h"
#include "storage/logmanager.h"

namespace samsa::broker::api {

namespace {
// Special timestamps of ListOffsets.
constexpr int64_t kLatest = -1;
constexpr int64_t kEarliest = -2;
constexpr int64_t kMaxTimestamp = -3;
constexpr int64_t kEarliestLocal = -4;
constexpr int64_t kLatestTiered = -5;

struct Answer {
    ErrorCode error = ErrorCode::None;
    int64_t timestamp = -1;
    int64_t offset = -1;
};

// The special timestamps each came with a request version (KIP-734: -3 from v7, KIP-405: -4 from
// v8, KIP-1005: -5 from v9); an older request means an ordinary time by them.
bool isSpecialAt(int64_t timestamp, int16_t version)
{
    switch (timestamp) {
    case kLatest:
    case kEarliest:
        return true;
    case kMaxTimestamp:
        return version >= 7;
    case kEarliestLocal:
        return version >= 8;
    case kLatestTiered:
        return version >= 9;
    default:
        return false;
    }
}

Answer lookup(const PartitionLog& log, int64_t timestamp, int16_t version)
{
    Answer a;
    if (isSpecialAt(timestamp, version)) {
        switch (timestamp) {
        case kLatest:
        case kLatestTiered:
            a.offset = log.highWatermark();
            return a;
        case kEarliest:
        case kEarliestLocal:
            a.offset = log.logStartOffset();
            return a;
        case kMaxTimestamp: {
            const auto max = log.maxTimestamp();
            a.offset = max.offset;
            a.timestamp = max.timestamp;
            return a;
        }
        default:
            break;
        }
    }
    // Any other time, negative ones included, is looked up as Kafka's log does: the first record
    // at or after it (for a negative time, the first record of the log).
    const auto found = log.offsetForTimestamp(timestamp);
    a.offset = found.offset;
    a.timestamp = found.timestamp;
    return a;
}

} // namespace

HandlerStatus handleListOffsets(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    const int16_t v = scope.version();
    const bool flexible = v >= 6;
    LogManager& logs = scope.broker.logs;
    in.readInt32(); // replica id
    if (v >= 2)
        in.readInt8(); // isolation level
    struct PartitionAnswer {
        int32_t index;
        Answer answer;
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
            PartitionAnswer answer {};
            answer.index = in.readInt32();
            if (v >= 4)
                in.readInt32(); // current leader epoch
            const int64_t timestamp = in.readInt64();
            if (v == 0)
                in.readInt32(); // max num offsets
            if (flexible)
                in.skipTaggedFields();
            if (!in.ok())
                break;
            if (auto log = logs.partition(topic.name, answer.index))
                answer.answer = lookup(*log, timestamp, v);
            else
                answer.answer.error = ErrorCode::UnknownTopicOrPartition;
            topic.partitions.push_back(answer);
        }
        if (flexible)
            in.skipTaggedFields();
        answers.push_back(std::move(topic));
    }
    if (v >= 10)
        in.readInt32(); // timeout
    if (flexible)
        in.skipTaggedFields();
    if (!in.ok())
        return HandlerStatus::Malformed;

    if (v >= 2)
        out.writeInt32(0); // throttle
    out.writeArrayLength(flexible, static_cast<int32_t>(answers.size()));
    for (const auto& topic : answers) {
        out.writeString(flexible, topic.name);
        out.writeArrayLength(flexible, static_cast<int32_t>(topic.partitions.size()));
        for (const auto& p : topic.partitions) {
            out.writeInt32(p.index);
            out.writeInt16(static_cast<int16_t>(p.answer.error));
            if (v == 0) {
                // Old-style offsets: a list, empty when nothing was found.
                if (p.answer.error == ErrorCode::None && p.answer.offset >= 0) {
                    out.writeArrayLength(false, 1);
                    out.writeInt64(p.answer.offset);
                } else {
                    out.writeArrayLength(false, 0);
                }
            } else {
                out.writeInt64(p.answer.timestamp);
                out.writeInt64(p.answer.offset);
                if (v >= 4)
                    out.writeInt32(p.answer.offset >= 0 ? 0 : -1); // leader epoch
            }
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

} // namespace samsa::broker::api
