#pragma once

// HTTP/1.1 requests as the registry's small server reads them: a parser that is fed the bytes
// of a connection and yields whole requests (Content-Length or chunked bodies), refusing
// anything malformed or larger than its limits rather than guessing.

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
    std::string body;
};

std::string serializeResponse(const HttpResponse& response, bool keepAlive, bool headOnly);
const char* reasonPhrase(int status);

// Splits a path into its segments and percent-decodes each ("%2F" stays inside its segment);
// false on a malformed escape.
bool pathSegments(std::string_view path, std::vector<std::string>* segments);

class HttpRequestParser {
public:
    enum class State { NeedMore, Complete, Error };

    HttpRequestParser(size_t maxHeaderBytes, size_t maxBodyBytes);

    // Parses a request from the front of `buffer`. Complete: *request is filled and *consumed
    // holds how many bytes it took. NeedMore: when the head is complete, *request holds it (for
    // answering "Expect: 100-continue"), else its method is empty. Error: *status is the status
    // to answer (400, 413, 431, 501, 505).
    State parse(std::string_view buffer, HttpRequest* request, size_t* consumed, int* status) const;

private:
    size_t m_maxHeaderBytes;
    size_t m_maxBodyBytes;
};

} // namespace samsa::broker::registry
