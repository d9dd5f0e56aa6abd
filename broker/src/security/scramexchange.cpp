#include "security/scramexchange.h"

#include "common/base64.h"
#include "security/scrammessages.h"

namespace samsa::broker::security {

namespace {

constexpr const char* kInvalidCredentials = "Authentication failed: Invalid user credentials";

// Key of this process for the stand-in salts of unknown users (see credentialFor).
const std::string& unknownUserKey()
{
    static const std::string key = randomBytes(32);
    return key;
}

} // namespace

ScramExchange::ScramExchange(ScramMechanism mechanism, CredentialLookup lookup, std::string serverNonce)
    : m_mechanism(mechanism)
    , m_lookup(std::move(lookup))
    , m_serverNonce(serverNonce.empty() ? encodeBase64(randomBytes(24)) : std::move(serverNonce))
{
}

ScramExchange::Step ScramExchange::next(std::string_view clientMessage)
{
    switch (m_state) {
    case State::ExpectClientFirst:
        return receiveClientFirst(clientMessage);
    case State::ExpectClientFinal:
        return receiveClientFinal(clientMessage);
    case State::Finished:
        break;
    }
    return fail("Authentication failed: the SCRAM exchange is already over");
}

ScramExchange::Step ScramExchange::fail(std::string error, std::string response)
{
    m_state = State::Finished;
    return Step { Outcome::Failed, std::move(response), std::move(error) };
}

// An unknown user gets a made-up credential that no proof matches, with a salt that stays the
// same for that name, and fails only at the proof as a wrong password does (RFC 5802 section 9
// suggests it): the first answer does not tell which user names exist. Kafka fails earlier.
ScramCredential ScramExchange::credentialFor(const std::string& user) const
{
    if (auto credential = m_lookup ? m_lookup(user) : std::nullopt)
        return *credential;
    ScramCredential standIn;
    standIn.salt = scramHmac(
        ScramMechanism::Sha256, unknownUserKey(), std::string(scramMechanismName(m_mechanism)) + '\0' + user);
    standIn.iterations = kScramIterations;
    standIn.storedKey = randomBytes(scramHash(m_mechanism, {}).size());
    standIn.serverKey = randomBytes(standIn.storedKey.size());
    return standIn;
}

ScramExchange::Step ScramExchange::receiveClientFirst(std::string_view text)
{
    auto parsed = parseClientFirstMessage(text);
    if (!parsed.message)
        return fail("Authentication failed: invalid SCRAM client-first message: " + parsed.error);
    ClientFirstMessage& first = *parsed.message;
    if (!first.authorizationId.empty() && first.authorizationId != first.user)
        return fail("Authentication failed: Client requested an authorization id that is different from username");
    m_candidateUser = first.user;
    m_credential = credentialFor(first.user);
    m_gs2Header = std::move(first.gs2Header);
    m_clientFirstBare = std::move(first.bare);
    m_clientNonce = first.nonce;
    m_nonce = first.nonce + m_serverNonce;
    m_serverFirst = formatServerFirstMessage(m_nonce, m_credential.salt, m_credential.iterations);
    m_state = State::ExpectClientFinal;
    return Step { Outcome::Continue, m_serverFirst, {} };
}

ScramExchange::Step ScramExchange::receiveClientFinal(std::string_view text)
{
    auto parsed = parseClientFinalMessage(text);
    if (!parsed.message)
        return fail("Authentication failed: invalid SCRAM client-final message: " + parsed.error);
    const ClientFinalMessage& clientFinal = *parsed.message;
    // librdkafka before 2.7 (Debian 12 has 2.0.2) repeats its own nonce in front of the whole one;
    // Kafka 3.8.1 accepts that too (endsWith). Only that one form is let through besides the RFC's.
    if (clientFinal.nonce != m_nonce && clientFinal.nonce != m_clientNonce + m_nonce)
        return fail("Authentication failed: the client-final message does not repeat the nonce");
    if (clientFinal.channelBinding != m_gs2Header)
        return fail("Authentication failed: the channel binding (c=) does not repeat the GS2 header");
    const std::string authMessage = m_clientFirstBare + "," + m_serverFirst + "," + clientFinal.withoutProof;
    const std::string clientSignature = scramHmac(m_mechanism, m_credential.storedKey, authMessage);
    if (clientFinal.proof.size() != clientSignature.size())
        return fail(kInvalidCredentials, formatServerError("invalid-proof"));
    std::string clientKey = clientFinal.proof;
    for (size_t i = 0; i < clientKey.size(); ++i)
        clientKey[i] = static_cast<char>(clientKey[i] ^ clientSignature[i]);
    if (!constantTimeEquals(scramHash(m_mechanism, clientKey), m_credential.storedKey))
        return fail(kInvalidCredentials, formatServerError("invalid-proof"));
    m_state = State::Finished;
    m_user = m_candidateUser;
    return Step { Outcome::Succeeded,
        formatServerFinalMessage(scramHmac(m_mechanism, m_credential.serverKey, authMessage)), {} };
}

} // namespace samsa::broker::security
