#pragma once

// LogManager's private state, shared by its .cpp files.

#include "storage/logmanager.h"

#include <condition_variable>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <thread>

namespace samsa::broker {

struct LogManager::Impl {
    struct Topic {
        TopicDescription description;
        std::vector<std::shared_ptr<PartitionLog>> partitions;
    };

    // Serialises admin operations (create, delete, alter), which write the topics file.
    std::mutex adminMutex;
    // Guards `topics` for the produce and fetch paths; held only for map lookups and swaps.
    mutable std::shared_mutex mapMutex;
    std::map<std::string, Topic> topics;

    std::mutex producerIdMutex;
    int64_t nextProducerId = 1;
    int64_t producerIdBlockEnd = 1;

    std::thread background;
    std::thread cleaner; // log compaction, apart so that a long cleaning never delays a flush
    std::mutex backgroundMutex;
    std::condition_variable backgroundWake;
    bool stopping = false;
    bool shutDown = false;

    int lockFd = -1;
    std::string dataDir;

    std::string topicsPath() const;
    std::vector<TopicDescription> descriptionsLocked() const;
    std::vector<std::shared_ptr<PartitionLog>> allPartitions() const;
};

// KEY=VALUE lines, '#' comments and lines without '=' skipped: meta.properties and dynamic-configs.
std::map<std::string, std::string> parseProperties(const std::string& text);

} // namespace samsa::broker
