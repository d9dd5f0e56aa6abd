#include "api/clientmessage.h"

#include "common/log.h"

namespace samsa::broker::api {

std::string withoutServerPaths(const std::string& message)
{
    std::string out;
    out.reserve(message.size());
    size_t i = 0;
    while (i < message.size()) {
        const bool wordStart = i == 0 || message[i - 1] == ' ' || message[i - 1] == '\'' || message[i - 1] == '"'
            || message[i - 1] == '(';
        if (message[i] == '/' && wordStart) {
            // A path ends where the word does; "...: No space left on device" keeps its reason.
            size_t end = i;
            while (end < message.size() && message[end] != ' ' && message[end] != '\'' && message[end] != '"'
                && message[end] != ')'
                && !(message[end] == ':' && (end + 1 == message.size() || message[end + 1] == ' ')))
                ++end;
            out += "<path>";
            i = end;
            continue;
        }
        out += message[i++];
    }
    if (out != message)
        log(LogLevel::Warning, "answering a client with an error: %s", message.c_str());
    return out;
}

std::optional<std::string> clientErrorMessage(ErrorCode error, const std::string& message)
{
    if (error == ErrorCode::None || message.empty())
        return std::nullopt;
    return withoutServerPaths(message);
}

} // namespace samsa::broker::api
