#pragma once

// Computes the order of the message browser's rows for one column on a worker thread: a
// permutation of the store indices [0, snapshot->count()).
//
// Partition, offset, timestamp, size and headers (by count) sort numerically. Key and value sort
// by their raw bytes (byte-wise, null first): decoding a million records to sort them would take
// seconds, and for text and JSON, UTF-8 byte order is code point order, which is what one expects.
// Ties keep load order (partition, then offset, for the partition column), so a sort is stable.

#include "messages/messageworkerthread.h"
#include "messages/recordstore.h"

#include <QList>
#include <QObject>
#include <vector>

namespace Samsa {

class MessagesSortJob : public QObject {
    Q_OBJECT
public:
    enum class Key { Partition, Offset, Timestamp, KeyBytes, ValueBytes, Numbers };

    explicit MessagesSortJob(QObject* parent = nullptr);
    ~MessagesSortJob() override;

    // Numbers: `numbers[i]` is record i's sort key (sizes, header counts), prepared by the caller
    // because the snapshot does not carry them.
    quint64 start(std::shared_ptr<const RecordStore::Snapshot> snapshot, Key key, Qt::SortOrder order,
        std::shared_ptr<const std::vector<qint64>> numbers = {});
    void cancel();
    bool isRunning() const;

    // The permutation, computed on the calling thread (the worker's body, public for tests).
    static QList<qint64> sortedIndices(const RecordStore::Snapshot& snapshot, Key key, Qt::SortOrder order,
        const std::vector<qint64>* numbers, const std::atomic<bool>& cancelled);

Q_SIGNALS:
    // permutation covers store indices [0, permutation.size()).
    void finished(quint64 jobId, const QList<qint64>& permutation);

private:
    MessageWorkerThread m_thread;
    quint64 m_currentJob = 0;
};

} // namespace Samsa
