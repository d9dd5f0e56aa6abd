#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"
#include "protocol/messages/leaderhints.h"

namespace samsa::broker::protocol {

struct FetchRequest {
    // v15+ (tagged): who is fetching, for followers. Ignored: there are no followers.
    struct ReplicaState {
        int32_t replicaId = -1;
        int64_t replicaEpoch = -1;

        bool operator==(const ReplicaState&) const = default;
        template <class Io> void fields(Io& io)
        {
            io.field(replicaId);
            io.field(replicaEpoch);
        }
    };

    struct Partition {
        int32_t partition = 0;
        int32_t currentLeaderEpoch = -1; // v9+; ignored: a single node is always the leader
        int64_t fetchOffset = 0;
        int32_t lastFetchedEpoch = -1; // v12+; ignored: no divergence without replicas
        int64_t logStartOffset = -1; // v5+; ignored: only followers send it
        int32_t partitionMaxBytes = 0;
        Uuid replicaDirectoryId {}; // v17+, tagged; ignored: followers only

        template <class Io> void fields(Io& io)
        {
            io.field(partition);
            io.field(currentLeaderEpoch, since(9));
            io.field(fetchOffset);
            io.field(lastFetchedEpoch, since(12));
            io.field(logStartOffset, since(5));
            io.field(partitionMaxBytes);
            io.tagged(0, replicaDirectoryId, since(17));
        }
    };

    struct Topic {
        std::string topic; // v0-12
        Uuid topicId {}; // v13+
        std::vector<Partition> partitions;

        template <class Io> void fields(Io& io)
        {
            io.field(topic, until(12));
            io.field(topicId, since(13));
            io.field(partitions);
        }
    };

    // Ignored: every fetch is a full fetch, so there is nothing to forget.
    struct ForgottenTopic {
        std::string topic; // v7-12
        Uuid topicId {}; // v13+
        std::vector<int32_t> partitions;

        template <class Io> void fields(Io& io)
        {
            io.field(topic, until(12));
            io.field(topicId, since(13));
            io.field(partitions);
        }
    };

    std::optional<std::string> clusterId; // v12+, tagged; ignored: brokers only
    int32_t replicaId = -1; // v0-14; ignored: there are no followers
    ReplicaState replicaState; // v15+, tagged
    int32_t maxWaitMs = 0;
    int32_t minBytes = 0;
    int32_t maxBytes = INT32_MAX; // v3+
    int8_t isolationLevel = 0; // v4+; ignored: without transactions both levels read the same
    int32_t sessionId = 0; // v7+
    int32_t sessionEpoch = -1; // v7+
    std::vector<Topic> topics;
    std::vector<ForgottenTopic> forgottenTopicsData; // v7+
    std::string rackId; // v11+; ignored: one node, one rack

    template <class Io> void fields(Io& io)
    {
        io.tagged(0, clusterId, since(12));
        io.field(replicaId, until(14));
        io.tagged(1, replicaState, since(15));
        io.field(maxWaitMs);
        io.field(minBytes);
        io.field(maxBytes, since(3));
        io.field(isolationLevel, since(4));
        io.field(sessionId, since(7));
        io.field(sessionEpoch, since(7));
        io.field(topics);
        io.field(forgottenTopicsData, since(7));
        io.field(rackId, since(11));
    }
};

struct FetchResponse {
    // The tagged partition fields below are for followers and leader changes: a single node
    // leaves them at their defaults, so they are never written.
    struct EpochEndOffset {
        int32_t epoch = -1;
        int64_t endOffset = -1;

        bool operator==(const EpochEndOffset&) const = default;
        template <class Io> void fields(Io& io)
        {
            io.field(epoch);
            io.field(endOffset);
        }
    };

    struct SnapshotId {
        int64_t endOffset = -1;
        int32_t epoch = -1;

        bool operator==(const SnapshotId&) const = default;
        template <class Io> void fields(Io& io)
        {
            io.field(endOffset);
            io.field(epoch);
        }
    };

    struct AbortedTransaction {
        int64_t producerId = 0;
        int64_t firstOffset = 0;

        template <class Io> void fields(Io& io)
        {
            io.field(producerId);
            io.field(firstOffset);
        }
    };

    struct Partition {
        int32_t partitionIndex = 0;
        int16_t errorCode = 0;
        int64_t highWatermark = 0;
        int64_t lastStableOffset = -1; // v4+
        int64_t logStartOffset = -1; // v5+
        EpochEndOffset divergingEpoch; // v12+, tagged
        LeaderIdAndEpoch currentLeader; // v12+, tagged
        SnapshotId snapshotId; // v12+, tagged
        // v4+: empty rather than null, as Kafka's own empty answers have it.
        std::optional<std::vector<AbortedTransaction>> abortedTransactions = std::vector<AbortedTransaction> {};
        int32_t preferredReadReplica = -1; // v11+
        // Segment file regions sent with sendfile. Empty rather than null when there is nothing
        // (an empty span until regions are added).
        Records records { std::span<const uint8_t> {}, {}, {} };

        template <class Io> void fields(Io& io)
        {
            io.field(partitionIndex);
            io.field(errorCode);
            io.field(highWatermark);
            io.field(lastStableOffset, since(4));
            io.field(logStartOffset, since(5));
            io.tagged(0, divergingEpoch, since(12));
            io.tagged(1, currentLeader, since(12));
            io.tagged(2, snapshotId, since(12));
            io.field(abortedTransactions, since(4));
            io.field(preferredReadReplica, since(11));
            io.field(records);
        }
    };

    struct Topic {
        std::string topic; // v0-12
        Uuid topicId {}; // v13+
        std::vector<Partition> partitions;

        template <class Io> void fields(Io& io)
        {
            io.field(topic, until(12));
            io.field(topicId, since(13));
            io.field(partitions);
        }
    };

    int32_t throttleTimeMs = 0; // v1+
    int16_t errorCode = 0; // v7+
    int32_t sessionId = 0; // v7+
    std::vector<Topic> topics;
    std::vector<NodeEndpoint> nodeEndpoints; // v16+, tagged: the leaders named in currentLeader

    template <class Io> void fields(Io& io)
    {
        io.field(throttleTimeMs, since(1));
        io.field(errorCode, since(7));
        io.field(sessionId, since(7));
        io.field(topics);
        io.tagged(0, nodeEndpoints, since(16));
    }
};

struct FetchApi {
    static constexpr ApiKey key = ApiKey::Fetch;
    static constexpr const char* name = "Fetch";
    static constexpr int16_t maxVersion = 17;
    static constexpr int16_t firstFlexible = 12;
    using Request = FetchRequest;
    using Response = FetchResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
