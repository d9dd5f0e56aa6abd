#include "api/handlers.h"
#include "api/requestscope.h"
#include "common/errors.h"
#include "protocol/messages/listoffsets.h"
#include "storage/logmanager.h"

#include <chrono>

namespace samsa::broker::api {

using protocol::ListOffsetsRequest;
using protocol::ListOffsetsResponse;
using security::AclOperation;
using security::ResourceType;

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

int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// ListOffsets v0 answers as Kafka's legacyFetchOffsetsBefore: the candidates are each segment's
// start with its file's modification time, then the log end offset with the current time when the
// last segment holds data. Latest (-1) starts from the last candidate, earliest (-2) from the
// first, any other time from the last candidate not newer than it (none: an empty list); up to
// maxNumOffsets candidates are listed from there backwards, newest first.
std::vector<int64_t> legacyOffsets(const PartitionLog& log, int64_t timestamp, int32_t maxNumOffsets)
{
    struct Candidate {
        int64_t offset;
        int64_t time;
    };
    std::vector<Candidate> candidates;
    const std::vector<SegmentStart> segments = log.segmentStarts();
    for (const SegmentStart& segment : segments)
        candidates.push_back({ segment.baseOffset, segment.lastModifiedMs });
    if (!segments.empty() && segments.back().sizeBytes > 0)
        candidates.push_back({ log.highWatermark(), nowMs() });
    int64_t start = static_cast<int64_t>(candidates.size()) - 1;
    if (timestamp == kEarliest) {
        start = candidates.empty() ? -1 : 0;
    } else if (timestamp != kLatest) {
        while (start >= 0 && candidates[static_cast<size_t>(start)].time > timestamp)
            --start;
    }
    std::vector<int64_t> offsets;
    for (int64_t index = start; index >= 0 && static_cast<int64_t>(offsets.size()) < maxNumOffsets; --index)
        offsets.push_back(candidates[static_cast<size_t>(index)].offset);
    return offsets;
}

} // namespace

ListOffsetsResponse handle(RequestScope& scope, const ListOffsetsRequest& request)
{
    const int16_t v = scope.version();
    LogManager& logs = scope.broker.logs;
    ListOffsetsResponse response;
    response.topics.reserve(request.topics.size());
    for (const auto& topicRequest : request.topics) {
        ListOffsetsResponse::Topic topic;
        topic.name = topicRequest.name;
        const bool allowed = scope.authorize(AclOperation::Describe, ResourceType::Topic, topic.name);
        topic.partitions.reserve(topicRequest.partitions.size());
        for (const auto& partitionRequest : topicRequest.partitions) {
            Answer answer;
            ListOffsetsResponse::Partition p;
            if (!allowed) {
                answer.error = ErrorCode::TopicAuthorizationFailed;
            } else if (auto log = logs.partition(topic.name, partitionRequest.partitionIndex)) {
                if (v == 0)
                    p.oldStyleOffsets = legacyOffsets(*log, partitionRequest.timestamp, partitionRequest.maxNumOffsets);
                else
                    answer = lookup(*log, partitionRequest.timestamp, v);
            } else {
                answer.error = ErrorCode::UnknownTopicOrPartition;
            }
            p.partitionIndex = partitionRequest.partitionIndex;
            p.errorCode = static_cast<int16_t>(answer.error);
            p.timestamp = answer.timestamp;
            p.offset = answer.offset;
            p.leaderEpoch = answer.offset >= 0 ? 0 : -1;
            topic.partitions.push_back(std::move(p));
        }
        response.topics.push_back(std::move(topic));
    }
    return response;
}

} // namespace samsa::broker::api
