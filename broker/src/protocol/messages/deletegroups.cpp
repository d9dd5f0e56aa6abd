#include "deletegroups.h"

namespace samsa::broker::protocol {

DeleteGroupsResponse DeleteGroupsApi::errorResponse(const Request& request, ErrorCode error)
{
    DeleteGroupsResponse response;
    for (const auto& groupId : request.groupsNames)
        response.results.push_back({ groupId, static_cast<int16_t>(error) });
    return response;
}

} // namespace samsa::broker::protocol
