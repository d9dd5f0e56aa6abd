#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct OffsetCommitRequest {
    struct Partition {
        int32_t partitionIndex = 0;
        int64_t committedOffset = 0;
        int32_t committedLeaderEpoch = -1;
        int64_t commitTimestamp = -1; // v1 only; ignored
        std::optional<std::string> committedMetadata;

        template <class Io> void fields(Io& io)
        {
            io.field(partitionIndex);
            io.field(committedOffset);
            io.field(committedLeaderEpoch, since(6));
            io.field(commitTimestamp, between(1, 1));
            io.field(committedMetadata);
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

    std::string groupId;
    int32_t generationIdOrMemberEpoch = -1; // v0 commits carry no generation
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    // Ignored: the broker's offsets.retention.minutes applies.
    int64_t retentionTimeMs = -1;
    std::vector<Topic> topics;

    template <class Io> void fields(Io& io)
    {
        io.field(groupId);
        io.field(generationIdOrMemberEpoch, since(1));
        io.field(memberId, since(1));
        io.field(groupInstanceId, since(7));
        io.field(retentionTimeMs, between(2, 4));
        io.field(topics);
    }
};

struct OffsetCommitResponse {
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

    int32_t throttleTimeMs = 0;
    std::vector<Topic> topics;

    template <class Io> void fields(Io& io)
    {
        io.field(throttleTimeMs, since(3));
        io.field(topics);
    }
};

struct OffsetCommitApi {
    static constexpr ApiKey key = ApiKey::OffsetCommit;
    static constexpr const char* name = "OffsetCommit";
    static constexpr int16_t maxVersion = 9;
    static constexpr int16_t firstFlexible = 8;
    using Request = OffsetCommitRequest;
    using Response = OffsetCommitResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
