#include "messagefilterjob.h"

#include <QElapsedTimer>

namespace Samsa {

MessageFilterJob::MessageFilterJob(QObject* parent)
    : QObject(parent)
{
}

// The thread is joined before QObject's destructor drops the events it posted.
MessageFilterJob::~MessageFilterJob()
{
    m_thread.stop();
}

quint64 MessageFilterJob::start(std::shared_ptr<const MessageFilter> filter, std::shared_ptr<const RecordStore::Snapshot> snapshot,
    std::shared_ptr<const PayloadDecoder> decoder, qint64 from, MessageFilter::Hints hints)
{
    const quint64 jobId = ++m_currentJob;
    m_thread.start([this, jobId, filter = std::move(filter), snapshot = std::move(snapshot), decoder = std::move(decoder), from,
                       hints = std::move(hints)](const std::atomic<bool>& cancelled) {
        const qint64 to = snapshot->count();
        const qint64 total = qMax<qint64>(0, to - from);
        QElapsedTimer sinceReport;
        sinceReport.start();
        auto report = [&](qint64 done) {
            // At most about 20 reports a second reach the UI thread.
            if (sinceReport.elapsed() < 50 && done < total)
                return;
            sinceReport.restart();
            QMetaObject::invokeMethod(
                this, [this, jobId, done, total] {
                    if (jobId == m_currentJob)
                        Q_EMIT progress(jobId, done, total);
                },
                Qt::QueuedConnection);
        };
        const QList<qint64> matches = filter->run(*snapshot, decoder.get(), from, to, cancelled, report, hints);
        if (cancelled.load())
            return;
        QMetaObject::invokeMethod(
            this, [this, jobId, matches, from, to] {
                if (jobId == m_currentJob)
                    Q_EMIT finished(jobId, matches, from, to);
            },
            Qt::QueuedConnection);
    });
    return jobId;
}

void MessageFilterJob::cancel()
{
    ++m_currentJob; // whatever the running task still posts is now stale
    m_thread.cancel();
}

bool MessageFilterJob::isRunning() const
{
    return m_thread.isRunning();
}

} // namespace Samsa
