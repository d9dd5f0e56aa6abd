#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct DescribeClusterRequest {
    bool includeClusterAuthorizedOperations = false;
    int8_t endpointType = 1; // 1 brokers, 2 controllers

    template <class Io> void fields(Io& io)
    {
        io.field(includeClusterAuthorizedOperations);
        io.field(endpointType, since(1));
    }
};

struct DescribeClusterResponse {
    struct Broker {
        int32_t brokerId = 0;
        std::string host;
        int32_t port = 0;
        std::optional<std::string> rack;

        template <class Io> void fields(Io& io)
        {
            io.field(brokerId);
            io.field(host);
            io.field(port);
            io.field(rack);
        }
    };

    int32_t throttleTimeMs = 0;
    int16_t errorCode = 0;
    std::optional<std::string> errorMessage;
    int8_t endpointType = 1;
    std::string clusterId;
    int32_t controllerId = -1;
    std::vector<Broker> brokers;
    int32_t clusterAuthorizedOperations = INT32_MIN;

    template <class Io> void fields(Io& io)
    {
        io.field(throttleTimeMs);
        io.field(errorCode);
        io.field(errorMessage);
        io.field(endpointType, since(1));
        io.field(clusterId);
        io.field(controllerId);
        io.field(brokers);
        io.field(clusterAuthorizedOperations);
    }
};

struct DescribeClusterApi {
    static constexpr ApiKey key = ApiKey::DescribeCluster;
    static constexpr const char* name = "DescribeCluster";
    static constexpr int16_t maxVersion = 1;
    static constexpr int16_t firstFlexible = 0;
    using Request = DescribeClusterRequest;
    using Response = DescribeClusterResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
