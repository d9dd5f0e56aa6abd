#include "alterconfigs.h"

namespace samsa::broker::protocol {

AlterConfigsResponse AlterConfigsApi::errorResponse(const Request& request, ErrorCode error)
{
    AlterConfigsResponse response;
    for (const auto& resource : request.resources) {
        AlterConfigsResponse::Result result;
        result.errorCode = static_cast<int16_t>(error);
        result.resourceType = resource.resourceType;
        result.resourceName = resource.resourceName;
        response.responses.push_back(std::move(result));
    }
    return response;
}

} // namespace samsa::broker::protocol
