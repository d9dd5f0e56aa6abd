#include "deleteacls.h"

namespace samsa::broker::protocol {

DeleteAclsResponse DeleteAclsApi::errorResponse(const Request& request, ErrorCode error)
{
    DeleteAclsResponse response;
    response.filterResults.assign(request.filters.size(), { static_cast<int16_t>(error), std::nullopt, {} });
    return response;
}

} // namespace samsa::broker::protocol
