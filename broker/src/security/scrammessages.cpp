#include "security/scrammessages.h"

#include "common/base64.h"

#include <vector>

namespace samsa::broker::security {

namespace {

std::vector<std::string_view> splitAttributes(std::string_view text)
{
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (true) {
        const size_t comma = text.find(',', start);
        parts.push_back(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        if (comma == std::string_view::npos)
            return parts;
        start = comma + 1;
    }
}

// The value of "x=VALUE" when attribute has that name, else nullopt.
std::optional<std::string_view> attributeValue(std::string_view attribute, char name)
{
    if (attribute.size() < 2 || attribute[0] != name || attribute[1] != '=')
        return std::nullopt;
    return attribute.substr(2);
}

// RFC 5802: printable ASCII except ','.
bool validNonce(std::string_view nonce)
{
    if (nonce.empty())
        return false;
    for (const char c : nonce) {
        if (c < 0x21 || c > 0x7e || c == ',')
            return false;
    }
    return true;
}

// Why a message must be refused before it is looked at more closely, or empty.
std::string checkSize(std::string_view text)
{
    if (text.empty())
        return "empty message";
    if (text.size() > kMaxScramMessageBytes)
        return "message longer than " + std::to_string(kMaxScramMessageBytes) + " bytes";
    if (text.find('\0') != std::string_view::npos)
        return "NUL byte in message";
    return {};
}

// Extensions: Kafka knows only tokenauth (delegation tokens), which this broker does not serve.
std::string extensionError(std::string_view attribute)
{
    if (attribute.starts_with("tokenauth="))
        return "delegation token authentication (tokenauth) is not supported";
    return "unsupported SCRAM extension";
}

template <class Message> ScramParse<Message> refuse(std::string error)
{
    return ScramParse<Message> { std::nullopt, std::move(error) };
}

} // namespace

std::optional<std::string> decodeSaslName(std::string_view name)
{
    std::string out;
    for (size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (c == ',')
            return std::nullopt;
        if (c != '=') {
            out += c;
            continue;
        }
        const std::string_view escape = name.substr(i + 1, 2);
        if (escape == "2C")
            out += ',';
        else if (escape == "3D")
            out += '=';
        else
            return std::nullopt;
        i += 2;
    }
    if (out.empty())
        return std::nullopt;
    return out;
}

std::string encodeSaslName(std::string_view name)
{
    std::string out;
    for (const char c : name) {
        if (c == ',')
            out += "=2C";
        else if (c == '=')
            out += "=3D";
        else
            out += c;
    }
    return out;
}

ScramParse<ClientFirstMessage> parseClientFirstMessage(std::string_view text)
{
    using Parse = ScramParse<ClientFirstMessage>;
    if (std::string error = checkSize(text); !error.empty())
        return refuse<ClientFirstMessage>(std::move(error));
    // gs2-header: cbind flag, optional authzid, each followed by a comma.
    const size_t flagEnd = text.find(',');
    const size_t authzEnd = flagEnd == std::string_view::npos ? flagEnd : text.find(',', flagEnd + 1);
    if (authzEnd == std::string_view::npos)
        return refuse<ClientFirstMessage>("no GS2 header");
    const std::string_view flag = text.substr(0, flagEnd);
    if (flag.starts_with("p="))
        return refuse<ClientFirstMessage>("channel binding is not supported");
    // "y": the client could bind but thinks we cannot, which is so (we offer no -PLUS mechanism).
    if (flag != "n" && flag != "y")
        return refuse<ClientFirstMessage>("invalid GS2 channel binding flag");
    ClientFirstMessage message;
    const std::string_view authz = text.substr(flagEnd + 1, authzEnd - flagEnd - 1);
    if (!authz.empty()) {
        const auto value = attributeValue(authz, 'a');
        const auto decoded = value ? decodeSaslName(*value) : std::nullopt;
        if (!decoded)
            return refuse<ClientFirstMessage>("invalid authorization id");
        message.authorizationId = *decoded;
    }
    message.gs2Header = std::string(text.substr(0, authzEnd + 1));
    message.bare = std::string(text.substr(authzEnd + 1));

    const auto attributes = splitAttributes(message.bare);
    if (attributes[0].starts_with("m="))
        return refuse<ClientFirstMessage>("mandatory SCRAM extensions are not supported");
    const auto user = attributeValue(attributes[0], 'n');
    if (!user)
        return refuse<ClientFirstMessage>("no user name (n=)");
    const auto decodedUser = decodeSaslName(*user);
    if (!decodedUser)
        return refuse<ClientFirstMessage>("invalid user name: ',' and '=' must be sent as =2C and =3D");
    message.user = *decodedUser;
    const auto nonce = attributes.size() > 1 ? attributeValue(attributes[1], 'r') : std::nullopt;
    if (!nonce || !validNonce(*nonce))
        return refuse<ClientFirstMessage>("no valid client nonce (r=)");
    message.nonce = std::string(*nonce);
    if (attributes.size() > 2)
        return refuse<ClientFirstMessage>(extensionError(attributes[2]));
    return Parse { std::move(message), {} };
}

ScramParse<ClientFinalMessage> parseClientFinalMessage(std::string_view text)
{
    using Parse = ScramParse<ClientFinalMessage>;
    if (std::string error = checkSize(text); !error.empty())
        return refuse<ClientFinalMessage>(std::move(error));
    const auto attributes = splitAttributes(text);
    if (attributes.size() < 3)
        return refuse<ClientFinalMessage>("client-final message needs c=, r= and p=");
    ClientFinalMessage message;
    const auto binding = attributeValue(attributes[0], 'c');
    const auto decodedBinding = binding ? decodeBase64(*binding) : std::nullopt;
    if (!decodedBinding)
        return refuse<ClientFinalMessage>("no valid channel binding (c=)");
    message.channelBinding = *decodedBinding;
    const auto nonce = attributeValue(attributes[1], 'r');
    if (!nonce || !validNonce(*nonce))
        return refuse<ClientFinalMessage>("no valid nonce (r=)");
    message.nonce = std::string(*nonce);
    if (attributes.size() > 3)
        return refuse<ClientFinalMessage>(extensionError(attributes[2]));
    const auto proof = attributeValue(attributes[2], 'p');
    const auto decodedProof = proof ? decodeBase64(*proof) : std::nullopt;
    if (!decodedProof || decodedProof->empty())
        return refuse<ClientFinalMessage>("no valid client proof (p=)");
    message.proof = *decodedProof;
    message.withoutProof = std::string(text.substr(0, text.size() - attributes[2].size() - 1));
    return Parse { std::move(message), {} };
}

std::string formatServerFirstMessage(std::string_view nonce, std::string_view salt, int iterations)
{
    return "r=" + std::string(nonce) + ",s=" + encodeBase64(salt) + ",i=" + std::to_string(iterations);
}

std::string formatServerFinalMessage(std::string_view serverSignature)
{
    return "v=" + encodeBase64(serverSignature);
}

std::string formatServerError(std::string_view error)
{
    return "e=" + std::string(error);
}

} // namespace samsa::broker::security
