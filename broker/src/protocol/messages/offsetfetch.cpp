#include "offsetfetch.h"

namespace samsa::broker::protocol {

// As Kafka answers from v2 on: the top-level error code (v2-7) and, for v8+, each group named
// with its error and no topics. (v0-1 have no top-level code; they are never the version of an
// UNSUPPORTED_VERSION answer, which is written in our newest one.)
OffsetFetchResponse OffsetFetchApi::errorResponse(const Request& request, ErrorCode error)
{
    OffsetFetchResponse response;
    response.errorCode = static_cast<int16_t>(error);
    for (const auto& group : request.groups) {
        OffsetFetchResponse::Group g;
        g.groupId = group.groupId;
        g.errorCode = static_cast<int16_t>(error);
        response.groups.push_back(std::move(g));
    }
    return response;
}

} // namespace samsa::broker::protocol
