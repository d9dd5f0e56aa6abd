#include "listoffsets.h"

namespace samsa::broker::protocol {

// Every partition of the request gets the error, with no offset (v0: an empty list).
ListOffsetsResponse ListOffsetsApi::errorResponse(const Request& request, ErrorCode error)
{
    ListOffsetsResponse response;
    for (const auto& topicRequest : request.topics) {
        ListOffsetsResponse::Topic topic;
        topic.name = topicRequest.name;
        for (const auto& partitionRequest : topicRequest.partitions) {
            ListOffsetsResponse::Partition p;
            p.partitionIndex = partitionRequest.partitionIndex;
            p.errorCode = static_cast<int16_t>(error);
            topic.partitions.push_back(std::move(p));
        }
        response.topics.push_back(std::move(topic));
    }
    return response;
}

} // namespace samsa::broker::protocol
