#include "describeacls.h"

namespace samsa::broker::protocol {

DescribeAclsResponse DescribeAclsApi::errorResponse(const Request&, ErrorCode error)
{
    DescribeAclsResponse response;
    response.errorCode = static_cast<int16_t>(error);
    return response;
}

} // namespace samsa::broker::protocol
