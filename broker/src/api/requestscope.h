#pragma once

#include "api/dispatcher.h"
#include "protocol/bytereader.h"
#include "protocol/bytewriter.h"
#include "protocol/requestheader.h"
#include "security/aclbinding.h"

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

    // Whether this connection's principal may do the operation on the resource (always true
    // without an authorizer). Every handler asks through these (api/authorization.cpp).
    bool authorize(security::AclOperation operation, security::ResourceType type, const std::string& name) const;
    bool authorizeCluster(security::AclOperation operation) const;
    // On at least one resource of the type (Kafka's authorizeByResourceType).
    bool authorizeAny(security::AclOperation operation, security::ResourceType type) const;
};

// Starts a response frame: size placeholder and response header.
protocol::ByteWriter startResponse(const protocol::RequestHeader& header);
// Fills in the size placeholder.
void finishResponse(protocol::ByteWriter& out);

// A raw SASL/PLAIN token after SaslHandshake v0 (no Kafka header).
Response handleRawSaslToken(ConnectionContext& connection, BrokerContext& broker, std::span<const uint8_t> token);

} // namespace samsa::broker::api
