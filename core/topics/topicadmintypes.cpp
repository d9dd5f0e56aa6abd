#include "topicadmintypes.h"

#include <QStringList>

namespace Samsa {

bool TopicActionResult::ok() const
{
    return failures().isEmpty();
}

QStringList TopicActionResult::failures() const
{
    QStringList lines;
    if (!error.isEmpty())
        lines.append(error);
    for (const TopicOutcome& outcome : topics) {
        if (!outcome.error.isEmpty())
            lines.append(QStringLiteral("%1: %2").arg(outcome.topic, outcome.error));
    }
    for (const PartitionPurgeOutcome& outcome : partitions) {
        if (!outcome.error.isEmpty())
            lines.append(QStringLiteral("%1-%2: %3").arg(outcome.topic).arg(outcome.partition).arg(outcome.error));
    }
    return lines;
}

} // namespace Samsa
