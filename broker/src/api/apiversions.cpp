#include "api/handlers.h"
#include "api/requestscope.h"
#include "protocol/messages/apiversions.h"

namespace samsa::broker::api {

protocol::ApiVersionsResponse handle(RequestScope&, const protocol::ApiVersionsRequest&)
{
    return protocol::apiVersionsResponse(ErrorCode::None);
}

} // namespace samsa::broker::api
