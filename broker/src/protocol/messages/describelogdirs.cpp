#include "describelogdirs.h"

namespace samsa::broker::protocol {

DescribeLogDirsResponse DescribeLogDirsApi::errorResponse(const Request&, ErrorCode error)
{
    DescribeLogDirsResponse response;
    response.errorCode = static_cast<int16_t>(error);
    return response;
}

} // namespace samsa::broker::protocol
