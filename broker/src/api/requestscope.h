#pragma once

#include "api/dispatcher.h"
#include "protocol/bytereader.h"
#include "protocol/bytewriter.h"
#include "protocol/requestheader.h"

#include <memory>
#include <vector>

namespace samsa::broker::api {

// One request on its way through a handler: header, body bytes (kept alive by the frame) and
// what the handler may use.
struct RequestScope {
    ConnectionContext& connection;
    BrokerContext& broker;
    protocol::RequestHeader header;
    std::shared_ptr<std::vector<uint8_t>> frame;
    size_t bodyOffset = 0;

    int16_t version() const { return header.apiVersion; }
    std::span<const uint8_t> body() const { return std::span<const uint8_t>(*frame).subspan(bodyOffset); }
};

enum class HandlerStatus {
    Respond, // the body was written
    NoResponse, // nothing goes back (Produce with acks=0)
    Malformed, // the body could not be decoded: close the connection
};

// Starts a response frame: size placeholder and response header.
protocol::ByteWriter startResponse(const protocol::RequestHeader& header);
// Fills in the size placeholder.
void finishResponse(protocol::ByteWriter& out);

// Synchronous handlers, one per API (in api/<name>.cpp).
using SyncHandler = HandlerStatus (*)(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out);

HandlerStatus handleApiVersions(RequestScope&, protocol::ByteReader&, protocol::ByteWriter&);
HandlerStatus handleMetadata(RequestScope&, protocol::ByteReader&, protocol::ByteWriter&);
HandlerStatus handleProduce(RequestScope&, protocol::ByteReader&, protocol::ByteWriter&);
HandlerStatus handleListOffsets(RequestScope&, protocol::ByteReader&, protocol::ByteWriter&);
HandlerStatus handleInitProducerId(RequestScope&, protocol::ByteReader&, protocol::ByteWriter&);
HandlerStatus handleCreateTopics(RequestScope&, protocol::ByteReader&, protocol::ByteWriter&);
HandlerStatus handleDeleteTopics(RequestScope&, protocol::ByteReader&, protocol::ByteWriter&);
HandlerStatus handleCreatePartitions(RequestScope&, protocol::ByteReader&, protocol::ByteWriter&);
HandlerStatus handleDescribeConfigs(RequestScope&, protocol::ByteReader&, protocol::ByteWriter&);
HandlerStatus handleAlterConfigs(RequestScope&, protocol::ByteReader&, protocol::ByteWriter&);
HandlerStatus handleIncrementalAlterConfigs(RequestScope&, protocol::ByteReader&, protocol::ByteWriter&);
HandlerStatus handleDeleteRecords(RequestScope&, protocol::ByteReader&, protocol::ByteWriter&);
HandlerStatus handleDescribeLogDirs(RequestScope&, protocol::ByteReader&, protocol::ByteWriter&);
HandlerStatus handleSaslHandshake(RequestScope&, protocol::ByteReader&, protocol::ByteWriter&);
HandlerStatus handleSaslAuthenticate(RequestScope&, protocol::ByteReader&, protocol::ByteWriter&);
HandlerStatus handleOffsetCommit(RequestScope&, protocol::ByteReader&, protocol::ByteWriter&);
HandlerStatus handleOffsetFetch(RequestScope&, protocol::ByteReader&, protocol::ByteWriter&);
HandlerStatus handleOffsetDelete(RequestScope&, protocol::ByteReader&, protocol::ByteWriter&);
HandlerStatus handleHeartbeat(RequestScope&, protocol::ByteReader&, protocol::ByteWriter&);
HandlerStatus handleLeaveGroup(RequestScope&, protocol::ByteReader&, protocol::ByteWriter&);
HandlerStatus handleListGroups(RequestScope&, protocol::ByteReader&, protocol::ByteWriter&);
HandlerStatus handleDescribeGroups(RequestScope&, protocol::ByteReader&, protocol::ByteWriter&);
HandlerStatus handleDeleteGroups(RequestScope&, protocol::ByteReader&, protocol::ByteWriter&);

// Fetch may park, so it answers through the responder.
void handleFetch(std::shared_ptr<RequestScope> scope, Responder done);
// JoinGroup and SyncGroup wait for the other members; the coordinator answers them later.
void handleJoinGroup(std::shared_ptr<RequestScope> scope, Responder done);
void handleSyncGroup(std::shared_ptr<RequestScope> scope, Responder done);

// A raw SASL/PLAIN token after SaslHandshake v0 (no Kafka header).
Response handleRawSaslToken(ConnectionContext& connection, BrokerContext& broker, std::span<const uint8_t> token);

// The body of an UNSUPPORTED_VERSION answer to ApiVersions (always in the v0 layout).
void writeApiVersionsBody(protocol::ByteWriter& out, int16_t version, int16_t errorCode);

} // namespace samsa::broker::api
