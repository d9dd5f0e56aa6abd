// Replay of __consumer_offsets at start-up: the input becomes the topic's segment (see
// replaysupport.h) and a GroupCoordinator loads it, as the broker does when it starts. The loaded
// groups are then listed, described and their offsets fetched, as clients would. The same bytes
// also go straight through the chunk decoder and the record formats (cheap, and reached even
// when recovery truncates the segment).

#include "group/groupcoordinator.h"
#include "group/groupformat.h"
#include "replaysupport.h"
#include "common/log.h"
#include "storage/logreplay.h"

#include <cstdint>

using namespace samsa::broker;

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    setLogLevel(LogLevel::Error); // every skipped batch warns: quiet, or the log is all one sees
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::vector<uint8_t> segment = samsa::fuzz::segmentBytes(data, size);

    std::vector<DecodedRecord> records;
    decodeReplayChunk(segment, 0, group::OffsetsTopic, &records);
    for (const auto& record : records) {
        if (record.key)
            (void)group::decodeKey(*record.key);
        if (record.value) {
            (void)group::decodeOffsetValue(*record.value);
            (void)group::decodeGroupValue(*record.value);
        }
    }

    BrokerConfig config;
    config.offsetsTopicNumPartitions = 1;
    auto logs = samsa::fuzz::logWith(config, group::OffsetsTopic, segment);
    if (!logs)
        return 0;
    {
        group::CoordinatorOptions options;
        options.offsetsTopicPartitions = 1;
        group::GroupCoordinator coordinator(*logs, options);
        for (const auto& listing : coordinator.listGroups()) {
            (void)coordinator.describeGroup(listing.groupId);
            std::vector<group::FetchedOffset> offsets;
            (void)coordinator.fetchOffsets(listing.groupId, std::nullopt, &offsets);
        }
        coordinator.shutdown();
    }
    logs->shutdown();
    return 0;
}
