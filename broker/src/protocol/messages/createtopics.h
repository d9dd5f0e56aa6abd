#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct CreateTopicsRequest {
    struct Assignment {
        int32_t partitionIndex = 0;
        std::vector<int32_t> brokerIds;

        template <class Io> void fields(Io& io)
        {
            io.field(partitionIndex);
            io.field(brokerIds);
        }
    };

    struct Config {
        std::string name;
        std::optional<std::string> value;

        template <class Io> void fields(Io& io)
        {
            io.field(name);
            io.field(value);
        }
    };

    struct Topic {
        std::string name;
        int32_t numPartitions = 0; // -1: the broker's default, or the assignments' count
        int16_t replicationFactor = 0; // -1: the broker's default
        std::vector<Assignment> assignments; // empty: automatic placement
        std::vector<Config> configs;

        template <class Io> void fields(Io& io)
        {
            io.field(name);
            io.field(numPartitions);
            io.field(replicationFactor);
            io.field(assignments);
            io.field(configs);
        }
    };

    std::vector<Topic> topics;
    int32_t timeoutMs = 60000; // ignored: creation is done before the answer
    bool validateOnly = false;

    template <class Io> void fields(Io& io)
    {
        io.field(topics);
        io.field(timeoutMs);
        io.field(validateOnly, since(1));
    }
};

struct CreateTopicsResponse {
    struct Config {
        std::string name;
        std::optional<std::string> value;
        bool readOnly = false;
        int8_t configSource = -1;
        bool isSensitive = false;

        template <class Io> void fields(Io& io)
        {
            io.field(name);
            io.field(value);
            io.field(readOnly);
            io.field(configSource);
            io.field(isSensitive);
        }
    };

    struct Topic {
        std::string name;
        Uuid topicId {}; // v7+
        int16_t errorCode = 0;
        std::optional<std::string> errorMessage; // v1+
        int16_t topicConfigErrorCode = 0; // tagged, v5+: set when configs could not be described
        int32_t numPartitions = -1; // v5+
        int16_t replicationFactor = -1; // v5+
        std::optional<std::vector<Config>> configs; // v5+

        template <class Io> void fields(Io& io)
        {
            io.field(name);
            io.field(topicId, since(7));
            io.field(errorCode);
            io.field(errorMessage, since(1));
            io.tagged(0, topicConfigErrorCode, since(5));
            io.field(numPartitions, since(5));
            io.field(replicationFactor, since(5));
            io.field(configs, since(5));
        }
    };

    int32_t throttleTimeMs = 0;
    std::vector<Topic> topics;

    template <class Io> void fields(Io& io)
    {
        io.field(throttleTimeMs, since(2));
        io.field(topics);
    }
};

struct CreateTopicsApi {
    static constexpr ApiKey key = ApiKey::CreateTopics;
    static constexpr const char* name = "CreateTopics";
    static constexpr int16_t maxVersion = 7;
    static constexpr int16_t firstFlexible = 5;
    using Request = CreateTopicsRequest;
    using Response = CreateTopicsResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
