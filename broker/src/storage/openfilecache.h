#pragma once

#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>

namespace samsa::broker {

class SegmentFile;

// Where one segment's descriptor stands in the OpenFileCache. Owned by the Segment; touched only
// under the cache's mutex.
struct OpenFileSlot {
    std::weak_ptr<SegmentFile> file;
    bool listed = false;
    std::list<std::pair<OpenFileSlot*, std::shared_ptr<SegmentFile>>>::iterator position;
};

// The process keeps at most `capacity` segment files open for the log: the least recently used
// is closed when another must open. A descriptor limit is per process, so there is one cache per
// process (instance()), sized by LogManager from RLIMIT_NOFILE. A file handed out stays open for
// as long as its holder keeps the shared_ptr (a fetch sending from it), even after eviction, so
// the count of descriptors is capacity plus the files in flight.
class OpenFileCache {
public:
    using Opener = std::function<std::shared_ptr<SegmentFile>()>;

    static OpenFileCache& instance();

    explicit OpenFileCache(size_t capacity) : m_capacity(capacity) {}
    OpenFileCache(const OpenFileCache&) = delete;
    OpenFileCache& operator=(const OpenFileCache&) = delete;

    // At least 1. Closes files beyond the new capacity at once.
    void setCapacity(size_t capacity);
    size_t capacity() const;
    size_t openCount() const; // files the cache itself holds

    // The slot's file when it is still open (in the cache or held by a reader), else what `open`
    // returns (null on failure, errno kept: nothing is cached). Either way the file becomes the
    // most recently used. `open` runs under the cache's lock; on EMFILE it is tried once more
    // after half of the cached files are closed.
    std::shared_ptr<SegmentFile> acquire(OpenFileSlot& slot, const Opener& open);
    // Forgets the slot (its segment is going away); the file closes once its last holder lets go.
    void release(OpenFileSlot& slot);
    // Closes cached files, least recently used first, until at most `keep` remain.
    void trim(size_t keep);

private:
    using Entry = std::pair<OpenFileSlot*, std::shared_ptr<SegmentFile>>;
    // Unlinks the oldest entries beyond `keep` into `closed`, to be destroyed outside the lock.
    void evictLocked(size_t keep, std::list<Entry>* closed);

    mutable std::mutex m_mutex;
    std::list<Entry> m_recent; // most recently used first
    size_t m_capacity;
};

} // namespace samsa::broker
