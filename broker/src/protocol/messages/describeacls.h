#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

// Codes are Kafka's (security/aclbinding.h); v0 knows only literal patterns (3).
struct DescribeAclsRequest {
    int8_t resourceTypeFilter = 0;
    std::optional<std::string> resourceNameFilter;
    int8_t patternTypeFilter = 3;
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

struct DescribeAclsResponse {
    struct Acl {
        std::string principal;
        std::string host;
        int8_t operation = 0;
        int8_t permissionType = 0;

        template <class Io> void fields(Io& io)
        {
            io.field(principal);
            io.field(host);
            io.field(operation);
            io.field(permissionType);
        }
    };
    struct Resource {
        int8_t resourceType = 0;
        std::string resourceName;
        int8_t patternType = 3;
        std::vector<Acl> acls;

        template <class Io> void fields(Io& io)
        {
            io.field(resourceType);
            io.field(resourceName);
            io.field(patternType, since(1));
            io.field(acls);
        }
    };

    int32_t throttleTimeMs = 0;
    int16_t errorCode = 0;
    std::optional<std::string> errorMessage;
    std::vector<Resource> resources;

    template <class Io> void fields(Io& io)
    {
        io.field(throttleTimeMs);
        io.field(errorCode);
        io.field(errorMessage);
        io.field(resources);
    }
};

struct DescribeAclsApi {
    static constexpr ApiKey key = ApiKey::DescribeAcls;
    static constexpr const char* name = "DescribeAcls";
    static constexpr int16_t maxVersion = 3;
    static constexpr int16_t firstFlexible = 2;
    using Request = DescribeAclsRequest;
    using Response = DescribeAclsResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
