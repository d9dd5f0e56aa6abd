#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct CreateAclsRequest {
    struct Creation {
        int8_t resourceType = 0;
        std::string resourceName;
        int8_t resourcePatternType = 3; // v0: literal
        std::string principal;
        std::string host;
        int8_t operation = 0;
        int8_t permissionType = 0;

        template <class Io> void fields(Io& io)
        {
            io.field(resourceType);
            io.field(resourceName);
            io.field(resourcePatternType, since(1));
            io.field(principal);
            io.field(host);
            io.field(operation);
            io.field(permissionType);
        }
    };

    std::vector<Creation> creations;

    template <class Io> void fields(Io& io) { io.field(creations); }
};

struct CreateAclsResponse {
    struct Result {
        int16_t errorCode = 0;
        std::optional<std::string> errorMessage;

        template <class Io> void fields(Io& io)
        {
            io.field(errorCode);
            io.field(errorMessage);
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

struct CreateAclsApi {
    static constexpr ApiKey key = ApiKey::CreateAcls;
    static constexpr const char* name = "CreateAcls";
    static constexpr int16_t maxVersion = 3;
    static constexpr int16_t firstFlexible = 2;
    using Request = CreateAclsRequest;
    using Response = CreateAclsResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
