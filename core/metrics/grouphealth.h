#pragma once

// The health of a group's partition over a sliding window of samples, after Burrow's rules
// (github.com/linkedin/Burrow, "Consumer Lag Evaluation Rules"), in the order they are tried:
//
//   ERR     the committed offset is outside the log (below its start or above its end)
//   OK      the lag is zero in the latest sample: a caught-up partition is never in trouble,
//           however long ago its last commit was (Burrow and kafka-lag-exporter flag idle
//           partitions as stopped; this rule is why Samsa does not)
//   REWIND  the committed offset went backwards between two samples of the window
//   OK      the lag was zero in any sample of the window: it was caught up moments ago
//   STOP    the group has no members (state Empty or Dead), the lag is above zero and the committed
//           offset did not move over the whole window: nobody is consuming
//   STALL   the group has members but the committed offset did not move over the whole window
//           while the lag stayed above zero: a consumer is stuck
//   WARN    the lag grew over the whole window: it never went down from one sample to the next
//           and ended higher than it started (Burrow wants a rise at every sample, which a
//           consumer committing in batches never shows per partition)
//   OK      anything else
//
// Kafka does not tell when an offset was last committed (OffsetFetch returns only the offset),
// so "no commit" is read from the group's membership: without members nothing can commit.
// A window is full when it spans `windowSamples` samples; the rules that need the whole window
// (STOP, STALL, WARN) are not tried before that.

#include <QList>
#include <QString>

namespace Samsa {

enum class Health : quint8 { Unknown, Ok, Warn, Rewind, Stall, Stop, Err };

QString healthName(Health health); // "OK", "WARN", ...
int healthSeverity(Health health); // higher is worse; a group shows its worst partition

struct CommitSample {
    qint64 timeMs = 0;
    qint64 committed = -1;
    qint64 start = -1; // log start offset at the time
    qint64 end = -1; // log end offset at the time
    qint64 lag() const { return committed >= 0 && end >= committed ? end - committed : 0; }
};

struct HealthVerdict {
    Health health = Health::Unknown;
    QString reason; // one line a user understands, e.g. "no commit for 50 s while 1,200 messages arrived"
};

// `window` is oldest first and holds at most the last `windowSamples` samples.
HealthVerdict evaluateHealth(const QList<CommitSample>& window, int windowSamples, bool groupHasMembers);

} // namespace Samsa
