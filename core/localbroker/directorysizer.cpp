#include "directorysizer.h"

#include <QDirIterator>
#include <QFileInfo>

namespace Samsa {

namespace {

qint64 directorySize(const QString& path, const std::atomic<bool>& cancelled)
{
    if (!QFileInfo(path).isDir())
        return -1;
    qint64 total = 0;
    QDirIterator it(path, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext() && !cancelled.load()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

} // namespace

DirectorySizer::DirectorySizer(QObject* parent)
    : QObject(parent)
    , m_worker(std::make_unique<QObject>())
    , m_cancelled(std::make_shared<std::atomic<bool>>(false))
{
    m_thread.setObjectName(QStringLiteral("samsa-disk-usage"));
    m_worker->moveToThread(&m_thread);
}

DirectorySizer::~DirectorySizer()
{
    m_cancelled->store(true);
    m_thread.quit();
    m_thread.wait();
}

void DirectorySizer::measure(const QString& path)
{
    if (m_busy) {
        m_pending = path;
        return;
    }
    if (!m_thread.isRunning())
        m_thread.start(QThread::LowPriority);
    m_busy = true;
    const quint64 job = ++m_lastJob;
    QMetaObject::invokeMethod(
        m_worker.get(),
        [this, job, path, cancelled = m_cancelled] {
            const qint64 bytes = directorySize(path, *cancelled);
            if (cancelled->load())
                return; // the owner is being destroyed: `this` may be gone
            // Queued to the owner's thread; the owner waits for this thread before it dies.
            QMetaObject::invokeMethod(
                this, [this, job, path, bytes] { finished(job, path, bytes); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void DirectorySizer::finished(quint64 job, const QString& path, qint64 bytes)
{
    if (job != m_lastJob)
        return;
    m_busy = false;
    Q_EMIT measured(path, bytes);
    if (!m_pending.isEmpty())
        measure(std::exchange(m_pending, QString()));
}

} // namespace Samsa
