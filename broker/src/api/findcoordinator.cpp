#include "api/requestscope.h"
#include "common/errors.h"

namespace samsa::broker::api {

// The group coordinator comes with part 2. Until then FindCoordinator is advertised (librdkafka
// needs it for LZ4 and its consumer) and always answers COORDINATOR_NOT_AVAILABLE, which clients
// retry without hanging.
HandlerStatus handleFindCoordinator(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    const int16_t v = scope.version();
    const bool flexible = v >= 3;
    in.readString(flexible); // key
    if (v >= 1)
        in.readInt8(); // key type
    if (flexible)
        in.skipTaggedFields();
    if (!in.ok())
        return HandlerStatus::Malformed;
    if (v >= 1)
        out.writeInt32(0);
    out.writeInt16(static_cast<int16_t>(ErrorCode::CoordinatorNotAvailable));
    if (v >= 1)
        out.writeNullableString(flexible, std::string("The coordinator is not available."));
    out.writeInt32(-1);
    out.writeString(flexible, "");
    out.writeInt32(-1);
    if (flexible)
        out.writeEmptyTaggedFields();
    return HandlerStatus::Respond;
}

} // namespace samsa::broker::api
