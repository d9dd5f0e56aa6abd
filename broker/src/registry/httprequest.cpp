#include "registry/httprequest.h"

#include "common/hexdigit.h"
#include "registry/httptext.h"

namespace samsa::broker::registry {

namespace {

using httptext::lower;
using httptext::trim;

// Percent-decoding; '+' is a space only in queries. False on a bad escape.
bool percentDecode(std::string_view text, bool plusIsSpace, std::string* out)
{
    out->clear();
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%') {
            if (i + 2 >= text.size())
                return false;
            const int high = hexDigit(text[i + 1]);
            const int low = hexDigit(text[i + 2]);
            if (high < 0 || low < 0)
                return false;
            *out += static_cast<char>(high * 16 + low);
            i += 2;
        } else if (text[i] == '+' && plusIsSpace) {
            *out += ' ';
        } else {
            *out += text[i];
        }
    }
    return true;
}

bool isToken(std::string_view text)
{
    if (text.empty())
        return false;
    for (const char c : text) {
        if (c <= ' ' || c >= 127 || std::string_view("()<>@,;:\\\"/[]?={}").find(c) != std::string_view::npos)
            return false;
    }
    return true;
}

} // namespace

std::string HttpRequest::header(std::string_view name) const
{
    for (const auto& [key, value] : headers) {
        if (key == name)
            return value;
    }
    return {};
}

std::string HttpRequest::queryValue(std::string_view name) const
{
    for (const auto& [key, value] : query) {
        if (key == name)
            return value;
    }
    return {};
}

bool HttpRequest::queryFlag(std::string_view name) const
{
    return lower(queryValue(name)) == "true";
}

bool HttpRequest::keepAlive() const
{
    const std::string connection = lower(header("connection"));
    if (minorVersion == 0)
        return connection.find("keep-alive") != std::string::npos;
    return connection.find("close") == std::string::npos;
}

bool HttpRequest::expectsContinue() const
{
    return minorVersion >= 1 && lower(header("expect")) == "100-continue";
}

bool pathSegments(std::string_view path, std::vector<std::string>* segments)
{
    segments->clear();
    size_t start = 0;
    while (start <= path.size()) {
        size_t slash = path.find('/', start);
        if (slash == std::string_view::npos)
            slash = path.size();
        if (slash > start) {
            std::string segment;
            if (!percentDecode(path.substr(start, slash - start), false, &segment))
                return false;
            segments->push_back(std::move(segment));
        }
        start = slash + 1;
    }
    return true;
}

bool parseRequestHead(std::string_view head, HttpRequest* request, int* status)
{
    *request = HttpRequest();
    size_t lineEnd = head.find("\r\n");
    const std::string_view requestLine = head.substr(0, lineEnd);
    *status = 400;
    const size_t space1 = requestLine.find(' ');
    const size_t space2 = space1 == std::string_view::npos ? space1 : requestLine.find(' ', space1 + 1);
    if (space2 == std::string_view::npos || requestLine.find(' ', space2 + 1) != std::string_view::npos)
        return false;
    request->method = std::string(requestLine.substr(0, space1));
    request->target = std::string(requestLine.substr(space1 + 1, space2 - space1 - 1));
    const std::string_view version = requestLine.substr(space2 + 1);
    if (!isToken(request->method) || request->target.empty() || request->target[0] != '/')
        return false;
    if (version == "HTTP/1.1") {
        request->minorVersion = 1;
    } else if (version == "HTTP/1.0") {
        request->minorVersion = 0;
    } else {
        *status = version.substr(0, 5) == "HTTP/" ? 505 : 400;
        return false;
    }
    const size_t question = request->target.find('?');
    const std::string_view rawPath = std::string_view(request->target).substr(0, question);
    for (const char c : rawPath) {
        if (c <= ' ' || c >= 127)
            return false;
    }
    request->path = std::string(rawPath); // still encoded: pathSegments() decodes segment by segment
    if (question != std::string::npos) {
        std::string_view rest = std::string_view(request->target).substr(question + 1);
        while (!rest.empty()) {
            const size_t amp = rest.find('&');
            const std::string_view pair = rest.substr(0, amp);
            const size_t eq = pair.find('=');
            std::string key;
            std::string value;
            if (!percentDecode(pair.substr(0, eq), true, &key)
                || (eq != std::string_view::npos && !percentDecode(pair.substr(eq + 1), true, &value)))
                return false;
            if (!key.empty())
                request->query.emplace_back(std::move(key), std::move(value));
            rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
        }
    }
    while (lineEnd != std::string_view::npos) {
        const size_t next = head.find("\r\n", lineEnd + 2);
        const std::string_view line
            = head.substr(lineEnd + 2, next == std::string_view::npos ? next : next - lineEnd - 2);
        lineEnd = next;
        const size_t colon = line.find(':');
        if (colon == std::string_view::npos || !isToken(line.substr(0, colon))
            || line.find_first_of(std::string_view("\r\0", 2)) != std::string_view::npos)
            return false;
        request->headers.emplace_back(lower(line.substr(0, colon)), std::string(trim(line.substr(colon + 1))));
    }

    return true;
}

const char* reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown";
    }
}

std::string serializeResponse(const HttpResponse& response, bool keepAlive, bool headOnly)
{
    std::string out = "HTTP/1.1 " + std::to_string(response.status) + " " + reasonPhrase(response.status) + "\r\n";
    out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
    for (const auto& [name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    out += "\r\n";
    if (!headOnly)
        out += response.body;
    return out;
}

} // namespace samsa::broker::registry
