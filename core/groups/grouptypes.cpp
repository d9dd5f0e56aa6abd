#include "grouptypes.h"

namespace Samsa {

qint64 GroupDetail::totalLag() const
{
    qint64 total = 0;
    for (const GroupPartitionOffset& offset : offsets) {
        if (offset.lag() > 0)
            total += offset.lag();
    }
    return total;
}

} // namespace Samsa
