#include "api/handlers.h"
#include "api/requestscope.h"
#include "common/errors.h"
#include "common/log.h"
#include "protocol/messages/saslauthenticate.h"
#include "protocol/messages/saslhandshake.h"
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

protocol::SaslHandshakeResponse handle(RequestScope& scope, const protocol::SaslHandshakeRequest& request)
{
    const BrokerConfig& config = scope.broker.config;
    protocol::SaslHandshakeResponse response;
    ErrorCode error = ErrorCode::None;
    // A listener without SASL answers as Kafka's PLAINTEXT listener does: the handshake is out of place.
    if (scope.connection.saslState != ConnectionContext::SaslState::None || config.saslEnabledMechanisms.empty())
        error = ErrorCode::IllegalSaslState;
    else if (!mechanismEnabled(config, request.mechanism) || request.mechanism != "PLAIN")
        error = ErrorCode::UnsupportedSaslMechanism;
    response.errorCode = static_cast<int16_t>(error);
    response.mechanisms = config.saslEnabledMechanisms;
    if (error == ErrorCode::None) {
        scope.connection.saslState = ConnectionContext::SaslState::HandshakeDone;
        scope.connection.saslMechanism = request.mechanism;
        // v0 handshakes are followed by raw tokens; v1 by SaslAuthenticate requests.
        scope.connection.expectRawSaslToken = scope.version() == 0;
    }
    return response;
}

protocol::SaslAuthenticateResponse handle(RequestScope& scope, const protocol::SaslAuthenticateRequest& request)
{
    protocol::SaslAuthenticateResponse response;
    ErrorCode error = ErrorCode::None;
    if (scope.connection.saslState != ConnectionContext::SaslState::HandshakeDone) {
        error = ErrorCode::IllegalSaslState;
        response.errorMessage = "SaslAuthenticate without a SaslHandshake first";
    } else if (auto user = checkPlain(scope.broker.config, request.authBytes)) {
        scope.connection.saslState = ConnectionContext::SaslState::Authenticated;
        scope.connection.principal = *user;
    } else {
        error = ErrorCode::SaslAuthenticationFailed;
        response.errorMessage = "Authentication failed: Invalid username or password";
        scope.connection.authenticationFailed = true;
        log(LogLevel::Warning, "SASL/PLAIN authentication failed for a client at %s", scope.connection.peer().c_str());
    }
    if (error != ErrorCode::None)
        scope.connection.closeAfterResponse = true;
    response.errorCode = static_cast<int16_t>(error);
    return response;
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
    connection.authenticationFailed = true;
    log(LogLevel::Warning, "SASL/PLAIN authentication failed for a client at %s", connection.peer().c_str());
    return Response { std::nullopt, true, {} };
}

} // namespace samsa::broker::api
