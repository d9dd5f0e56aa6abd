#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct OffsetDeleteRequest {
    struct Partition {
        int32_t partitionIndex = 0;

        template <class Io> void fields(Io& io) { io.field(partitionIndex); }
    };

    struct Topic {
        std::string name;
        std::vector<Partition> partitions;

        template <class Io> void fields(Io& io)
        {
            io.field(name);
            io.field(partitions);
        }
    };

    std::string groupId;
    std::vector<Topic> topics;

    template <class Io> void fields(Io& io)
    {
        io.field(groupId);
        io.field(topics);
    }
};

struct OffsetDeleteResponse {
    struct Partition {
        int32_t partitionIndex = 0;
        int16_t errorCode = 0;

        template <class Io> void fields(Io& io)
        {
            io.field(partitionIndex);
            io.field(errorCode);
        }
    };

    struct Topic {
        std::string name;
        std::vector<Partition> partitions;

        template <class Io> void fields(Io& io)
        {
            io.field(name);
            io.field(partitions);
        }
    };

    int16_t errorCode = 0;
    int32_t throttleTimeMs = 0;
    std::vector<Topic> topics;

    template <class Io> void fields(Io& io)
    {
        io.field(errorCode);
        io.field(throttleTimeMs);
        io.field(topics);
    }
};

struct OffsetDeleteApi {
    static constexpr ApiKey key = ApiKey::OffsetDelete;
    static constexpr const char* name = "OffsetDelete";
    static constexpr int16_t maxVersion = 0;
    static constexpr int16_t firstFlexible = -1;
    using Request = OffsetDeleteRequest;
    using Response = OffsetDeleteResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
