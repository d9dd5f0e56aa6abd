#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct DeleteAclsRequest {
    struct Filter {
        int8_t resourceTypeFilter = 0;
        std::optional<std::string> resourceNameFilter;
        int8_t patternTypeFilter = 3; // v0: literal
        std::optional<std::string> principalFilter;
        std::optional<std::string> hostFilter;
        int8_t operation = 0;
        int8_t permissionType = 0;

        template <class Io> void fields(Io& io)
        {
            io.field(resourceTypeFilter);
            io.field(resourceNameFilter);
            io.field(patternTypeFilter, since(1));
            io.field(principalFilter);
            io.field(hostFilter);
            io.field(operation);
            io.field(permissionType);
        }
    };

    std::vector<Filter> filters;

    template <class Io> void fields(Io& io) { io.field(filters); }
};

struct DeleteAclsResponse {
    struct MatchingAcl {
        int16_t errorCode = 0;
        std::optional<std::string> errorMessage;
        int8_t resourceType = 0;
        std::string resourceName;
        int8_t patternType = 3;
        std::string principal;
        std::string host;
        int8_t operation = 0;
        int8_t permissionType = 0;

        template <class Io> void fields(Io& io)
        {
            io.field(errorCode);
            io.field(errorMessage);
            io.field(resourceType);
            io.field(resourceName);
            io.field(patternType, since(1));
            io.field(principal);
            io.field(host);
            io.field(operation);
            io.field(permissionType);
        }
    };
    struct FilterResult {
        int16_t errorCode = 0;
        std::optional<std::string> errorMessage;
        std::vector<MatchingAcl> matchingAcls;

        template <class Io> void fields(Io& io)
        {
            io.field(errorCode);
            io.field(errorMessage);
            io.field(matchingAcls);
        }
    };

    int32_t throttleTimeMs = 0;
    std::vector<FilterResult> filterResults;

    template <class Io> void fields(Io& io)
    {
        io.field(throttleTimeMs);
        io.field(filterResults);
    }
};

struct DeleteAclsApi {
    static constexpr ApiKey key = ApiKey::DeleteAcls;
    static constexpr const char* name = "DeleteAcls";
    static constexpr int16_t maxVersion = 3;
    static constexpr int16_t firstFlexible = 2;
    using Request = DeleteAclsRequest;
    using Response = DeleteAclsResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
