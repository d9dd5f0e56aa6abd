#pragma once

// Runs a MessageFilter over a RecordStore snapshot on a worker thread. Results and progress arrive
// as signals on the job's thread (the UI thread), tagged with the job id start() returned; a newer
// start() or cancel() drops what an older run would still deliver.

#include "messagefilter.h"
#include "messageworkerthread.h"

#include <QObject>

namespace Samsa {

class MessageFilterJob : public QObject {
    Q_OBJECT
public:
    explicit MessageFilterJob(QObject* parent = nullptr);
    ~MessageFilterJob() override;

    // Filters records [from, snapshot->count()). decoder may be null when only raw formats are searched.
    quint64 start(std::shared_ptr<const MessageFilter> filter, std::shared_ptr<const RecordStore::Snapshot> snapshot,
        std::shared_ptr<const PayloadDecoder> decoder, qint64 from = 0, MessageFilter::Hints hints = {});
    void cancel();
    bool isRunning() const;
    quint64 currentJob() const { return m_currentJob; }

Q_SIGNALS:
    void progress(quint64 jobId, qint64 done, qint64 total);
    // matches: store indices in [from, to), ascending.
    void finished(quint64 jobId, const QList<qint64>& matches, qint64 from, qint64 to);

private:
    MessageWorkerThread m_thread;
    quint64 m_currentJob = 0;
};

} // namespace Samsa
