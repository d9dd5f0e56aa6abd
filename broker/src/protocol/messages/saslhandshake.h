#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct SaslHandshakeRequest {
    std::string mechanism;

    template <class Io> void fields(Io& io) { io.field(mechanism); }
};

struct SaslHandshakeResponse {
    int16_t errorCode = 0;
    std::vector<std::string> mechanisms; // the ones enabled on this broker

    template <class Io> void fields(Io& io)
    {
        io.field(errorCode);
        io.field(mechanisms);
    }
};

struct SaslHandshakeApi {
    static constexpr ApiKey key = ApiKey::SaslHandshake;
    static constexpr const char* name = "SaslHandshake";
    static constexpr int16_t maxVersion = 1;
    static constexpr int16_t firstFlexible = -1;
    using Request = SaslHandshakeRequest;
    using Response = SaslHandshakeResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
