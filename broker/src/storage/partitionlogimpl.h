#pragma once

// PartitionLog's private state, shared by its .cpp files.

#include "storage/partitionlog.h"
#include "storage/producerstatetable.h"
#include "storage/segment.h"

#include <map>
#include <mutex>

namespace samsa::broker {

struct PartitionLog::Impl {
    // Serialises appends, rolls, retention and DeleteRecords: whoever holds it may read the
    // segment map without stateMutex, and is the only one that changes it.
    std::mutex appendMutex;
    // Guards the segment map, each segment's mutable members, the offsets and the config, for
    // short moments only, so reads never wait behind an fdatasync.
    mutable std::mutex stateMutex;

    std::map<int64_t, std::shared_ptr<Segment>> segments;
    int64_t highWatermark = 0;
    int64_t logStartOffset = 0;
    TopicConfig config;

    // Under appendMutex.
    ProducerStateTable producers;
    int64_t unflushedMessages = 0;
    int64_t firstUnflushedMs = -1;
    bool appendedSinceOpen = false; // close() leaves a partition that was never written untouched
    bool closed = false;

    std::mutex listenerMutex;
    std::function<void()> listener;
    std::atomic<uint64_t> generation{0};

    Segment& active() { return *segments.rbegin()->second; }
    std::shared_ptr<Segment> activePointer() { return segments.rbegin()->second; }
};

} // namespace samsa::broker
