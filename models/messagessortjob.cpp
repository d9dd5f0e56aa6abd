#include "messagessortjob.h"

#include <algorithm>
#include <cstring>

namespace Samsa {

namespace {

struct NumericItem {
    qint64 primary;
    qint64 secondary;
    qint64 index;
};

int compareBytes(QByteArrayView a, bool aNull, QByteArrayView b, bool bNull)
{
    if (aNull || bNull)
        return aNull == bNull ? 0 : (aNull ? -1 : 1);
    const qsizetype common = qMin(a.size(), b.size());
    const int c = common > 0 ? std::memcmp(a.data(), b.data(), size_t(common)) : 0;
    if (c != 0)
        return c;
    return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

} // namespace

MessagesSortJob::MessagesSortJob(QObject* parent)
    : QObject(parent)
{
}

MessagesSortJob::~MessagesSortJob()
{
    m_thread.stop();
}

QList<qint64> MessagesSortJob::sortedIndices(const RecordStore::Snapshot& snapshot, Key key, Qt::SortOrder order,
    const std::vector<qint64>* numbers, const std::atomic<bool>& cancelled)
{
    const qint64 count = snapshot.count();
    const bool descending = order == Qt::DescendingOrder;
    QList<qint64> result;
    result.reserve(count);

    if (key == Key::KeyBytes || key == Key::ValueBytes) {
        std::vector<qint64> indices(static_cast<size_t>(count));
        for (qint64 i = 0; i < count; ++i)
            indices[size_t(i)] = i;
        const bool byKey = key == Key::KeyBytes;
        std::stable_sort(indices.begin(), indices.end(), [&](qint64 a, qint64 b) {
            const int c = byKey ? compareBytes(snapshot.key(a), snapshot.keyIsNull(a), snapshot.key(b), snapshot.keyIsNull(b))
                                : compareBytes(snapshot.value(a), snapshot.valueIsNull(a), snapshot.value(b), snapshot.valueIsNull(b));
            return descending ? c > 0 : c < 0;
        });
        if (cancelled.load())
            return {};
        result.append(QList<qint64>(indices.begin(), indices.end()));
        return result;
    }

    // Numeric keys are copied out first: sorting compact items beats calling the snapshot per comparison.
    std::vector<NumericItem> items(static_cast<size_t>(count));
    for (qint64 i = 0; i < count; ++i) {
        NumericItem& item = items[size_t(i)];
        item.index = i;
        item.secondary = 0;
        switch (key) {
        case Key::Partition:
            item.primary = snapshot.partition(i);
            item.secondary = snapshot.offset(i);
            break;
        case Key::Offset:
            item.primary = snapshot.offset(i);
            item.secondary = snapshot.partition(i);
            break;
        case Key::Timestamp:
            item.primary = snapshot.timestampMs(i);
            break;
        case Key::Numbers:
            item.primary = numbers && size_t(i) < numbers->size() ? (*numbers)[size_t(i)] : 0;
            break;
        case Key::KeyBytes:
        case Key::ValueBytes:
            break;
        }
        if ((i & 0xffff) == 0 && cancelled.load())
            return {};
    }
    std::sort(items.begin(), items.end(), [descending](const NumericItem& a, const NumericItem& b) {
        if (a.primary != b.primary)
            return descending ? a.primary > b.primary : a.primary < b.primary;
        if (a.secondary != b.secondary)
            return descending ? a.secondary > b.secondary : a.secondary < b.secondary;
        return a.index < b.index;
    });
    if (cancelled.load())
        return {};
    for (const NumericItem& item : items)
        result.append(item.index);
    return result;
}

quint64 MessagesSortJob::start(std::shared_ptr<const RecordStore::Snapshot> snapshot, Key key, Qt::SortOrder order,
    std::shared_ptr<const std::vector<qint64>> numbers)
{
    const quint64 jobId = ++m_currentJob;
    m_thread.start([this, jobId, snapshot = std::move(snapshot), key, order, numbers = std::move(numbers)](const std::atomic<bool>& cancelled) {
        const QList<qint64> permutation = sortedIndices(*snapshot, key, order, numbers.get(), cancelled);
        if (cancelled.load())
            return;
        QMetaObject::invokeMethod(
            this, [this, jobId, permutation] {
                if (jobId == m_currentJob)
                    Q_EMIT finished(jobId, permutation);
            },
            Qt::QueuedConnection);
    });
    return jobId;
}

void MessagesSortJob::cancel()
{
    ++m_currentJob;
    m_thread.cancel();
}

bool MessagesSortJob::isRunning() const
{
    return m_thread.isRunning();
}

} // namespace Samsa
