#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct HeartbeatRequest {
    std::string groupId;
    int32_t generationId = 0;
    std::string memberId;
    std::optional<std::string> groupInstanceId; // v3+

    template <class Io> void fields(Io& io)
    {
        io.field(groupId);
        io.field(generationId);
        io.field(memberId);
        io.field(groupInstanceId, since(3));
    }
};

struct HeartbeatResponse {
    int32_t throttleTimeMs = 0;
    int16_t errorCode = 0;

    template <class Io> void fields(Io& io)
    {
        io.field(throttleTimeMs, since(1));
        io.field(errorCode);
    }
};

struct HeartbeatApi {
    static constexpr ApiKey key = ApiKey::Heartbeat;
    static constexpr const char* name = "Heartbeat";
    static constexpr int16_t maxVersion = 4;
    static constexpr int16_t firstFlexible = 4;
    using Request = HeartbeatRequest;
    using Response = HeartbeatResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
