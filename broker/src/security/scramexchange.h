#pragma once

// The server side of one SCRAM exchange (RFC 5802, RFC 7677), one per connection: the client's
// first message in, the server-first out; the client's final message in, the server-final
// (v=signature) or a failure out. Messages are parsed and written by scrammessages.h; credentials
// come from a lookup, so the exchange works without a user store (tests, the RFC 7677 vector).

#include "security/scramcredentials.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace samsa::broker::security {

class ScramExchange {
public:
    using CredentialLookup = std::function<std::optional<ScramCredential>(const std::string& user)>;

    // serverNonce: the part of the nonce this side adds; empty picks a random one (tests give
    // the RFC 7677 one).
    ScramExchange(ScramMechanism mechanism, CredentialLookup lookup, std::string serverNonce = {});

    enum class Outcome { Continue, Succeeded, Failed };
    struct Step {
        Outcome outcome = Outcome::Failed;
        std::string response; // server-first, server-final or server-error; may be empty when Failed
        std::string error; // when Failed: for the client and the log (never a secret)
    };

    // Takes the client's next message. After a Failed or Succeeded step every further message fails.
    Step next(std::string_view clientMessage);

    ScramMechanism mechanism() const { return m_mechanism; }
    // The authenticated user, once a step Succeeded.
    const std::string& user() const { return m_user; }

private:
    Step receiveClientFirst(std::string_view text);
    Step receiveClientFinal(std::string_view text);
    Step fail(std::string error, std::string response = {});
    ScramCredential credentialFor(const std::string& user) const;

    enum class State { ExpectClientFirst, ExpectClientFinal, Finished };

    ScramMechanism m_mechanism;
    CredentialLookup m_lookup;
    std::string m_serverNonce;
    State m_state = State::ExpectClientFirst;
    ScramCredential m_credential;
    std::string m_gs2Header;
    std::string m_clientNonce;
    std::string m_nonce; // client nonce + server nonce
    std::string m_clientFirstBare;
    std::string m_serverFirst;
    std::string m_candidateUser; // named in the client-first, authenticated only by the proof
    std::string m_user;
};

} // namespace samsa::broker::security
