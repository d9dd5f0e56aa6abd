#include "describeconfigs.h"

namespace samsa::broker::protocol {

DescribeConfigsResponse DescribeConfigsApi::errorResponse(const Request& request, ErrorCode error)
{
    DescribeConfigsResponse response;
    for (const auto& resource : request.resources) {
        DescribeConfigsResponse::Result result;
        result.errorCode = static_cast<int16_t>(error);
        result.resourceType = resource.resourceType;
        result.resourceName = resource.resourceName;
        response.results.push_back(std::move(result));
    }
    return response;
}

} // namespace samsa::broker::protocol
