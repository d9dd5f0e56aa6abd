#include "saslhandshake.h"

namespace samsa::broker::protocol {

SaslHandshakeResponse SaslHandshakeApi::errorResponse(const Request&, ErrorCode error)
{
    SaslHandshakeResponse response;
    response.errorCode = static_cast<int16_t>(error);
    return response;
}

} // namespace samsa::broker::protocol
