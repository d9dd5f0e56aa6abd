#include "saslauthenticate.h"

namespace samsa::broker::protocol {

SaslAuthenticateResponse SaslAuthenticateApi::errorResponse(const Request&, ErrorCode error)
{
    SaslAuthenticateResponse response;
    response.errorCode = static_cast<int16_t>(error);
    return response;
}

} // namespace samsa::broker::protocol
