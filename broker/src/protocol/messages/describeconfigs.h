#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct DescribeConfigsRequest {
    struct Resource {
        int8_t resourceType = 0; // 2 topic, 4 broker, 8 broker logger
        std::string resourceName;
        std::optional<std::vector<std::string>> configurationKeys; // null: every key

        template <class Io> void fields(Io& io)
        {
            io.field(resourceType);
            io.field(resourceName);
            io.field(configurationKeys);
        }
    };

    std::vector<Resource> resources;
    bool includeSynonyms = false;
    bool includeDocumentation = false;

    template <class Io> void fields(Io& io)
    {
        io.field(resources);
        io.field(includeSynonyms, since(1));
        io.field(includeDocumentation, since(3));
    }
};

struct DescribeConfigsResponse {
    struct Synonym {
        std::string name;
        std::optional<std::string> value;
        int8_t source = 0;

        template <class Io> void fields(Io& io)
        {
            io.field(name);
            io.field(value);
            io.field(source);
        }
    };

    struct Config {
        std::string name;
        std::optional<std::string> value;
        bool readOnly = false;
        bool isDefault = false; // v0 only; later versions tell the source instead
        int8_t configSource = -1;
        bool isSensitive = false;
        std::vector<Synonym> synonyms;
        int8_t configType = 0;
        std::optional<std::string> documentation;

        template <class Io> void fields(Io& io)
        {
            io.field(name);
            io.field(value);
            io.field(readOnly);
            io.field(isDefault, until(0));
            io.field(configSource, since(1));
            io.field(isSensitive);
            io.field(synonyms, since(1));
            io.field(configType, since(3));
            io.field(documentation, since(3));
        }
    };

    struct Result {
        int16_t errorCode = 0;
        std::optional<std::string> errorMessage;
        int8_t resourceType = 0;
        std::string resourceName;
        std::vector<Config> configs;

        template <class Io> void fields(Io& io)
        {
            io.field(errorCode);
            io.field(errorMessage);
            io.field(resourceType);
            io.field(resourceName);
            io.field(configs);
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

struct DescribeConfigsApi {
    static constexpr ApiKey key = ApiKey::DescribeConfigs;
    static constexpr const char* name = "DescribeConfigs";
    static constexpr int16_t maxVersion = 4;
    static constexpr int16_t firstFlexible = 4;
    using Request = DescribeConfigsRequest;
    using Response = DescribeConfigsResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
