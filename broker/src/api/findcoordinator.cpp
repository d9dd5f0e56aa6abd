#include "api/requestscope.h"
#include "common/errors.h"
#include "group/groupcoordinator.h"
#include "storage/logmanager.h"

namespace samsa::broker::api {

namespace {

constexpr int8_t GroupKeyType = 0;

struct Coordinator {
    ErrorCode error = ErrorCode::None;
    std::optional<std::string> message;
    int32_t nodeId = -1;
    std::string host;
    int32_t port = -1;
};

// This broker coordinates every group. Transactions come later, and share groups are not
// served: those keys get COORDINATOR_NOT_AVAILABLE, which clients retry without hanging.
Coordinator coordinatorFor(RequestScope& scope, int8_t keyType)
{
    Coordinator c;
    if (keyType != GroupKeyType || !scope.broker.groups->ensureOffsetsTopic()) {
        c.error = ErrorCode::CoordinatorNotAvailable;
        c.message = "The coordinator is not available.";
        c.host = "";
        return c;
    }
    c.nodeId = scope.broker.logs.nodeId();
    c.host = scope.broker.advertisedHost;
    c.port = scope.broker.advertisedPort;
    return c;
}

} // namespace

HandlerStatus handleFindCoordinator(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    const int16_t v = scope.version();
    const bool flexible = v >= 3;
    std::string key;
    if (v <= 3)
        key = in.readString(flexible);
    int8_t keyType = GroupKeyType;
    if (v >= 1)
        keyType = in.readInt8();
    std::vector<std::string> keys;
    if (v >= 4) {
        const int32_t count = in.readArrayLength(flexible);
        for (int32_t i = 0; i < count && in.ok(); ++i)
            keys.push_back(in.readString(flexible));
    }
    if (flexible)
        in.skipTaggedFields();
    if (!in.ok())
        return HandlerStatus::Malformed;
    if (v >= 1)
        out.writeInt32(0);
    if (v <= 3) {
        const Coordinator c = coordinatorFor(scope, keyType);
        out.writeInt16(static_cast<int16_t>(c.error));
        if (v >= 1)
            out.writeNullableString(flexible, c.message);
        out.writeInt32(c.nodeId);
        out.writeString(flexible, c.host);
        out.writeInt32(c.port);
    } else {
        out.writeArrayLength(flexible, static_cast<int32_t>(keys.size()));
        for (const auto& k : keys) {
            const Coordinator c = coordinatorFor(scope, keyType);
            out.writeString(flexible, k);
            out.writeInt32(c.nodeId);
            out.writeString(flexible, c.host);
            out.writeInt32(c.port);
            out.writeInt16(static_cast<int16_t>(c.error));
            out.writeNullableString(flexible, c.message);
            if (flexible)
                out.writeEmptyTaggedFields();
        }
    }
    if (flexible)
        out.writeEmptyTaggedFields();
    return HandlerStatus::Respond;
}

} // namespace samsa::broker::api
