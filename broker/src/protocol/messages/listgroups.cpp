#include "listgroups.h"

namespace samsa::broker::protocol {

ListGroupsResponse ListGroupsApi::errorResponse(const Request&, ErrorCode error)
{
    ListGroupsResponse response;
    response.errorCode = static_cast<int16_t>(error);
    return response;
}

} // namespace samsa::broker::protocol
