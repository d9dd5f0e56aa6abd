#pragma once

// One background task at a time on a thread of its own, for the browser's filter, sort and export
// jobs. A new task cancels the running one first; destruction cancels and waits, so a job never
// outlives the object that receives its results. Tasks check the flag every few thousand records,
// so the wait is a few milliseconds.

#include <atomic>
#include <functional>
#include <memory>
#include <thread>

namespace Samsa {

class MessageWorkerThread {
public:
    using Task = std::function<void(const std::atomic<bool>& cancelled)>;

    MessageWorkerThread() = default;
    MessageWorkerThread(const MessageWorkerThread&) = delete;
    MessageWorkerThread& operator=(const MessageWorkerThread&) = delete;
    ~MessageWorkerThread() { stop(); }

    void start(Task task)
    {
        stop();
        m_cancelled = std::make_shared<std::atomic<bool>>(false);
        m_running = std::make_shared<std::atomic<bool>>(true);
        m_thread = std::thread([task = std::move(task), cancelled = m_cancelled, running = m_running] {
            task(*cancelled);
            running->store(false);
        });
    }

    // Raises the flag and returns at once; the task stops at its next check.
    void cancel()
    {
        if (m_cancelled)
            m_cancelled->store(true);
    }

    // Cancels and waits for the thread.
    void stop()
    {
        cancel();
        if (m_thread.joinable())
            m_thread.join();
    }

    bool isRunning() const { return m_running && m_running->load(); }

private:
    std::thread m_thread;
    std::shared_ptr<std::atomic<bool>> m_cancelled;
    std::shared_ptr<std::atomic<bool>> m_running;
};

} // namespace Samsa
