#include "produce.h"

namespace samsa::broker::protocol {

// Every partition of the request gets the error, with no offsets.
ProduceResponse ProduceApi::errorResponse(const Request& request, ErrorCode error)
{
    ProduceResponse response;
    for (const auto& topicRequest : request.topics) {
        ProduceResponse::Topic topic;
        topic.name = topicRequest.name;
        for (const auto& partitionRequest : topicRequest.partitions) {
            ProduceResponse::Partition p;
            p.index = partitionRequest.index;
            p.errorCode = static_cast<int16_t>(error);
            p.baseOffset = -1;
            topic.partitions.push_back(std::move(p));
        }
        response.topics.push_back(std::move(topic));
    }
    return response;
}

} // namespace samsa::broker::protocol
