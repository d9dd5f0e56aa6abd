#include "createacls.h"

namespace samsa::broker::protocol {

CreateAclsResponse CreateAclsApi::errorResponse(const Request& request, ErrorCode error)
{
    CreateAclsResponse response;
    response.results.assign(request.creations.size(), { static_cast<int16_t>(error), std::nullopt });
    return response;
}

} // namespace samsa::broker::protocol
