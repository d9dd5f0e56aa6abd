#include "requestheader.h"

#include "apikeys.h"

namespace samsa::broker::protocol {

std::optional<RequestHeader> parseRequestHeader(ByteReader& reader)
{
    RequestHeader header;
    header.apiKey = reader.readInt16();
    header.apiVersion = reader.readInt16();
    header.correlationId = reader.readInt32();
    if (!reader.ok())
        return std::nullopt;
    header.headerVersion = requestHeaderVersion(header.apiKey, header.apiVersion);
    // The client id stays a classic nullable string even in header v2.
    header.clientId = reader.readNullableString(false);
    // For versions we do not serve the body is never read, so their header's tagged fields need
    // not be either: that keeps the UNSUPPORTED_VERSION answer independent of the header layout.
    if (header.headerVersion >= 2 && isSupported(header.apiKey, header.apiVersion))
        reader.skipTaggedFields();
    if (!reader.ok())
        return std::nullopt;
    return header;
}

void writeResponseHeader(ByteWriter& writer, const RequestHeader& request)
{
    writer.writeInt32(request.correlationId);
    if (isSupported(request.apiKey, request.apiVersion)
        && responseHeaderVersion(request.apiKey, request.apiVersion) >= 1)
        writer.writeEmptyTaggedFields();
}

} // namespace samsa::broker::protocol
