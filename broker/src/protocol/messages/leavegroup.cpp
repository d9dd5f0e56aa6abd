#include "leavegroup.h"

namespace samsa::broker::protocol {

// Kafka answers a failed LeaveGroup with the top-level error alone, listing no member.
LeaveGroupResponse LeaveGroupApi::errorResponse(const Request&, ErrorCode error)
{
    LeaveGroupResponse response;
    response.errorCode = static_cast<int16_t>(error);
    return response;
}

} // namespace samsa::broker::protocol
