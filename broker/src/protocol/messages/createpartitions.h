#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct CreatePartitionsRequest {
    struct Assignment {
        std::vector<int32_t> brokerIds;

        template <class Io> void fields(Io& io) { io.field(brokerIds); }
    };

    struct Topic {
        std::string name;
        int32_t count = 0; // the new partition count
        // Ignored: on a single node every new partition lands on this broker.
        std::optional<std::vector<Assignment>> assignments;

        template <class Io> void fields(Io& io)
        {
            io.field(name);
            io.field(count);
            io.field(assignments);
        }
    };

    std::vector<Topic> topics;
    int32_t timeoutMs = 0; // ignored: partitions are created before the answer
    bool validateOnly = false;

    template <class Io> void fields(Io& io)
    {
        io.field(topics);
        io.field(timeoutMs);
        io.field(validateOnly);
    }
};

struct CreatePartitionsResponse {
    struct Result {
        std::string name;
        int16_t errorCode = 0;
        std::optional<std::string> errorMessage;

        template <class Io> void fields(Io& io)
        {
            io.field(name);
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

struct CreatePartitionsApi {
    static constexpr ApiKey key = ApiKey::CreatePartitions;
    static constexpr const char* name = "CreatePartitions";
    static constexpr int16_t maxVersion = 3;
    static constexpr int16_t firstFlexible = 2;
    using Request = CreatePartitionsRequest;
    using Response = CreatePartitionsResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
