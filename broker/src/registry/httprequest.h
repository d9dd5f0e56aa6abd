#pragma once

// HTTP/1.1 requests and responses as the registry's small server sees them, and the syntax of a
// request head. Framing the bytes of a connection into requests is HttpRequestParser's job
// (httprequestparser.h).

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace samsa::broker::registry {

struct HttpRequest {
    std::string method;
    std::string target; // as sent, e.g. /subjects/a%2Fb/versions?deleted=true
    std::string path; // without the query, still percent-encoded
    std::vector<std::pair<std::string, std::string>> query; // decoded
    int minorVersion = 1; // HTTP/1.x
    std::vector<std::pair<std::string, std::string>> headers; // names lower-cased
    std::string body;

    // The first header of that (lower-case) name, empty when absent.
    std::string header(std::string_view name) const;
    std::string queryValue(std::string_view name) const;
    bool queryFlag(std::string_view name) const; // ?name=true
    bool keepAlive() const;
    bool expectsContinue() const;
};

struct HttpResponse {
    int status = 200;
    std::string contentType = "application/vnd.schemaregistry.v1+json";
    std::vector<std::pair<std::string, std::string>> headers; // more, e.g. WWW-Authenticate
    std::string body;
    // The answer waits this long on a timer (a failed login), while other connections are served.
    std::chrono::milliseconds delay { 0 };
};

std::string serializeResponse(const HttpResponse& response, bool keepAlive, bool headOnly);
const char* reasonPhrase(int status);

// Splits a path into its segments and percent-decodes each ("%2F" stays inside its segment);
// false on a malformed escape.
bool pathSegments(std::string_view path, std::vector<std::string>* segments);

// Reads a request head (request line and header lines, without the empty line that ends it) into
// *request: method, target, path, decoded query, version and lower-cased header names. False
// with *status (400, 505) when it is malformed.
bool parseRequestHead(std::string_view head, HttpRequest* request, int* status);

} // namespace samsa::broker::registry
