#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct DescribeGroupsRequest {
    std::vector<std::string> groups;
    bool includeAuthorizedOperations = false; // v3+

    template <class Io> void fields(Io& io)
    {
        io.field(groups);
        io.field(includeAuthorizedOperations, since(3));
    }
};

struct DescribeGroupsResponse {
    struct Member {
        std::string memberId;
        std::optional<std::string> groupInstanceId; // v4+
        std::string clientId;
        std::string clientHost;
        Bytes memberMetadata;
        Bytes memberAssignment;

        template <class Io> void fields(Io& io)
        {
            io.field(memberId);
            io.field(groupInstanceId, since(4));
            io.field(clientId);
            io.field(clientHost);
            io.field(memberMetadata);
            io.field(memberAssignment);
        }
    };

    struct Group {
        int16_t errorCode = 0;
        std::string groupId;
        std::string groupState;
        std::string protocolType;
        std::string protocolData;
        std::vector<Member> members;
        int32_t authorizedOperations = INT32_MIN; // v3+; INT32_MIN when not asked for

        template <class Io> void fields(Io& io)
        {
            io.field(errorCode);
            io.field(groupId);
            io.field(groupState);
            io.field(protocolType);
            io.field(protocolData);
            io.field(members);
            io.field(authorizedOperations, since(3));
        }
    };

    int32_t throttleTimeMs = 0;
    std::vector<Group> groups;

    template <class Io> void fields(Io& io)
    {
        io.field(throttleTimeMs, since(1));
        io.field(groups);
    }
};

struct DescribeGroupsApi {
    static constexpr ApiKey key = ApiKey::DescribeGroups;
    static constexpr const char* name = "DescribeGroups";
    static constexpr int16_t maxVersion = 5;
    static constexpr int16_t firstFlexible = 5;
    using Request = DescribeGroupsRequest;
    using Response = DescribeGroupsResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
