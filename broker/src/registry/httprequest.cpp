#include "registry/httprequest.h"

#include <charconv>

namespace samsa::broker::registry {

namespace {

std::string lower(std::string_view text)
{
    std::string out(text);
    for (auto& c : out)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

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

bool parseHex(std::string_view text, size_t* value)
{
    if (text.empty() || text.size() > 8)
        return false;
    size_t v = 0;
    for (const char c : text) {
        const int d = hexDigit(c);
        if (d < 0)
            return false;
        v = v * 16 + static_cast<size_t>(d);
    }
    *value = v;
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

HttpRequestParser::HttpRequestParser(size_t maxHeaderBytes, size_t maxBodyBytes)
    : m_maxHeaderBytes(maxHeaderBytes)
    , m_maxBodyBytes(maxBodyBytes)
{
}

HttpRequestParser::State HttpRequestParser::parse(
    std::string_view buffer, HttpRequest* request, size_t* consumed, int* status) const
{
    *request = HttpRequest();
    // Tolerate empty lines before a request line (RFC 9112, 2.2).
    size_t begin = 0;
    while (buffer.substr(begin, 2) == "\r\n")
        begin += 2;
    const size_t headEnd = buffer.find("\r\n\r\n", begin);
    if (headEnd == std::string_view::npos) {
        if (buffer.size() - begin > m_maxHeaderBytes) {
            *status = 431;
            return State::Error;
        }
        return State::NeedMore;
    }
    if (headEnd - begin > m_maxHeaderBytes) {
        *status = 431;
        return State::Error;
    }
    const std::string_view head = buffer.substr(begin, headEnd - begin);
    size_t lineEnd = head.find("\r\n");
    const std::string_view requestLine = head.substr(0, lineEnd);
    *status = 400;
    const size_t space1 = requestLine.find(' ');
    const size_t space2 = space1 == std::string_view::npos ? space1 : requestLine.find(' ', space1 + 1);
    if (space2 == std::string_view::npos || requestLine.find(' ', space2 + 1) != std::string_view::npos)
        return State::Error;
    request->method = std::string(requestLine.substr(0, space1));
    request->target = std::string(requestLine.substr(space1 + 1, space2 - space1 - 1));
    const std::string_view version = requestLine.substr(space2 + 1);
    if (!isToken(request->method) || request->target.empty() || request->target[0] != '/')
        return State::Error;
    if (version == "HTTP/1.1") {
        request->minorVersion = 1;
    } else if (version == "HTTP/1.0") {
        request->minorVersion = 0;
    } else {
        *status = version.substr(0, 5) == "HTTP/" ? 505 : 400;
        return State::Error;
    }
    const size_t question = request->target.find('?');
    const std::string_view rawPath = std::string_view(request->target).substr(0, question);
    for (const char c : rawPath) {
        if (c <= ' ' || c >= 127)
            return State::Error;
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
                return State::Error;
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
        if (colon == std::string_view::npos || !isToken(line.substr(0, colon)))
            return State::Error;
        request->headers.emplace_back(lower(line.substr(0, colon)), std::string(trim(line.substr(colon + 1))));
    }

    const size_t bodyStart = headEnd + 4;
    const std::string transferEncoding = lower(request->header("transfer-encoding"));
    const std::string contentLength = request->header("content-length");
    if (!transferEncoding.empty()) {
        if (transferEncoding != "chunked") {
            *status = 501;
            return State::Error;
        }
        if (!contentLength.empty())
            return State::Error; // both framings: a request smuggling attempt or a broken client
        std::string body;
        size_t position = bodyStart;
        while (true) {
            const size_t sizeEnd = buffer.find("\r\n", position);
            if (sizeEnd == std::string_view::npos)
                return buffer.size() - position > 64 ? State::Error : State::NeedMore;
            std::string_view sizeText = buffer.substr(position, sizeEnd - position);
            sizeText = sizeText.substr(0, sizeText.find(';')); // chunk extensions
            size_t chunk = 0;
            if (!parseHex(trim(sizeText), &chunk))
                return State::Error;
            if (body.size() + chunk > m_maxBodyBytes) {
                *status = 413;
                return State::Error;
            }
            position = sizeEnd + 2;
            if (chunk == 0) {
                // Trailers, ended by an empty line.
                const size_t end = buffer.find("\r\n\r\n", position - 2);
                if (end == std::string_view::npos)
                    return buffer.size() - position > m_maxHeaderBytes ? State::Error : State::NeedMore;
                request->body = std::move(body);
                *consumed = end + 4;
                return State::Complete;
            }
            if (buffer.size() < position + chunk + 2)
                return State::NeedMore;
            if (buffer.substr(position + chunk, 2) != "\r\n")
                return State::Error;
            body.append(buffer.substr(position, chunk));
            position += chunk + 2;
        }
    }
    size_t length = 0;
    if (!contentLength.empty()) {
        const auto result = std::from_chars(contentLength.data(), contentLength.data() + contentLength.size(), length);
        if (result.ec != std::errc() || result.ptr != contentLength.data() + contentLength.size())
            return State::Error;
        if (length > m_maxBodyBytes) {
            *status = 413;
            return State::Error;
        }
    }
    if (buffer.size() - bodyStart < length)
        return State::NeedMore;
    request->body = std::string(buffer.substr(bodyStart, length));
    *consumed = bodyStart + length;
    return State::Complete;
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
    out += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    out += "\r\n";
    if (!headOnly)
        out += response.body;
    return out;
}

} // namespace samsa::broker::registry
