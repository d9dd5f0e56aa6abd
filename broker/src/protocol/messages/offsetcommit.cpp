#include "offsetcommit.h"

namespace samsa::broker::protocol {

// No top-level error code: every partition of every topic named gets the error.
OffsetCommitResponse OffsetCommitApi::errorResponse(const Request& request, ErrorCode error)
{
    OffsetCommitResponse response;
    for (const auto& topic : request.topics) {
        OffsetCommitResponse::Topic t;
        t.name = topic.name;
        for (const auto& partition : topic.partitions)
            t.partitions.push_back({ partition.partitionIndex, static_cast<int16_t>(error) });
        response.topics.push_back(std::move(t));
    }
    return response;
}

} // namespace samsa::broker::protocol
