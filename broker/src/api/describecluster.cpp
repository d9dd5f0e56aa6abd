#include "api/requestscope.h"
#include "common/errors.h"
#include "storage/logmanager.h"

namespace samsa::broker::api {

HandlerStatus handleDescribeCluster(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    const int16_t v = scope.version();
    in.readBool(); // include cluster authorized operations
    int8_t endpointType = 1;
    if (v >= 1)
        endpointType = in.readInt8();
    in.skipTaggedFields();
    if (!in.ok())
        return HandlerStatus::Malformed;

    LogManager& logs = scope.broker.logs;
    const bool brokers = endpointType == 1;
    out.writeInt32(0); // throttle
    out.writeInt16(static_cast<int16_t>(brokers ? ErrorCode::None : ErrorCode::UnsupportedEndpointType));
    out.writeNullableString(
        true, brokers ? std::nullopt : std::optional<std::string>("only broker endpoints are served"));
    if (v >= 1)
        out.writeInt8(endpointType);
    out.writeString(true, logs.clusterId());
    out.writeInt32(logs.nodeId()); // controller
    out.writeArrayLength(true, brokers ? 1 : 0);
    if (brokers) {
        out.writeInt32(logs.nodeId());
        out.writeString(true, scope.broker.advertisedHost);
        out.writeInt32(scope.broker.advertisedPort);
        out.writeNullableString(true, std::nullopt); // rack
        out.writeEmptyTaggedFields();
    }
    out.writeInt32(INT32_MIN); // cluster authorized operations: not computed
    out.writeEmptyTaggedFields();
    return HandlerStatus::Respond;
}

} // namespace samsa::broker::api
