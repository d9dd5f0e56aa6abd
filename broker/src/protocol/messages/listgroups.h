#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct ListGroupsRequest {
    std::vector<std::string> statesFilter; // v4+; empty lists every state
    std::vector<std::string> typesFilter; // v5+; empty lists every type

    template <class Io> void fields(Io& io)
    {
        io.field(statesFilter, since(4));
        io.field(typesFilter, since(5));
    }
};

struct ListGroupsResponse {
    struct Group {
        std::string groupId;
        std::string protocolType;
        std::string groupState; // v4+
        std::string groupType; // v5+

        template <class Io> void fields(Io& io)
        {
            io.field(groupId);
            io.field(protocolType);
            io.field(groupState, since(4));
            io.field(groupType, since(5));
        }
    };

    int32_t throttleTimeMs = 0;
    int16_t errorCode = 0;
    std::vector<Group> groups;

    template <class Io> void fields(Io& io)
    {
        io.field(throttleTimeMs, since(1));
        io.field(errorCode);
        io.field(groups);
    }
};

struct ListGroupsApi {
    static constexpr ApiKey key = ApiKey::ListGroups;
    static constexpr const char* name = "ListGroups";
    static constexpr int16_t maxVersion = 5;
    static constexpr int16_t firstFlexible = 3;
    using Request = ListGroupsRequest;
    using Response = ListGroupsResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
