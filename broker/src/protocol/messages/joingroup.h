#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct JoinGroupRequest {
    struct Protocol {
        std::string name;
        Bytes metadata;

        template <class Io> void fields(Io& io)
        {
            io.field(name);
            io.field(metadata);
        }
    };

    std::string groupId;
    int32_t sessionTimeoutMs = 0;
    int32_t rebalanceTimeoutMs = -1; // v1+; before, the session timeout stands in for it
    std::string memberId;
    std::optional<std::string> groupInstanceId; // v5+: static membership
    std::string protocolType;
    std::vector<Protocol> protocols;
    std::optional<std::string> reason; // v8+: only for the broker's log; ignored

    template <class Io> void fields(Io& io)
    {
        io.field(groupId);
        io.field(sessionTimeoutMs);
        io.field(rebalanceTimeoutMs, since(1));
        io.field(memberId);
        io.field(groupInstanceId, since(5));
        io.field(protocolType);
        io.field(protocols);
        io.field(reason, since(8));
    }
};

struct JoinGroupResponse {
    struct Member {
        std::string memberId;
        std::optional<std::string> groupInstanceId; // v5+
        Bytes metadata;

        template <class Io> void fields(Io& io)
        {
            io.field(memberId);
            io.field(groupInstanceId, since(5));
            io.field(metadata);
        }
    };

    int32_t throttleTimeMs = 0;
    int16_t errorCode = 0;
    int32_t generationId = -1;
    std::optional<std::string> protocolType; // v7+
    // Nullable from v7 on only: the handler never leaves it null below v7.
    std::optional<std::string> protocolName;
    std::string leader;
    bool skipAssignment = false; // v9+
    std::string memberId;
    std::vector<Member> members; // the leader's answer only

    template <class Io> void fields(Io& io)
    {
        io.field(throttleTimeMs, since(2));
        io.field(errorCode);
        io.field(generationId);
        io.field(protocolType, since(7));
        io.field(protocolName);
        io.field(leader);
        io.field(skipAssignment, since(9));
        io.field(memberId);
        io.field(members);
    }
};

struct JoinGroupApi {
    static constexpr ApiKey key = ApiKey::JoinGroup;
    static constexpr const char* name = "JoinGroup";
    static constexpr int16_t maxVersion = 9;
    static constexpr int16_t firstFlexible = 6;
    using Request = JoinGroupRequest;
    using Response = JoinGroupResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
