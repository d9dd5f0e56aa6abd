#include "api/handlers.h"
#include "api/requestscope.h"
#include "common/errors.h"
#include "protocol/messages/initproducerid.h"
#include "storage/logmanager.h"

namespace samsa::broker::api {

using protocol::InitProducerIdRequest;
using protocol::InitProducerIdResponse;
using security::AclOperation;
using security::ResourceType;

// Idempotent producers get a fresh producer id with epoch 0. Transactions are not served yet, so
// a transactional id is refused with a clear error rather than half-supported.
InitProducerIdResponse handle(RequestScope& scope, const InitProducerIdRequest& request)
{
    InitProducerIdResponse response;
    const auto refuse = [&](ErrorCode error) {
        response.errorCode = static_cast<int16_t>(error);
        response.producerId = -1;
        response.producerEpoch = -1;
        return response;
    };
    // Kafka 3.x (KIP-679): WRITE on the transactional id; without one, IDEMPOTENT_WRITE on the
    // cluster or WRITE on some topic.
    if (request.transactionalId && !request.transactionalId->empty()) {
        if (!scope.authorize(AclOperation::Write, ResourceType::TransactionalId, *request.transactionalId))
            return refuse(ErrorCode::TransactionalIdAuthorizationFailed);
    } else if (!scope.authorizeCluster(AclOperation::IdempotentWrite)
        && !scope.authorizeAny(AclOperation::Write, ResourceType::Topic)) {
        return refuse(ErrorCode::ClusterAuthorizationFailed);
    }
    if (request.transactionalId && !request.transactionalId->empty()) {
        response.errorCode = static_cast<int16_t>(ErrorCode::CoordinatorNotAvailable);
        response.producerId = -1;
        response.producerEpoch = -1;
        return response;
    }
    response.producerId = scope.broker.logs.nextProducerId();
    response.producerEpoch = 0;
    return response;
}

} // namespace samsa::broker::api
