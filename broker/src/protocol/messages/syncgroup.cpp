#include "syncgroup.h"

namespace samsa::broker::protocol {

SyncGroupResponse SyncGroupApi::errorResponse(const Request&, ErrorCode error)
{
    SyncGroupResponse response;
    response.errorCode = static_cast<int16_t>(error);
    return response;
}

} // namespace samsa::broker::protocol
