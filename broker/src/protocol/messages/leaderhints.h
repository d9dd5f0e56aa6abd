#pragma once

// Structs that Produce and Fetch responses share (tagged, v10+ and v12+): where a client should go
// after NOT_LEADER_OR_FOLLOWER. A single node never sends them, so they stay at their defaults.

#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct LeaderIdAndEpoch {
    int32_t leaderId = -1;
    int32_t leaderEpoch = -1;

    bool operator==(const LeaderIdAndEpoch&) const = default;
    template <class Io> void fields(Io& io)
    {
        io.field(leaderId);
        io.field(leaderEpoch);
    }
};

struct NodeEndpoint {
    int32_t nodeId = 0;
    std::string host;
    int32_t port = 0;
    std::optional<std::string> rack;

    template <class Io> void fields(Io& io)
    {
        io.field(nodeId);
        io.field(host);
        io.field(port);
        io.field(rack);
    }
};

} // namespace samsa::broker::protocol
