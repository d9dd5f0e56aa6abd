#pragma once

// The SCRAM messages of RFC 5802 section 7 as Kafka exchanges them: the server side parses the
// client's two messages and formats its own two. Parsing is strict; nothing here knows users,
// keys or state (see ScramExchange).

#include <optional>
#include <string>
#include <string_view>

namespace samsa::broker::security {

// Longer client messages are refused: a real one is well under 1 KiB.
constexpr size_t kMaxScramMessageBytes = 4096;

struct ClientFirstMessage {
    std::string gs2Header; // "n,," or "n,a=NAME," as sent: the client-final's c= must repeat it
    std::string authorizationId; // decoded; empty when the client gave none
    std::string user; // decoded saslname (=2C and =3D become ',' and '=')
    std::string nonce;
    std::string bare; // client-first-message-bare, part of the AuthMessage
};

struct ClientFinalMessage {
    std::string channelBinding; // decoded c=
    std::string nonce;
    std::string proof; // decoded p=
    std::string withoutProof; // client-final-message-without-proof, part of the AuthMessage
};

template <class Message> struct ScramParse {
    std::optional<Message> message;
    std::string error; // why not, when message is empty; safe to show the client and to log
};

ScramParse<ClientFirstMessage> parseClientFirstMessage(std::string_view text);
ScramParse<ClientFinalMessage> parseClientFinalMessage(std::string_view text);

// A saslname with its =2C and =3D decoded; nullopt for a bare ',' or '=', or an empty name.
std::optional<std::string> decodeSaslName(std::string_view name);
// The reverse, for clients (the tests).
std::string encodeSaslName(std::string_view name);

std::string formatServerFirstMessage(std::string_view nonce, std::string_view salt, int iterations);
std::string formatServerFinalMessage(std::string_view serverSignature);
// server-error, e.g. "e=invalid-proof".
std::string formatServerError(std::string_view error);

} // namespace samsa::broker::security
