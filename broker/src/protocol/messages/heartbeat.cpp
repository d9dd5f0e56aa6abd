#include "heartbeat.h"

namespace samsa::broker::protocol {

HeartbeatResponse HeartbeatApi::errorResponse(const Request&, ErrorCode error)
{
    HeartbeatResponse response;
    response.errorCode = static_cast<int16_t>(error);
    return response;
}

} // namespace samsa::broker::protocol
