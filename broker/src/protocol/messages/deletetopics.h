#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct DeleteTopicsRequest {
    struct Topic {
        std::optional<std::string> name; // null: the topic is named by its id
        Uuid topicId {};

        template <class Io> void fields(Io& io)
        {
            io.field(name);
            io.field(topicId);
        }
    };

    std::vector<Topic> topics; // v6+: by name or by id
    std::vector<std::string> topicNames; // v0-5: by name
    int32_t timeoutMs = 0; // ignored: deletion is done before the answer

    template <class Io> void fields(Io& io)
    {
        io.field(topics, since(6));
        io.field(topicNames, until(5));
        io.field(timeoutMs);
    }
};

struct DeleteTopicsResponse {
    struct Result {
        std::optional<std::string> name; // null only from v6, for an unknown id
        Uuid topicId {}; // v6+
        int16_t errorCode = 0;
        std::optional<std::string> errorMessage; // v5+

        template <class Io> void fields(Io& io)
        {
            io.field(name);
            io.field(topicId, since(6));
            io.field(errorCode);
            io.field(errorMessage, since(5));
        }
    };

    int32_t throttleTimeMs = 0;
    std::vector<Result> responses;

    template <class Io> void fields(Io& io)
    {
        io.field(throttleTimeMs, since(1));
        io.field(responses);
    }
};

struct DeleteTopicsApi {
    static constexpr ApiKey key = ApiKey::DeleteTopics;
    static constexpr const char* name = "DeleteTopics";
    static constexpr int16_t maxVersion = 6;
    static constexpr int16_t firstFlexible = 4;
    using Request = DeleteTopicsRequest;
    using Response = DeleteTopicsResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
