#include "api/handlers.h"
#include "api/requestscope.h"
#include "common/errors.h"
#include "common/log.h"
#include "protocol/messages/saslauthenticate.h"
#include "protocol/messages/saslhandshake.h"
#include "security/scramexchange.h"
#include "security/userstore.h"
#include "storage/brokerconfig.h"

#include <algorithm>

namespace samsa::broker::api {

namespace {

bool mechanismEnabled(const BrokerConfig& config, const std::string& mechanism)
{
    return std::find(config.saslEnabledMechanisms.begin(), config.saslEnabledMechanisms.end(), mechanism)
        != config.saslEnabledMechanisms.end();
}

bool mechanismImplemented(const std::string& mechanism)
{
    return mechanism == "PLAIN" || security::scramMechanismFromName(mechanism).has_value();
}

// What one client token led to, whatever the mechanism and however it came (SaslAuthenticate or raw).
struct SaslStep {
    enum class Outcome { Continue, Succeeded, Failed };
    Outcome outcome = Outcome::Failed;
    std::string serverToken;
    std::string error; // when Failed: for the client and the log
    std::string user; // when Succeeded
};

// Checks a SASL/PLAIN token: [authzid] NUL authcid NUL passwd.
SaslStep checkPlain(const BrokerContext& broker, std::span<const uint8_t> token)
{
    SaslStep step;
    step.error = "Authentication failed: Invalid username or password";
    const std::string_view text(reinterpret_cast<const char*>(token.data()), token.size());
    const size_t first = text.find('\0');
    if (first == std::string_view::npos)
        return step;
    const size_t second = text.find('\0', first + 1);
    if (second == std::string_view::npos)
        return step;
    const std::string_view authzid = text.substr(0, first);
    const std::string user(text.substr(first + 1, second - first - 1));
    const std::string_view password = text.substr(second + 1);
    if (!authzid.empty() && authzid != user)
        return step;
    if (!broker.users || !broker.users->checkPlain(user, password))
        return step;
    return SaslStep { SaslStep::Outcome::Succeeded, {}, {}, user };
}

SaslStep scramStep(security::ScramExchange& exchange, std::span<const uint8_t> token)
{
    auto step = exchange.next(std::string_view(reinterpret_cast<const char*>(token.data()), token.size()));
    switch (step.outcome) {
    case security::ScramExchange::Outcome::Continue:
        return SaslStep { SaslStep::Outcome::Continue, std::move(step.response), {}, {} };
    case security::ScramExchange::Outcome::Succeeded:
        return SaslStep { SaslStep::Outcome::Succeeded, std::move(step.response), {}, exchange.user() };
    case security::ScramExchange::Outcome::Failed:
        break;
    }
    return SaslStep { SaslStep::Outcome::Failed, std::move(step.response), std::move(step.error), {} };
}

// One token of the mechanism chosen in the handshake; records success or failure on the connection.
SaslStep authenticate(ConnectionContext& connection, std::span<const uint8_t> token, BrokerContext& broker)
{
    SaslStep step = connection.scramExchange ? scramStep(*connection.scramExchange, token) : checkPlain(broker, token);
    if (step.outcome == SaslStep::Outcome::Succeeded) {
        connection.saslState = ConnectionContext::SaslState::Authenticated;
        connection.principal = step.user;
        connection.scramExchange.reset();
    } else if (step.outcome == SaslStep::Outcome::Failed) {
        // The finished exchange stays: whatever else arrives fails too, rather than being read as PLAIN.
        connection.authenticationFailed = true;
        // The reason never holds a password or proof; user names are left out as PLAIN always did.
        log(LogLevel::Warning, "SASL/%s authentication failed for a client at %s: %s", connection.saslMechanism.c_str(),
            connection.peer().c_str(), step.error.c_str());
    }
    return step;
}

protocol::Bytes toBytes(const std::string& text)
{
    return protocol::Bytes(text.begin(), text.end());
}

} // namespace

protocol::SaslHandshakeResponse handle(RequestScope& scope, const protocol::SaslHandshakeRequest& request)
{
    const BrokerConfig& config = scope.broker.config;
    protocol::SaslHandshakeResponse response;
    ErrorCode error = ErrorCode::None;
    // A listener without SASL answers as Kafka's PLAINTEXT listener does: the handshake is out of place.
    if (scope.connection.saslState != ConnectionContext::SaslState::None || !scope.connection.saslRequired
        || config.saslEnabledMechanisms.empty())
        error = ErrorCode::IllegalSaslState;
    else if (!mechanismEnabled(config, request.mechanism) || !mechanismImplemented(request.mechanism))
        error = ErrorCode::UnsupportedSaslMechanism;
    response.errorCode = static_cast<int16_t>(error);
    response.mechanisms = config.saslEnabledMechanisms;
    if (error == ErrorCode::None) {
        ConnectionContext& connection = scope.connection;
        connection.saslState = ConnectionContext::SaslState::HandshakeDone;
        connection.saslMechanism = request.mechanism;
        if (const auto scram = security::scramMechanismFromName(request.mechanism)) {
            security::UserStore* users = scope.broker.users;
            connection.scramExchange = std::make_shared<security::ScramExchange>(
                *scram, [users, mechanism = *scram](const std::string& user) {
                    return users ? users->scramCredential(mechanism, user) : std::nullopt;
                });
        }
        // v0 handshakes are followed by raw tokens; v1 by SaslAuthenticate requests.
        connection.expectRawSaslToken = scope.version() == 0;
    }
    return response;
}

protocol::SaslAuthenticateResponse handle(RequestScope& scope, const protocol::SaslAuthenticateRequest& request)
{
    protocol::SaslAuthenticateResponse response;
    if (scope.connection.saslState != ConnectionContext::SaslState::HandshakeDone) {
        response.errorCode = static_cast<int16_t>(ErrorCode::IllegalSaslState);
        response.errorMessage = "SaslAuthenticate without a SaslHandshake first";
        scope.connection.closeAfterResponse = true;
        return response;
    }
    SaslStep step = authenticate(scope.connection, request.authBytes, scope.broker);
    response.authBytes = toBytes(step.serverToken);
    if (step.outcome == SaslStep::Outcome::Failed) {
        response.errorCode = static_cast<int16_t>(ErrorCode::SaslAuthenticationFailed);
        response.errorMessage = std::move(step.error);
        scope.connection.closeAfterResponse = true;
    }
    return response;
}

Response handleRawSaslToken(ConnectionContext& connection, BrokerContext& broker, std::span<const uint8_t> token)
{
    SaslStep step = authenticate(connection, token, broker);
    // Without Kafka headers a failure cannot be told: Kafka closes the connection, and so do we.
    if (step.outcome == SaslStep::Outcome::Failed)
        return Response { std::nullopt, true, {} };
    // SCRAM takes two rounds: the client's final message comes raw as well.
    connection.expectRawSaslToken = step.outcome == SaslStep::Outcome::Continue;
    protocol::ByteWriter out;
    out.writeInt32(static_cast<int32_t>(step.serverToken.size()));
    out.writeRaw(std::span(reinterpret_cast<const uint8_t*>(step.serverToken.data()), step.serverToken.size()));
    return Response { std::move(out), false, {} };
}

} // namespace samsa::broker::api
