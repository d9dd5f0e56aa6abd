#include "apikeys.h"

#include <array>

namespace samsa::broker::protocol {

namespace {
// Group APIs: the newest versions of the specs, which Java 3.x/4.x clients use (the union of
// what librdkafka 2.0.2, kafka-python 2.0.2, kafkajs 2.2.4 and Java ask for).
constexpr std::array<ApiRange, 28> kApis { {
    { ApiKey::Produce, 0, 11, 9 },
    { ApiKey::Fetch, 0, 17, 12 },
    { ApiKey::ListOffsets, 0, 10, 6 },
    { ApiKey::Metadata, 0, 12, 9 },
    { ApiKey::OffsetCommit, 0, 9, 8 },
    { ApiKey::OffsetFetch, 0, 9, 6 },
    { ApiKey::FindCoordinator, 0, 6, 3 },
    { ApiKey::JoinGroup, 0, 9, 6 },
    { ApiKey::Heartbeat, 0, 4, 4 },
    { ApiKey::LeaveGroup, 0, 5, 4 },
    { ApiKey::SyncGroup, 0, 5, 4 },
    { ApiKey::DescribeGroups, 0, 5, 5 },
    { ApiKey::ListGroups, 0, 5, 3 },
    { ApiKey::SaslHandshake, 0, 1, -1 },
    { ApiKey::ApiVersions, 0, 4, 3 },
    { ApiKey::CreateTopics, 0, 7, 5 },
    { ApiKey::DeleteTopics, 0, 6, 4 },
    { ApiKey::DeleteRecords, 0, 2, 2 },
    { ApiKey::InitProducerId, 0, 5, 2 },
    { ApiKey::DescribeConfigs, 0, 4, 4 },
    { ApiKey::AlterConfigs, 0, 2, 2 },
    { ApiKey::DescribeLogDirs, 0, 4, 2 },
    { ApiKey::SaslAuthenticate, 0, 2, 2 },
    { ApiKey::CreatePartitions, 0, 3, 2 },
    { ApiKey::DeleteGroups, 0, 2, 2 },
    { ApiKey::IncrementalAlterConfigs, 0, 1, 1 },
    { ApiKey::OffsetDelete, 0, 0, -1 },
    { ApiKey::DescribeCluster, 0, 1, 0 },
} };
} // namespace

std::span<const ApiRange> supportedApis()
{
    return kApis;
}

const ApiRange* findApi(int16_t apiKey)
{
    for (const auto& api : kApis) {
        if (static_cast<int16_t>(api.key) == apiKey)
            return &api;
    }
    return nullptr;
}

bool isSupported(int16_t apiKey, int16_t version)
{
    const ApiRange* api = findApi(apiKey);
    return api && version >= api->minVersion && version <= api->maxVersion;
}

bool isFlexible(int16_t apiKey, int16_t version)
{
    const ApiRange* api = findApi(apiKey);
    return api && api->firstFlexible >= 0 && version >= api->firstFlexible;
}

int requestHeaderVersion(int16_t apiKey, int16_t version)
{
    // Kafka versions of the ApiVersions request from the future are still parsed with header v2
    // when flexible; an unknown version beyond ours is treated like our newest one.
    if (apiKey == static_cast<int16_t>(ApiKey::ApiVersions))
        return version >= 3 ? 2 : 1;
    return isFlexible(apiKey, version) ? 2 : 1;
}

int responseHeaderVersion(int16_t apiKey, int16_t version)
{
    if (apiKey == static_cast<int16_t>(ApiKey::ApiVersions))
        return 0;
    return isFlexible(apiKey, version) ? 1 : 0;
}

} // namespace samsa::broker::protocol
