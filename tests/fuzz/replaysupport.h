#pragma once

// Puts fuzzed bytes into an internal topic's log as a damaged disk or an older broker could have
// left them, then lets the broker start on it: a fresh data directory, the topic created, its
// only segment replaced by the bytes (batch CRCs and offsets fixed up as the input's first byte
// asks, see fixBatches), and the LogManager opened again, which recovers the segment.

#include "fuzzsupport.h"
#include "storage/brokerconfig.h"
#include "storage/logmanager.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace samsa::fuzz {

// The first byte: bit 0 fixes CRCs, bit 1 numbers the batches. The rest is the segment.
inline std::vector<uint8_t> segmentBytes(const uint8_t* data, size_t size)
{
    if (size == 0)
        return {};
    std::vector<uint8_t> bytes(data + 1, data + size);
    if (data[0] & 1)
        fixBatches(bytes, data[0] & 2);
    return bytes;
}

// A LogManager whose `topic` (one partition) holds `segment`; null when the broker refuses to
// start on it (which is a clean outcome too).
inline std::unique_ptr<broker::LogManager> logWith(
    broker::BrokerConfig& config, const std::string& topic, const std::vector<uint8_t>& segment)
{
    config.dataDir = freshDirectory();
    std::string error;
    {
        auto logs = broker::LogManager::open(config, &error);
        if (!logs || logs->createTopic(topic, 1, {}, false).error != broker::ErrorCode::None)
            __builtin_trap(); // an empty data directory must always work
        logs->shutdown();
    }
    // The fresh topic's only segment starts at offset 0 (its file may not even exist yet: the
    // broker opens segment files lazily). Indexes go: they are rebuilt, as after a crash.
    const std::string partitionDirectory = config.dataDir + "/" + topic + "-0";
    std::error_code ignored;
    for (const auto& entry : std::filesystem::directory_iterator(partitionDirectory, ignored)) {
        const auto extension = entry.path().extension();
        if (extension == ".log" || extension == ".index" || extension == ".timeindex")
            std::filesystem::remove(entry.path(), ignored);
    }
    std::ofstream out(partitionDirectory + "/00000000000000000000.log", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(segment.data()), std::streamsize(segment.size()));
    out.close();
    return broker::LogManager::open(config, &error);
}

} // namespace samsa::fuzz
