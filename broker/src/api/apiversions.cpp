#include "api/requestscope.h"
#include "protocol/apikeys.h"

namespace samsa::broker::api {

void writeApiVersionsBody(protocol::ByteWriter& out, int16_t version, int16_t errorCode)
{
    const bool flexible = version >= 3;
    out.writeInt16(errorCode);
    const auto apis = protocol::supportedApis();
    out.writeArrayLength(flexible, static_cast<int32_t>(apis.size()));
    for (const auto& api : apis) {
        out.writeInt16(static_cast<int16_t>(api.key));
        out.writeInt16(api.minVersion);
        out.writeInt16(api.maxVersion);
        if (flexible)
            out.writeEmptyTaggedFields();
    }
    if (version >= 1)
        out.writeInt32(0); // throttle time
    if (flexible)
        out.writeEmptyTaggedFields();
}

HandlerStatus handleApiVersions(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    if (scope.version() >= 3) {
        in.readString(true); // client software name
        in.readString(true); // client software version
        in.skipTaggedFields();
        if (!in.ok())
            return HandlerStatus::Malformed;
    }
    writeApiVersionsBody(out, scope.version(), 0);
    return HandlerStatus::Respond;
}

} // namespace samsa::broker::api
