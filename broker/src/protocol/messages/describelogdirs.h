#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct DescribeLogDirsRequest {
    struct Topic {
        std::string topic;
        std::vector<int32_t> partitions;

        template <class Io> void fields(Io& io)
        {
            io.field(topic);
            io.field(partitions);
        }
    };

    std::optional<std::vector<Topic>> topics; // null: every partition

    template <class Io> void fields(Io& io) { io.field(topics); }
};

struct DescribeLogDirsResponse {
    struct Partition {
        int32_t partitionIndex = 0;
        int64_t partitionSize = 0;
        int64_t offsetLag = 0;
        bool isFutureKey = false;

        template <class Io> void fields(Io& io)
        {
            io.field(partitionIndex);
            io.field(partitionSize);
            io.field(offsetLag);
            io.field(isFutureKey);
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

    struct Result {
        int16_t errorCode = 0;
        std::string logDir;
        std::vector<Topic> topics;
        int64_t totalBytes = -1; // v4+
        int64_t usableBytes = -1; // v4+

        template <class Io> void fields(Io& io)
        {
            io.field(errorCode);
            io.field(logDir);
            io.field(topics);
            io.field(totalBytes, since(4));
            io.field(usableBytes, since(4));
        }
    };

    int32_t throttleTimeMs = 0;
    int16_t errorCode = 0; // v3+
    std::vector<Result> results;

    template <class Io> void fields(Io& io)
    {
        io.field(throttleTimeMs);
        io.field(errorCode, since(3));
        io.field(results);
    }
};

struct DescribeLogDirsApi {
    static constexpr ApiKey key = ApiKey::DescribeLogDirs;
    static constexpr const char* name = "DescribeLogDirs";
    static constexpr int16_t maxVersion = 4;
    static constexpr int16_t firstFlexible = 2;
    using Request = DescribeLogDirsRequest;
    using Response = DescribeLogDirsResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
