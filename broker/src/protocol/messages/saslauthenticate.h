#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct SaslAuthenticateRequest {
    Bytes authBytes; // the mechanism's token (PLAIN: [authzid] NUL user NUL password)

    template <class Io> void fields(Io& io) { io.field(authBytes); }
};

struct SaslAuthenticateResponse {
    int16_t errorCode = 0;
    std::optional<std::string> errorMessage;
    Bytes authBytes;
    int64_t sessionLifetimeMs = 0; // 0: no re-authentication required

    template <class Io> void fields(Io& io)
    {
        io.field(errorCode);
        io.field(errorMessage);
        io.field(authBytes);
        io.field(sessionLifetimeMs, since(1));
    }
};

struct SaslAuthenticateApi {
    static constexpr ApiKey key = ApiKey::SaslAuthenticate;
    static constexpr const char* name = "SaslAuthenticate";
    static constexpr int16_t maxVersion = 2;
    static constexpr int16_t firstFlexible = 2;
    using Request = SaslAuthenticateRequest;
    using Response = SaslAuthenticateResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
