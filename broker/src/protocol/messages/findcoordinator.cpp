#include "findcoordinator.h"

namespace samsa::broker::protocol {

FindCoordinatorResponse FindCoordinatorApi::errorResponse(const Request& request, ErrorCode error)
{
    FindCoordinatorResponse response;
    response.errorCode = static_cast<int16_t>(error);
    for (const auto& key : request.coordinatorKeys) {
        FindCoordinatorResponse::Coordinator c;
        c.key = key;
        c.errorCode = static_cast<int16_t>(error);
        response.coordinators.push_back(std::move(c));
    }
    return response;
}

} // namespace samsa::broker::protocol
