#include "incrementalalterconfigs.h"

namespace samsa::broker::protocol {

IncrementalAlterConfigsResponse IncrementalAlterConfigsApi::errorResponse(const Request& request, ErrorCode error)
{
    IncrementalAlterConfigsResponse response;
    for (const auto& resource : request.resources) {
        IncrementalAlterConfigsResponse::Result result;
        result.errorCode = static_cast<int16_t>(error);
        result.resourceType = resource.resourceType;
        result.resourceName = resource.resourceName;
        response.responses.push_back(std::move(result));
    }
    return response;
}

} // namespace samsa::broker::protocol
