#include "describegroups.h"

namespace samsa::broker::protocol {

// Every group asked for, with the error and empty state, protocol type and data, as Kafka's.
DescribeGroupsResponse DescribeGroupsApi::errorResponse(const Request& request, ErrorCode error)
{
    DescribeGroupsResponse response;
    for (const auto& groupId : request.groups) {
        DescribeGroupsResponse::Group group;
        group.errorCode = static_cast<int16_t>(error);
        group.groupId = groupId;
        response.groups.push_back(std::move(group));
    }
    return response;
}

} // namespace samsa::broker::protocol
