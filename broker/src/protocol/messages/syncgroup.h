#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct SyncGroupRequest {
    struct Assignment {
        std::string memberId;
        Bytes assignment;

        template <class Io> void fields(Io& io)
        {
            io.field(memberId);
            io.field(assignment);
        }
    };

    std::string groupId;
    int32_t generationId = 0;
    std::string memberId;
    std::optional<std::string> groupInstanceId; // v3+
    std::optional<std::string> protocolType; // v5+
    std::optional<std::string> protocolName; // v5+
    std::vector<Assignment> assignments; // from the leader only

    template <class Io> void fields(Io& io)
    {
        io.field(groupId);
        io.field(generationId);
        io.field(memberId);
        io.field(groupInstanceId, since(3));
        io.field(protocolType, since(5));
        io.field(protocolName, since(5));
        io.field(assignments);
    }
};

struct SyncGroupResponse {
    int32_t throttleTimeMs = 0;
    int16_t errorCode = 0;
    std::optional<std::string> protocolType; // v5+
    std::optional<std::string> protocolName; // v5+
    Bytes assignment;

    template <class Io> void fields(Io& io)
    {
        io.field(throttleTimeMs, since(1));
        io.field(errorCode);
        io.field(protocolType, since(5));
        io.field(protocolName, since(5));
        io.field(assignment);
    }
};

struct SyncGroupApi {
    static constexpr ApiKey key = ApiKey::SyncGroup;
    static constexpr const char* name = "SyncGroup";
    static constexpr int16_t maxVersion = 5;
    static constexpr int16_t firstFlexible = 4;
    using Request = SyncGroupRequest;
    using Response = SyncGroupResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
