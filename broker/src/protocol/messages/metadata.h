#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct MetadataRequest {
    struct Topic {
        Uuid topicId {}; // v10+
        std::optional<std::string> name; // null from v10: the topic is asked for by id

        template <class Io> void fields(Io& io)
        {
            io.field(topicId, since(10));
            io.field(name);
        }
    };

    // v0: an empty array asks for every topic. v1+: null asks for every topic, empty for none.
    std::optional<std::vector<Topic>> topics = std::vector<Topic> {};
    bool allowAutoTopicCreation = true;
    // Authorized operations are not computed (no ACLs here), so both flags are ignored.
    bool includeClusterAuthorizedOperations = false;
    bool includeTopicAuthorizedOperations = false;

    template <class Io> void fields(Io& io)
    {
        io.field(topics);
        io.field(allowAutoTopicCreation, since(4));
        io.field(includeClusterAuthorizedOperations, between(8, 10));
        io.field(includeTopicAuthorizedOperations, since(8));
    }
};

struct MetadataResponse {
    struct Broker {
        int32_t nodeId = 0;
        std::string host;
        int32_t port = 0;
        std::optional<std::string> rack;

        template <class Io> void fields(Io& io)
        {
            io.field(nodeId);
            io.field(host);
            io.field(port);
            io.field(rack, since(1));
        }
    };

    struct Partition {
        int16_t errorCode = 0;
        int32_t partitionIndex = 0;
        int32_t leaderId = 0;
        int32_t leaderEpoch = -1;
        std::vector<int32_t> replicaNodes;
        std::vector<int32_t> isrNodes;
        std::vector<int32_t> offlineReplicas;

        template <class Io> void fields(Io& io)
        {
            io.field(errorCode);
            io.field(partitionIndex);
            io.field(leaderId);
            io.field(leaderEpoch, since(7));
            io.field(replicaNodes);
            io.field(isrNodes);
            io.field(offlineReplicas, since(5));
        }
    };

    struct Topic {
        int16_t errorCode = 0;
        std::optional<std::string> name; // null only from v12, for an unknown topic asked for by id
        Uuid topicId {}; // v10+
        bool isInternal = false;
        std::vector<Partition> partitions;
        int32_t topicAuthorizedOperations = INT32_MIN;

        template <class Io> void fields(Io& io)
        {
            io.field(errorCode);
            io.field(name);
            io.field(topicId, since(10));
            io.field(isInternal, since(1));
            io.field(partitions);
            io.field(topicAuthorizedOperations, since(8));
        }
    };

    int32_t throttleTimeMs = 0;
    std::vector<Broker> brokers;
    std::optional<std::string> clusterId;
    int32_t controllerId = -1;
    std::vector<Topic> topics;
    int32_t clusterAuthorizedOperations = INT32_MIN;

    template <class Io> void fields(Io& io)
    {
        io.field(throttleTimeMs, since(3));
        io.field(brokers);
        io.field(clusterId, since(2));
        io.field(controllerId, since(1));
        io.field(topics);
        io.field(clusterAuthorizedOperations, between(8, 10));
    }
};

struct MetadataApi {
    static constexpr ApiKey key = ApiKey::Metadata;
    static constexpr const char* name = "Metadata";
    static constexpr int16_t maxVersion = 12;
    static constexpr int16_t firstFlexible = 9;
    using Request = MetadataRequest;
    using Response = MetadataResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
