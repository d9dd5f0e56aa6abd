#pragma once

#include <cstdint>
#include <span>

namespace samsa::broker::protocol {

enum class ApiKey : int16_t {
    Produce = 0,
    Fetch = 1,
    ListOffsets = 2,
    Metadata = 3,
    OffsetCommit = 8,
    OffsetFetch = 9,
    FindCoordinator = 10,
    JoinGroup = 11,
    Heartbeat = 12,
    LeaveGroup = 13,
    SyncGroup = 14,
    DescribeGroups = 15,
    ListGroups = 16,
    SaslHandshake = 17,
    ApiVersions = 18,
    CreateTopics = 19,
    DeleteTopics = 20,
    DeleteRecords = 21,
    InitProducerId = 22,
    DescribeAcls = 29,
    CreateAcls = 30,
    DeleteAcls = 31,
    DescribeConfigs = 32,
    AlterConfigs = 33,
    DescribeLogDirs = 35,
    SaslAuthenticate = 36,
    CreatePartitions = 37,
    DeleteGroups = 42,
    IncrementalAlterConfigs = 44,
    OffsetDelete = 47,
    DescribeCluster = 60,
};

struct ApiRange {
    ApiKey key;
    int16_t minVersion;
    int16_t maxVersion;
    int16_t firstFlexible; // -1 when no version is flexible
};

// The APIs and versions this broker serves, as advertised by ApiVersions. Every minimum is 0
// because librdkafka switches features off when an advertised range does not contain 0.
std::span<const ApiRange> supportedApis();
const ApiRange* findApi(int16_t apiKey);
bool isSupported(int16_t apiKey, int16_t version);
bool isFlexible(int16_t apiKey, int16_t version);

// Header versions for a request/response of this API and version (ApiVersions always answers
// with response header v0, even when the body is flexible).
int requestHeaderVersion(int16_t apiKey, int16_t version);
int responseHeaderVersion(int16_t apiKey, int16_t version);

} // namespace samsa::broker::protocol
