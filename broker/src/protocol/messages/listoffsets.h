#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct ListOffsetsRequest {
    struct Partition {
        int32_t partitionIndex = 0;
        int32_t currentLeaderEpoch = -1; // v4+; ignored: a single node is always the leader
        int64_t timestamp = 0; // a time, or one of the special values -1 to -5
        int32_t maxNumOffsets = 1; // v0 only

        template <class Io> void fields(Io& io)
        {
            io.field(partitionIndex);
            io.field(currentLeaderEpoch, since(4));
            io.field(timestamp);
            io.field(maxNumOffsets, until(0));
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

    int32_t replicaId = 0; // ignored: there are no followers
    int8_t isolationLevel = 0; // v2+; ignored: without transactions both levels read the same
    std::vector<Topic> topics;
    int32_t timeoutMs = 0; // v10+; ignored: there is no remote storage to wait for

    template <class Io> void fields(Io& io)
    {
        io.field(replicaId);
        io.field(isolationLevel, since(2));
        io.field(topics);
        io.field(timeoutMs, since(10));
    }
};

struct ListOffsetsResponse {
    struct Partition {
        int32_t partitionIndex = 0;
        int16_t errorCode = 0;
        std::vector<int64_t> oldStyleOffsets; // v0 only
        int64_t timestamp = -1; // v1+
        int64_t offset = -1; // v1+
        int32_t leaderEpoch = -1; // v4+

        template <class Io> void fields(Io& io)
        {
            io.field(partitionIndex);
            io.field(errorCode);
            io.field(oldStyleOffsets, until(0));
            io.field(timestamp, since(1));
            io.field(offset, since(1));
            io.field(leaderEpoch, since(4));
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

    int32_t throttleTimeMs = 0; // v2+
    std::vector<Topic> topics;

    template <class Io> void fields(Io& io)
    {
        io.field(throttleTimeMs, since(2));
        io.field(topics);
    }
};

struct ListOffsetsApi {
    static constexpr ApiKey key = ApiKey::ListOffsets;
    static constexpr const char* name = "ListOffsets";
    static constexpr int16_t maxVersion = 10;
    static constexpr int16_t firstFlexible = 6;
    using Request = ListOffsetsRequest;
    using Response = ListOffsetsResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
