#include "deleterecords.h"

namespace samsa::broker::protocol {

DeleteRecordsResponse DeleteRecordsApi::errorResponse(const Request& request, ErrorCode error)
{
    constexpr int64_t InvalidLowWatermark = -1;
    DeleteRecordsResponse response;
    for (const auto& topic : request.topics) {
        DeleteRecordsResponse::Topic t;
        t.name = topic.name;
        for (const auto& p : topic.partitions)
            t.partitions.push_back({ p.partitionIndex, InvalidLowWatermark, static_cast<int16_t>(error) });
        response.topics.push_back(std::move(t));
    }
    return response;
}

} // namespace samsa::broker::protocol
