#include "fetch.h"

namespace samsa::broker::protocol {

// The answer is written in our newest version, where the top-level error code speaks for the
// whole request and no partitions are listed (Kafka does the same from v13 on).
FetchResponse FetchApi::errorResponse(const Request& request, ErrorCode error)
{
    FetchResponse response;
    response.errorCode = static_cast<int16_t>(error);
    response.sessionId = request.sessionId;
    return response;
}

} // namespace samsa::broker::protocol
