#include "api/handlers.h"
#include "api/requestscope.h"
#include "common/errors.h"
#include "protocol/messages/listoffsets.h"
#include "storage/logmanager.h"

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
            if (!allowed)
                answer.error = ErrorCode::TopicAuthorizationFailed;
            else if (auto log = logs.partition(topic.name, partitionRequest.partitionIndex))
                answer = lookup(*log, partitionRequest.timestamp, v);
            else
                answer.error = ErrorCode::UnknownTopicOrPartition;
            ListOffsetsResponse::Partition p;
            p.partitionIndex = partitionRequest.partitionIndex;
            p.errorCode = static_cast<int16_t>(answer.error);
            // Old-style offsets (v0): a list, empty when nothing was found.
            if (answer.error == ErrorCode::None && answer.offset >= 0)
                p.oldStyleOffsets.push_back(answer.offset);
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
