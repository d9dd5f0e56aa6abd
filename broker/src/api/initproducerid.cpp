#include "api/requestscope.h"
#include "common/errors.h"
#include "storage/logmanager.h"

namespace samsa::broker::api {

// Idempotent producers get a fresh producer id with epoch 0. Transactions are not served yet, so
// a transactional id is refused with a clear error rather than half-supported.
HandlerStatus handleInitProducerId(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    const int16_t v = scope.version();
    const bool flexible = v >= 2;
    const auto transactionalId = in.readNullableString(flexible);
    in.readInt32(); // transaction timeout
    if (v >= 3) {
        in.readInt64(); // producer id
        in.readInt16(); // producer epoch
    }
    if (flexible)
        in.skipTaggedFields();
    if (!in.ok())
        return HandlerStatus::Malformed;

    ErrorCode error = ErrorCode::None;
    int64_t producerId = -1;
    int16_t epoch = -1;
    if (transactionalId && !transactionalId->empty()) {
        error = ErrorCode::CoordinatorNotAvailable;
    } else {
        producerId = scope.broker.logs.nextProducerId();
        epoch = 0;
    }
    out.writeInt32(0); // throttle
    out.writeInt16(static_cast<int16_t>(error));
    out.writeInt64(producerId);
    out.writeInt16(epoch);
    if (flexible)
        out.writeEmptyTaggedFields();
    return HandlerStatus::Respond;
}

} // namespace samsa::broker::api
