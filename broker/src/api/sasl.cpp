#include "api/requestscope.h"
#include "common/errors.h"
#include "common/log.h"
#include "storage/brokerconfig.h"

#include <algorithm>

namespace samsa::broker::api {

namespace {

bool mechanismEnabled(const BrokerConfig& config, const std::string& mechanism)
{
    return std::find(config.saslEnabledMechanisms.begin(), config.saslEnabledMechanisms.end(), mechanism)
        != config.saslEnabledMechanisms.end();
}

// Checks a SASL/PLAIN token: [authzid] NUL authcid NUL passwd. Returns the user on success.
std::optional<std::string> checkPlain(const BrokerConfig& config, std::span<const uint8_t> token)
{
    const std::string text(reinterpret_cast<const char*>(token.data()), token.size());
    const size_t first = text.find('\0');
    if (first == std::string::npos)
        return std::nullopt;
    const size_t second = text.find('\0', first + 1);
    if (second == std::string::npos)
        return std::nullopt;
    const std::string authzid = text.substr(0, first);
    const std::string user = text.substr(first + 1, second - first - 1);
    const std::string password = text.substr(second + 1);
    if (!authzid.empty() && authzid != user)
        return std::nullopt;
    const auto it = config.saslPlainUsers.find(user);
    if (it == config.saslPlainUsers.end() || it->second != password)
        return std::nullopt;
    return user;
}

} // namespace

HandlerStatus handleSaslHandshake(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    const std::string mechanism = in.readString(false);
    if (!in.ok())
        return HandlerStatus::Malformed;
    const BrokerConfig& config = scope.broker.config;
    ErrorCode error = ErrorCode::None;
    // A listener without SASL answers as Kafka's PLAINTEXT listener does: the handshake is out of place.
    if (scope.connection.saslState != ConnectionContext::SaslState::None || config.saslEnabledMechanisms.empty())
        error = ErrorCode::IllegalSaslState;
    else if (!mechanismEnabled(config, mechanism) || mechanism != "PLAIN")
        error = ErrorCode::UnsupportedSaslMechanism;
    out.writeInt16(static_cast<int16_t>(error));
    out.writeArrayLength(false, static_cast<int32_t>(config.saslEnabledMechanisms.size()));
    for (const auto& m : config.saslEnabledMechanisms)
        out.writeString(false, m);
    if (error == ErrorCode::None) {
        scope.connection.saslState = ConnectionContext::SaslState::HandshakeDone;
        scope.connection.saslMechanism = mechanism;
        // v0 handshakes are followed by raw tokens; v1 by SaslAuthenticate requests.
        scope.connection.expectRawSaslToken = scope.version() == 0;
    }
    return HandlerStatus::Respond;
}

HandlerStatus handleSaslAuthenticate(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    const bool flexible = scope.version() >= 2;
    const auto token = in.readBytes(flexible);
    if (flexible)
        in.skipTaggedFields();
    if (!in.ok())
        return HandlerStatus::Malformed;
    ErrorCode error = ErrorCode::None;
    std::optional<std::string> message;
    if (scope.connection.saslState != ConnectionContext::SaslState::HandshakeDone) {
        error = ErrorCode::IllegalSaslState;
        message = "SaslAuthenticate without a SaslHandshake first";
    } else if (auto user = checkPlain(scope.broker.config, token)) {
        scope.connection.saslState = ConnectionContext::SaslState::Authenticated;
        scope.connection.principal = *user;
    } else {
        error = ErrorCode::SaslAuthenticationFailed;
        message = "Authentication failed: Invalid username or password";
        log(LogLevel::Warning, "SASL/PLAIN authentication failed for a client at %s", scope.connection.peer().c_str());
    }
    if (error != ErrorCode::None)
        scope.connection.closeAfterResponse = true;
    out.writeInt16(static_cast<int16_t>(error));
    out.writeNullableString(flexible, message);
    out.writeBytes(flexible, {});
    if (scope.version() >= 1)
        out.writeInt64(0); // session lifetime: no re-authentication required
    if (flexible)
        out.writeEmptyTaggedFields();
    return HandlerStatus::Respond;
}

Response handleRawSaslToken(ConnectionContext& connection, BrokerContext& broker, std::span<const uint8_t> token)
{
    if (auto user = checkPlain(broker.config, token)) {
        connection.saslState = ConnectionContext::SaslState::Authenticated;
        connection.principal = *user;
        protocol::ByteWriter out;
        out.writeInt32(0); // an empty server token
        return Response { std::move(out), false, {} };
    }
    return Response { std::nullopt, true, "SASL/PLAIN authentication failed" };
}

} // namespace samsa::broker::api
