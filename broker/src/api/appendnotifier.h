#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <unordered_map>

namespace samsa::broker::api {

// Wakes parked Fetch requests when records are appended. Waiters are few (one per parked
// fetch), so every append wakes all of them and each re-checks its own partitions.
class AppendNotifier {
public:
    uint64_t add(std::function<void()> wake)
    {
        std::lock_guard lock(m_mutex);
        const uint64_t id = ++m_nextId;
        m_waiters.emplace(id, std::move(wake));
        return id;
    }

    void remove(uint64_t id)
    {
        std::lock_guard lock(m_mutex);
        m_waiters.erase(id);
    }

    void notifyAll()
    {
        std::unordered_map<uint64_t, std::function<void()>> waiters;
        {
            std::lock_guard lock(m_mutex);
            if (m_waiters.empty())
                return;
            waiters.swap(m_waiters);
        }
        for (auto& [id, wake] : waiters)
            wake();
    }

private:
    std::mutex m_mutex;
    uint64_t m_nextId = 0;
    std::unordered_map<uint64_t, std::function<void()>> m_waiters;
};

} // namespace samsa::broker::api
