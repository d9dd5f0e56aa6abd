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
    options.offsetsTopicSegmentBytes = config.offsetsTopicSegmentBytes;
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
        if (!answered) // an API key we do not know: Kafka closes such connections too
            done(Response { std::nullopt, true, "unknown api key " + std::to_string(header->apiKey) });
        return;
    }
    // Only SASL_PLAINTEXT and SASL_SSL listeners demand a login: PLAINTEXT and SSL never ask for one.
    if (connection.saslRequired
        && connection.saslState != ConnectionContext::SaslState::Authenticated && !saslExempt(header->apiKey)) {
        done(Response { std::nullopt, true,
            "request of api key " + std::to_string(header->apiKey) + " before SASL authentication" });
        return;
    }

    auto scope = std::make_shared<RequestScope>(
        RequestScope { connection, m_broker, std::move(*header), std::move(frame), reader.position() });
    // isSupported() above holds only for the APIs in ServedApis, so this always finds one.
    protocol::ServedApis::visit(scope->header.apiKey, [&]<class Api>() { serve<Api>(scope, done); });
}

} // namespace samsa::broker::api
