#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct IncrementalAlterConfigsRequest {
    struct Config {
        std::string name;
        int8_t configOperation = 0; // 0 set, 1 delete, 2 append, 3 subtract
        std::optional<std::string> value;

        template <class Io> void fields(Io& io)
        {
            io.field(name);
            io.field(configOperation);
            io.field(value);
        }
    };

    struct Resource {
        int8_t resourceType = 0; // 2 topic, 4 broker, 8 broker logger
        std::string resourceName;
        std::vector<Config> configs;

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

struct IncrementalAlterConfigsResponse {
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

struct IncrementalAlterConfigsApi {
    static constexpr ApiKey key = ApiKey::IncrementalAlterConfigs;
    static constexpr const char* name = "IncrementalAlterConfigs";
    static constexpr int16_t maxVersion = 1;
    static constexpr int16_t firstFlexible = 1;
    using Request = IncrementalAlterConfigsRequest;
    using Response = IncrementalAlterConfigsResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
