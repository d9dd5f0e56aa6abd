#include "storage/openfilecache.h"

#include "storage/segment.h"

#include <algorithm>
#include <cerrno>

namespace samsa::broker {

namespace {

// Until LogManager sizes it from the descriptor limit (tests that use PartitionLog alone).
constexpr size_t DefaultCapacity = 256;

} // namespace

OpenFileCache& OpenFileCache::instance()
{
    static OpenFileCache cache(DefaultCapacity);
    return cache;
}

void OpenFileCache::setCapacity(size_t capacity)
{
    std::list<Entry> closed;
    std::lock_guard lock(m_mutex);
    m_capacity = std::max<size_t>(capacity, 1);
    evictLocked(m_capacity, &closed);
}

size_t OpenFileCache::capacity() const
{
    std::lock_guard lock(m_mutex);
    return m_capacity;
}

size_t OpenFileCache::openCount() const
{
    std::lock_guard lock(m_mutex);
    return m_recent.size();
}

std::shared_ptr<SegmentFile> OpenFileCache::acquire(OpenFileSlot& slot, const Opener& open)
{
    std::list<Entry> closed; // destroyed (closing descriptors) after the lock is released
    std::lock_guard lock(m_mutex);
    if (slot.listed) {
        m_recent.splice(m_recent.begin(), m_recent, slot.position);
        return slot.position->second;
    }
    auto file = slot.file.lock();
    if (!file) {
        // Make room first, so that a cache at capacity never holds one descriptor too many.
        evictLocked(m_capacity - 1, &closed);
        file = open();
        if (!file && (errno == EMFILE || errno == ENFILE)) {
            // Descriptors taken by connections or by fetches in flight: give back half of ours
            // now (not after the lock) and try once more.
            std::list<Entry> dropped;
            evictLocked(m_recent.size() / 2, &dropped);
            dropped.clear();
            file = open();
        }
        if (!file)
            return nullptr;
        slot.file = file;
    } else {
        evictLocked(m_capacity - 1, &closed);
    }
    m_recent.emplace_front(&slot, file);
    slot.position = m_recent.begin();
    slot.listed = true;
    return file;
}

void OpenFileCache::release(OpenFileSlot& slot)
{
    std::list<Entry> closed;
    std::lock_guard lock(m_mutex);
    if (slot.listed) {
        closed.splice(closed.begin(), m_recent, slot.position);
        slot.listed = false;
    }
    slot.file.reset();
}

void OpenFileCache::trim(size_t keep)
{
    std::list<Entry> closed;
    std::lock_guard lock(m_mutex);
    evictLocked(keep, &closed);
}

void OpenFileCache::evictLocked(size_t keep, std::list<Entry>* closed)
{
    while (m_recent.size() > keep) {
        auto last = std::prev(m_recent.end());
        last->first->listed = false;
        closed->splice(closed->begin(), m_recent, last);
    }
}

} // namespace samsa::broker
