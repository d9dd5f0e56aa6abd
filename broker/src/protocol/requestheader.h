#pragma once

#include "bytereader.h"
#include "bytewriter.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace samsa::broker::protocol {

struct RequestHeader {
    int16_t apiKey = 0;
    int16_t apiVersion = 0;
    int32_t correlationId = 0;
    std::optional<std::string> clientId;
    int headerVersion = 1;
};

// Parses the header at the start of a request frame (the 4-byte size already removed). The
// header version follows from the API key and version: v2 for flexible versions, else v1.
// Requests for APIs or versions we do not serve are parsed as v1 (key, version, correlation id
// and client id are all a broker needs to answer UNSUPPORTED_VERSION). On success the reader
// stands at the request body.
std::optional<RequestHeader> parseRequestHeader(ByteReader& reader);

// Writes the response header for the given request.
void writeResponseHeader(ByteWriter& writer, const RequestHeader& request);

} // namespace samsa::broker::protocol
