#pragma once

// Frames the bytes of an HTTP/1.1 connection into requests, incrementally: each byte is looked at
// a bounded number of times however the bytes are cut into reads (the previous parser re-read the
// whole buffer on every read, so 19 MB of 1-byte chunks cost 25 s). Content-Length and chunked
// bodies; anything malformed, ambiguous or larger than the limits is refused rather than guessed
// (RFC 9112: two Content-Length headers, or Content-Length with Transfer-Encoding, give 400).

#include "registry/httprequest.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace samsa::broker::registry {

class HttpRequestParser {
public:
    enum class State { NeedMore, Complete, Error };

    HttpRequestParser(size_t maxHeaderBytes, size_t maxBodyBytes);

    // Reads from the front of `data`, the bytes that follow those fed before; *used is how many
    // it took. NeedMore: it took them all. Complete: request() is whole, and the bytes after
    // *used belong to the next request (call takeRequest() before feeding them). Error:
    // errorStatus() is the status to answer (400, 413, 431, 501, 505) before closing.
    State feed(std::string_view data, size_t* used);

    // Whether the head is read: request() then holds it, enough to answer "Expect: 100-continue".
    bool headComplete() const { return m_phase != Phase::Head; }
    const HttpRequest& request() const { return m_request; }
    // The complete request; the parser starts over for the next one.
    HttpRequest takeRequest();
    int errorStatus() const { return m_status; }

    // Bytes looked at since construction, for the tests to check that the work is linear.
    uint64_t bytesExamined() const { return m_examined; }

private:
    enum class Phase { Head, FixedBody, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Done, Failed };

    void readHead(std::string_view data, size_t* position);
    bool startBody();
    void readBody(std::string_view data, size_t* position, Phase next);
    // Gathers one line into m_line; true once it holds a whole line, CRLF included.
    bool readLine(std::string_view data, size_t* position, size_t maxLine);
    void chunkSizeLine();
    void trailerLine();
    void fail(int status);

    size_t m_maxHeaderBytes;
    size_t m_maxBodyBytes;
    Phase m_phase = Phase::Head;
    HttpRequest m_request;
    std::string m_head;
    size_t m_blankPrefix = 0; // empty lines before a request line, tolerated (RFC 9112, 2.2)
    std::string m_line;
    size_t m_remaining = 0; // of the body or the current chunk
    size_t m_crlfSeen = 0; // of the CRLF after a chunk's data
    size_t m_trailerBytes = 0;
    int m_status = 400;
    uint64_t m_examined = 0;
};

} // namespace samsa::broker::registry
