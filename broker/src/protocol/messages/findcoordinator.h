#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct FindCoordinatorRequest {
    std::string key; // v0-3: one key
    int8_t keyType = 0; // 0 group, 1 transaction
    std::vector<std::string> coordinatorKeys; // v4+: several keys

    template <class Io> void fields(Io& io)
    {
        io.field(key, until(3));
        io.field(keyType, since(1));
        io.field(coordinatorKeys, since(4));
    }
};

struct FindCoordinatorResponse {
    struct Coordinator {
        std::string key;
        int32_t nodeId = -1;
        std::string host;
        int32_t port = -1;
        int16_t errorCode = 0;
        std::optional<std::string> errorMessage;

        template <class Io> void fields(Io& io)
        {
            io.field(key);
            io.field(nodeId);
            io.field(host);
            io.field(port);
            io.field(errorCode);
            io.field(errorMessage);
        }
    };

    int32_t throttleTimeMs = 0;
    // v0-3 answer for one key; v4+ list every key in coordinators.
    int16_t errorCode = 0;
    std::optional<std::string> errorMessage;
    int32_t nodeId = -1;
    std::string host;
    int32_t port = -1;
    std::vector<Coordinator> coordinators;

    template <class Io> void fields(Io& io)
    {
        io.field(throttleTimeMs, since(1));
        io.field(errorCode, until(3));
        io.field(errorMessage, between(1, 3));
        io.field(nodeId, until(3));
        io.field(host, until(3));
        io.field(port, until(3));
        io.field(coordinators, since(4));
    }
};

struct FindCoordinatorApi {
    static constexpr ApiKey key = ApiKey::FindCoordinator;
    static constexpr const char* name = "FindCoordinator";
    static constexpr int16_t maxVersion = 6;
    static constexpr int16_t firstFlexible = 3;
    using Request = FindCoordinatorRequest;
    using Response = FindCoordinatorResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
