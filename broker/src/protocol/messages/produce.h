#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"
#include "protocol/messages/leaderhints.h"

namespace samsa::broker::protocol {

struct ProduceRequest {
    struct Partition {
        int32_t index = 0;
        // A view into the request frame, handed to the log as is (the RequestScope keeps the
        // frame alive): never copied.
        Records records;

        template <class Io> void fields(Io& io)
        {
            io.field(index);
            io.field(records);
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

    std::optional<std::string> transactionalId; // v3+; ignored: transactions are not served
    int16_t acks = 0; // 0 none, 1 leader, -1 all in-sync replicas
    int32_t timeoutMs = 0; // ignored: a single node never waits for replicas
    std::vector<Topic> topics;

    template <class Io> void fields(Io& io)
    {
        io.field(transactionalId, since(3));
        io.field(acks);
        io.field(timeoutMs);
        io.field(topics);
    }
};

struct ProduceResponse {
    struct RecordError {
        int32_t batchIndex = 0;
        std::optional<std::string> message;

        template <class Io> void fields(Io& io)
        {
            io.field(batchIndex);
            io.field(message);
        }
    };

    struct Partition {
        int32_t index = 0;
        int16_t errorCode = 0;
        int64_t baseOffset = 0;
        int64_t logAppendTimeMs = -1; // v2+
        int64_t logStartOffset = -1; // v5+
        std::vector<RecordError> recordErrors; // v8+
        std::optional<std::string> errorMessage; // v8+
        LeaderIdAndEpoch currentLeader; // v10+, tagged

        template <class Io> void fields(Io& io)
        {
            io.field(index);
            io.field(errorCode);
            io.field(baseOffset);
            io.field(logAppendTimeMs, since(2));
            io.field(logStartOffset, since(5));
            io.field(recordErrors, since(8));
            io.field(errorMessage, since(8));
            io.tagged(0, currentLeader, since(10));
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
    int32_t throttleTimeMs = 0; // v1+
    std::vector<NodeEndpoint> nodeEndpoints; // v10+, tagged: the leaders named in currentLeader

    template <class Io> void fields(Io& io)
    {
        io.field(topics);
        io.field(throttleTimeMs, since(1));
        io.tagged(0, nodeEndpoints, since(10));
    }
};

struct ProduceApi {
    static constexpr ApiKey key = ApiKey::Produce;
    static constexpr const char* name = "Produce";
    static constexpr int16_t maxVersion = 11;
    static constexpr int16_t firstFlexible = 9;
    using Request = ProduceRequest;
    using Response = ProduceResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
