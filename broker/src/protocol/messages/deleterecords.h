#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct DeleteRecordsRequest {
    struct Partition {
        int32_t partitionIndex = 0;
        int64_t offset = 0; // records before it go; -1: up to the high watermark

        template <class Io> void fields(Io& io)
        {
            io.field(partitionIndex);
            io.field(offset);
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

    std::vector<Topic> topics;
    int32_t timeoutMs = 0; // ignored: records are deleted before the answer

    template <class Io> void fields(Io& io)
    {
        io.field(topics);
        io.field(timeoutMs);
    }
};

struct DeleteRecordsResponse {
    struct Partition {
        int32_t partitionIndex = 0;
        int64_t lowWatermark = 0;
        int16_t errorCode = 0;

        template <class Io> void fields(Io& io)
        {
            io.field(partitionIndex);
            io.field(lowWatermark);
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

    int32_t throttleTimeMs = 0;
    std::vector<Topic> topics;

    template <class Io> void fields(Io& io)
    {
        io.field(throttleTimeMs);
        io.field(topics);
    }
};

struct DeleteRecordsApi {
    static constexpr ApiKey key = ApiKey::DeleteRecords;
    static constexpr const char* name = "DeleteRecords";
    static constexpr int16_t maxVersion = 2;
    static constexpr int16_t firstFlexible = 2;
    using Request = DeleteRecordsRequest;
    using Response = DeleteRecordsResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
