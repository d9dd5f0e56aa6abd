#include "apiversions.h"

namespace samsa::broker::protocol {

ApiVersionsResponse apiVersionsResponse(ErrorCode error)
{
    ApiVersionsResponse response;
    response.errorCode = static_cast<int16_t>(error);
    const auto apis = supportedApis();
    response.apiKeys.reserve(apis.size());
    for (const auto& api : apis)
        response.apiKeys.push_back({ static_cast<int16_t>(api.key), api.minVersion, api.maxVersion });
    return response;
}

ApiVersionsResponse ApiVersionsApi::errorResponse(const Request&, ErrorCode error)
{
    return apiVersionsResponse(error);
}

} // namespace samsa::broker::protocol
