#include "deletetopics.h"

namespace samsa::broker::protocol {

DeleteTopicsResponse DeleteTopicsApi::errorResponse(const Request& request, ErrorCode error)
{
    DeleteTopicsResponse response;
    for (const auto& topic : request.topics)
        response.responses.push_back({ topic.name, topic.topicId, static_cast<int16_t>(error), std::nullopt });
    for (const auto& name : request.topicNames)
        response.responses.push_back({ name, Uuid {}, static_cast<int16_t>(error), std::nullopt });
    return response;
}

} // namespace samsa::broker::protocol
