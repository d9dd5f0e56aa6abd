#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct LeaveGroupRequest {
    struct Member {
        std::string memberId;
        std::optional<std::string> groupInstanceId;
        std::optional<std::string> reason; // v5+: only for the broker's log; ignored

        template <class Io> void fields(Io& io)
        {
            io.field(memberId);
            io.field(groupInstanceId);
            io.field(reason, since(5));
        }
    };

    std::string groupId;
    std::string memberId; // v0-2: one member leaves
    std::vector<Member> members; // v3+: several at once (static members by instance id)

    template <class Io> void fields(Io& io)
    {
        io.field(groupId);
        io.field(memberId, until(2));
        io.field(members, since(3));
    }
};

struct LeaveGroupResponse {
    struct Member {
        std::string memberId;
        std::optional<std::string> groupInstanceId;
        int16_t errorCode = 0;

        template <class Io> void fields(Io& io)
        {
            io.field(memberId);
            io.field(groupInstanceId);
            io.field(errorCode);
        }
    };

    int32_t throttleTimeMs = 0;
    int16_t errorCode = 0;
    std::vector<Member> members; // v3+

    template <class Io> void fields(Io& io)
    {
        io.field(throttleTimeMs, since(1));
        io.field(errorCode);
        io.field(members, since(3));
    }
};

struct LeaveGroupApi {
    static constexpr ApiKey key = ApiKey::LeaveGroup;
    static constexpr const char* name = "LeaveGroup";
    static constexpr int16_t maxVersion = 5;
    static constexpr int16_t firstFlexible = 4;
    using Request = LeaveGroupRequest;
    using Response = LeaveGroupResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
