#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct DeleteGroupsRequest {
    std::vector<std::string> groupsNames;

    template <class Io> void fields(Io& io) { io.field(groupsNames); }
};

struct DeleteGroupsResponse {
    struct Result {
        std::string groupId;
        int16_t errorCode = 0;

        template <class Io> void fields(Io& io)
        {
            io.field(groupId);
            io.field(errorCode);
        }
    };

    int32_t throttleTimeMs = 0;
    std::vector<Result> results;

    template <class Io> void fields(Io& io)
    {
        io.field(throttleTimeMs);
        io.field(results);
    }
};

struct DeleteGroupsApi {
    static constexpr ApiKey key = ApiKey::DeleteGroups;
    static constexpr const char* name = "DeleteGroups";
    static constexpr int16_t maxVersion = 2;
    static constexpr int16_t firstFlexible = 2;
    using Request = DeleteGroupsRequest;
    using Response = DeleteGroupsResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
