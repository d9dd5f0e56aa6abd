#include "createtopics.h"

namespace samsa::broker::protocol {

CreateTopicsResponse CreateTopicsApi::errorResponse(const Request& request, ErrorCode error)
{
    CreateTopicsResponse response;
    for (const auto& topic : request.topics) {
        CreateTopicsResponse::Topic t;
        t.name = topic.name;
        t.errorCode = static_cast<int16_t>(error);
        response.topics.push_back(std::move(t));
    }
    return response;
}

} // namespace samsa::broker::protocol
