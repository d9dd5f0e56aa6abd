#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct OffsetFetchRequest {
    struct Topic {
        std::string name;
        std::vector<int32_t> partitionIndexes;

        template <class Io> void fields(Io& io)
        {
            io.field(name);
            io.field(partitionIndexes);
        }
    };

    // v8+: one entry per group asked about.
    struct Group {
        std::string groupId;
        // v9 (new consumer protocol): ignored, the offsets are answered to anyone who asks.
        std::optional<std::string> memberId;
        int32_t memberEpoch = -1;
        std::optional<std::vector<Topic>> topics; // null: every topic

        template <class Io> void fields(Io& io)
        {
            io.field(groupId);
            io.field(memberId, since(9));
            io.field(memberEpoch, since(9));
            io.field(topics);
        }
    };

    std::string groupId; // v0-7: one group
    // Null means every topic. Nullable on the wire from v2; a null in v0-1 is read the same way.
    std::optional<std::vector<Topic>> topics;
    std::vector<Group> groups;
    // Ignored: there are no pending transactional offsets to wait for.
    bool requireStable = false;

    template <class Io> void fields(Io& io)
    {
        io.field(groupId, until(7));
        io.field(topics, until(7));
        io.field(groups, since(8));
        io.field(requireStable, since(7));
    }
};

struct OffsetFetchResponse {
    struct Partition {
        int32_t partitionIndex = 0;
        int64_t committedOffset = -1;
        int32_t committedLeaderEpoch = -1;
        std::optional<std::string> metadata;
        int16_t errorCode = 0;

        template <class Io> void fields(Io& io)
        {
            io.field(partitionIndex);
            io.field(committedOffset);
            io.field(committedLeaderEpoch, since(5));
            io.field(metadata);
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

    // v8+: one entry per group asked about.
    struct Group {
        std::string groupId;
        std::vector<Topic> topics;
        int16_t errorCode = 0;

        template <class Io> void fields(Io& io)
        {
            io.field(groupId);
            io.field(topics);
            io.field(errorCode);
        }
    };

    int32_t throttleTimeMs = 0;
    std::vector<Topic> topics; // v0-7
    int16_t errorCode = 0; // v2-7
    std::vector<Group> groups; // v8+

    template <class Io> void fields(Io& io)
    {
        io.field(throttleTimeMs, since(3));
        io.field(topics, until(7));
        io.field(errorCode, between(2, 7));
        io.field(groups, since(8));
    }
};

struct OffsetFetchApi {
    static constexpr ApiKey key = ApiKey::OffsetFetch;
    static constexpr const char* name = "OffsetFetch";
    static constexpr int16_t maxVersion = 9;
    static constexpr int16_t firstFlexible = 6;
    using Request = OffsetFetchRequest;
    using Response = OffsetFetchResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
