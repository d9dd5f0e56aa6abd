#include "offsetdelete.h"

namespace samsa::broker::protocol {

// The top-level error code only, as Kafka answers.
OffsetDeleteResponse OffsetDeleteApi::errorResponse(const Request&, ErrorCode error)
{
    OffsetDeleteResponse response;
    response.errorCode = static_cast<int16_t>(error);
    return response;
}

} // namespace samsa::broker::protocol
