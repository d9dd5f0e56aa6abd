#pragma once

// Adds up the size of the files under a folder on a thread of its own, so that the UI thread never
// walks the disk. Results arrive as measured() on the owner's thread; a newer request supersedes
// an older one that has not been answered yet.

#include <QObject>
#include <QThread>
#include <atomic>
#include <memory>

namespace Samsa {

class DirectorySizer : public QObject {
    Q_OBJECT
public:
    explicit DirectorySizer(QObject* parent = nullptr);
    ~DirectorySizer() override; // cancels a walk under way and waits for the thread

    // Starts a walk of `path`; measured() follows. Cheap to call often: while a walk is under way
    // only the latest request is kept.
    void measure(const QString& path);

Q_SIGNALS:
    // bytes is -1 when the folder does not exist.
    void measured(const QString& path, qint64 bytes);

private:
    void finished(quint64 job, const QString& path, qint64 bytes);

    QThread m_thread;
    std::unique_ptr<QObject> m_worker; // lives in m_thread; deleted once the thread has stopped
    std::shared_ptr<std::atomic<bool>> m_cancelled;
    quint64 m_lastJob = 0;
    bool m_busy = false;
    QString m_pending; // a request that came while busy
};

} // namespace Samsa
