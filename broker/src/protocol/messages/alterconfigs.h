#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct AlterConfigsRequest {
    struct Config {
        std::string name;
        std::optional<std::string> value; // null: back to the default

        template <class Io> void fields(Io& io)
        {
            io.field(name);
            io.field(value);
        }
    };

    struct Resource {
        int8_t resourceType = 0; // 2 topic, 4 broker, 8 broker logger
        std::string resourceName;
        std::vector<Config> configs; // the whole new set of overrides

        template <class Io> void fields(Io& io)
        {
            io.field(resourceType);
            io.field(resourceName);
            io.field(configs);
        }
    };

    std::vector<Resource> resources;
    bool validateOnly = false;

    template <class Io> void fields(Io& io)
    {
        io.field(resources);
        io.field(validateOnly);
    }
};

struct AlterConfigsResponse {
    struct Result {
        int16_t errorCode = 0;
        std::optional<std::string> errorMessage;
        int8_t resourceType = 0;
        std::string resourceName;

        template <class Io> void fields(Io& io)
        {
            io.field(errorCode);
            io.field(errorMessage);
            io.field(resourceType);
            io.field(resourceName);
        }
    };

    int32_t throttleTimeMs = 0;
    std::vector<Result> responses;

    template <class Io> void fields(Io& io)
    {
        io.field(throttleTimeMs);
        io.field(responses);
    }
};

struct AlterConfigsApi {
    static constexpr ApiKey key = ApiKey::AlterConfigs;
    static constexpr const char* name = "AlterConfigs";
    static constexpr int16_t maxVersion = 2;
    static constexpr int16_t firstFlexible = 2;
    using Request = AlterConfigsRequest;
    using Response = AlterConfigsResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
