#include "api/dispatcher.h"

#include "api/requestscope.h"
#include "api/serve.h"
#include "common/errors.h"
#include "common/log.h"
#include "protocol/apikeys.h"
#include "protocol/messages/servedapis.h"
#include "group/groupcoordinator.h"
#include "storage/brokerconfig.h"

namespace samsa::broker::api {

using protocol::ApiKey;

namespace {

SyncHandler syncHandlerFor(int16_t apiKey)
{
    switch (static_cast<ApiKey>(apiKey)) {
    case ApiKey::ApiVersions:
        return &handleApiVersions;
    case ApiKey::Metadata:
        return &handleMetadata;
    case ApiKey::Produce:
        return &handleProduce;
    case ApiKey::ListOffsets:
        return &handleListOffsets;
    case ApiKey::InitProducerId:
        return &handleInitProducerId;
    case ApiKey::CreateTopics:
        return &handleCreateTopics;
    case ApiKey::DeleteTopics:
        return &handleDeleteTopics;
    case ApiKey::CreatePartitions:
        return &handleCreatePartitions;
    case ApiKey::DescribeConfigs:
        return &handleDescribeConfigs;
    case ApiKey::AlterConfigs:
        return &handleAlterConfigs;
    case ApiKey::IncrementalAlterConfigs:
        return &handleIncrementalAlterConfigs;
    case ApiKey::DeleteRecords:
        return &handleDeleteRecords;
    case ApiKey::DescribeLogDirs:
        return &handleDescribeLogDirs;
    case ApiKey::SaslHandshake:
        return &handleSaslHandshake;
    case ApiKey::SaslAuthenticate:
        return &handleSaslAuthenticate;
    case ApiKey::OffsetCommit:
        return &handleOffsetCommit;
    case ApiKey::OffsetFetch:
        return &handleOffsetFetch;
    case ApiKey::OffsetDelete:
        return &handleOffsetDelete;
    case ApiKey::Heartbeat:
        return &handleHeartbeat;
    case ApiKey::LeaveGroup:
        return &handleLeaveGroup;
    case ApiKey::ListGroups:
        return &handleListGroups;
    case ApiKey::DescribeGroups:
        return &handleDescribeGroups;
    case ApiKey::DeleteGroups:
        return &handleDeleteGroups;
    default:
        break;
    }
    return nullptr;
}

bool saslExempt(int16_t apiKey)
{
    return apiKey == static_cast<int16_t>(ApiKey::ApiVersions) || apiKey == static_cast<int16_t>(ApiKey::SaslHandshake)
        || apiKey == static_cast<int16_t>(ApiKey::SaslAuthenticate);
}

} // namespace

protocol::ByteWriter startResponse(const protocol::RequestHeader& header)
{
    protocol::ByteWriter out;
    out.buffer().reserve(256);
    out.reserveInt32();
    protocol::writeResponseHeader(out, header);
    return out;
}

void finishResponse(protocol::ByteWriter& out)
{
    out.patchInt32(0, static_cast<int32_t>(out.totalSize() - 4));
}

Dispatcher::Dispatcher(LogManager& logs, const BrokerConfig& config, std::string advertisedHost, int32_t advertisedPort)
    : m_broker { logs, config, {}, std::move(advertisedHost), advertisedPort }
{
    group::CoordinatorOptions options;
    options.offsetsTopicPartitions = config.offsetsTopicNumPartitions;
    options.initialRebalanceDelayMs = config.groupInitialRebalanceDelayMs;
    options.minSessionTimeoutMs = config.groupMinSessionTimeoutMs;
    options.maxSessionTimeoutMs = config.groupMaxSessionTimeoutMs;
    options.offsetsRetentionMs = config.offsetsRetentionMs;
    options.offsetsRetentionCheckIntervalMs = config.offsetsRetentionCheckIntervalMs;
    m_groups = std::make_unique<group::GroupCoordinator>(logs, options);
    m_broker.groups = m_groups.get();
}

Dispatcher::~Dispatcher() = default;

void Dispatcher::beginShutdown()
{
    m_groups->shutdown();
}

void Dispatcher::dispatch(ConnectionContext& connection, std::shared_ptr<std::vector<uint8_t>> frame, Responder done)
{
    if (connection.expectRawSaslToken) {
        connection.expectRawSaslToken = false;
        done(handleRawSaslToken(connection, m_broker, *frame));
        return;
    }
    protocol::ByteReader reader(*frame);
    auto header = protocol::parseRequestHeader(reader);
    if (!header) {
        done(Response { std::nullopt, true, "malformed request header" });
        return;
    }
    if (!protocol::isSupported(header->apiKey, header->apiVersion)) {
        log(LogLevel::Debug, "%s sent api key %d version %d, which we do not serve", connection.peer().c_str(),
            header->apiKey, header->apiVersion);
        RequestScope scope { connection, m_broker, *header, frame, reader.position() };
        const bool answered = protocol::ServedApis::visit(
            header->apiKey, [&]<class Api>() { done(answerUnsupportedVersion<Api>(scope)); });
        if (answered)
            return;
        protocol::ByteWriter out = startResponse(*header);
        if (header->apiKey == static_cast<int16_t>(ApiKey::ApiVersions))
            writeApiVersionsBody(out, 0, static_cast<int16_t>(ErrorCode::UnsupportedVersion));
        else
            out.writeInt16(static_cast<int16_t>(ErrorCode::UnsupportedVersion));
        finishResponse(out);
        done(Response { std::move(out), false, {} });
        return;
    }
    if (!m_broker.config.saslEnabledMechanisms.empty()
        && connection.saslState != ConnectionContext::SaslState::Authenticated && !saslExempt(header->apiKey)) {
        done(Response { std::nullopt, true,
            "request of api key " + std::to_string(header->apiKey) + " before SASL authentication" });
        return;
    }

    auto scope = std::make_shared<RequestScope>(
        RequestScope { connection, m_broker, std::move(*header), std::move(frame), reader.position() });
    if (protocol::ServedApis::visit(scope->header.apiKey, [&]<class Api>() { serve<Api>(scope, done); }))
        return;
    if (scope->header.apiKey == static_cast<int16_t>(ApiKey::Fetch)) {
        handleFetch(std::move(scope), std::move(done));
        return;
    }
    if (scope->header.apiKey == static_cast<int16_t>(ApiKey::JoinGroup)) {
        handleJoinGroup(std::move(scope), std::move(done));
        return;
    }
    if (scope->header.apiKey == static_cast<int16_t>(ApiKey::SyncGroup)) {
        handleSyncGroup(std::move(scope), std::move(done));
        return;
    }
    SyncHandler handler = syncHandlerFor(scope->header.apiKey);
    protocol::ByteReader body(scope->body());
    protocol::ByteWriter out = startResponse(scope->header);
    const HandlerStatus status = handler(*scope, body, out);
    switch (status) {
    case HandlerStatus::Respond:
        finishResponse(out);
        done(Response { std::move(out), connection.closeAfterResponse, {} });
        return;
    case HandlerStatus::NoResponse:
        done(Response {});
        return;
    case HandlerStatus::Malformed:
        done(Response { std::nullopt, true,
            "malformed request body (api key " + std::to_string(scope->header.apiKey) + " version "
                + std::to_string(scope->header.apiVersion) + ")" });
        return;
    }
}

} // namespace samsa::broker::api
