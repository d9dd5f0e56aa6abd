#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct InitProducerIdRequest {
    std::optional<std::string> transactionalId; // null: not transactional
    int32_t transactionTimeoutMs = 0; // ignored: no transactions yet
    // v3+, ignored: every producer gets a fresh id, so there is no earlier one to bump.
    int64_t producerId = -1;
    int16_t producerEpoch = -1;

    template <class Io> void fields(Io& io)
    {
        io.field(transactionalId);
        io.field(transactionTimeoutMs);
        io.field(producerId, since(3));
        io.field(producerEpoch, since(3));
    }
};

struct InitProducerIdResponse {
    int32_t throttleTimeMs = 0;
    int16_t errorCode = 0;
    int64_t producerId = -1;
    int16_t producerEpoch = 0;

    template <class Io> void fields(Io& io)
    {
        io.field(throttleTimeMs);
        io.field(errorCode);
        io.field(producerId);
        io.field(producerEpoch);
    }
};

struct InitProducerIdApi {
    static constexpr ApiKey key = ApiKey::InitProducerId;
    static constexpr const char* name = "InitProducerId";
    static constexpr int16_t maxVersion = 5;
    static constexpr int16_t firstFlexible = 2;
    using Request = InitProducerIdRequest;
    using Response = InitProducerIdResponse;
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol
