#include "metadata.h"

namespace samsa::broker::protocol {

// The response has no top-level error code: every topic asked for carries the error.
MetadataResponse MetadataApi::errorResponse(const Request& request, ErrorCode error)
{
    MetadataResponse response;
    if (!request.topics)
        return response;
    for (const auto& topic : *request.topics) {
        MetadataResponse::Topic t;
        t.errorCode = static_cast<int16_t>(error);
        t.name = topic.name.value_or(std::string()); // as Kafka: a topic asked for by id gets an empty name
        t.topicId = topic.topicId;
        response.topics.push_back(std::move(t));
    }
    return response;
}

} // namespace samsa::broker::protocol
