#include "joingroup.h"

namespace samsa::broker::protocol {

// Written in our newest version, where the protocol name is nullable: it stays null, as Kafka's.
JoinGroupResponse JoinGroupApi::errorResponse(const Request&, ErrorCode error)
{
    JoinGroupResponse response;
    response.errorCode = static_cast<int16_t>(error);
    return response;
}

} // namespace samsa::broker::protocol
