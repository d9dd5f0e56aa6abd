#pragma once

// Decides where a read starts and stops in each partition, from the partitions' watermarks and,
// for a timestamp or a group, the offsets the cluster answered. No I/O: the reader asks the cluster,
// this decides, and every adjustment becomes a note the user sees.

#include "readrequest.h"

namespace Samsa {

struct PartitionWatermarks {
    int partition = -1;
    qint64 low = 0; // first offset still in the log
    qint64 high = 0; // offset the next record will get
};

class ReadPlanner {
public:
    // lookedUp: for ReadStart::Timestamp the offset of the first record at or after the time, for
    // ReadStart::GroupOffsets the committed offset; -1 or absent: none. Ignored for other starts.
    static ReadPlan plan(const ReadRequest& request, const QList<PartitionWatermarks>& watermarks,
        const QHash<int, qint64>& lookedUp = {});
};

} // namespace Samsa
