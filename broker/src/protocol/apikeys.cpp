#include "apikeys.h"

#include "messages/servedapis.h"

#include <algorithm>
#include <array>

namespace samsa::broker::protocol {

namespace {

template <class... Apis> constexpr std::array<ApiRange, sizeof...(Apis)> rangesOf(ApiList<Apis...>)
{
    std::array<ApiRange, sizeof...(Apis)> ranges { { { Apis::key, 0, Apis::maxVersion, Apis::firstFlexible }... } };
    std::sort(ranges.begin(), ranges.end(), [](const ApiRange& a, const ApiRange& b) { return a.key < b.key; });
    return ranges;
}

// From the message descriptions (messages/servedapis.h), in key order. Group APIs go up to the
// newest versions of the specs, which Java 3.x/4.x clients use (the union of what librdkafka 2.0.2,
// kafka-python 2.0.2, kafkajs 2.2.4 and Java ask for).
constexpr auto kApis = rangesOf(ServedApis {});

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
