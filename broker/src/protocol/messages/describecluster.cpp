#include "describecluster.h"

namespace samsa::broker::protocol {

DescribeClusterResponse DescribeClusterApi::errorResponse(const Request& request, ErrorCode error)
{
    DescribeClusterResponse response;
    response.errorCode = static_cast<int16_t>(error);
    response.endpointType = request.endpointType;
    return response;
}

} // namespace samsa::broker::protocol
