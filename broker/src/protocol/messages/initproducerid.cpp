#include "initproducerid.h"

namespace samsa::broker::protocol {

InitProducerIdResponse InitProducerIdApi::errorResponse(const Request&, ErrorCode error)
{
    InitProducerIdResponse response;
    response.errorCode = static_cast<int16_t>(error);
    response.producerId = -1; // no producer id
    response.producerEpoch = -1; // no producer epoch
    return response;
}

} // namespace samsa::broker::protocol
