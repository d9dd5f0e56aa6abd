#include "createpartitions.h"

namespace samsa::broker::protocol {

CreatePartitionsResponse CreatePartitionsApi::errorResponse(const Request& request, ErrorCode error)
{
    CreatePartitionsResponse response;
    for (const auto& topic : request.topics)
        response.results.push_back({ topic.name, static_cast<int16_t>(error), std::nullopt });
    return response;
}

} // namespace samsa::broker::protocol
