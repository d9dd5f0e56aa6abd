#include "grouphealth.h"

#include <QLocale>

namespace Samsa {

namespace {

QString number(qint64 value)
{
    return QLocale(QLocale::English).toString(value);
}

QString seconds(qint64 ms)
{
    return QStringLiteral("%1 s").arg(number((ms + 500) / 1000));
}

} // namespace

QString healthName(Health health)
{
    switch (health) {
    case Health::Unknown:
        return QStringLiteral("—");
    case Health::Ok:
        return QStringLiteral("OK");
    case Health::Warn:
        return QStringLiteral("WARN");
    case Health::Rewind:
        return QStringLiteral("REWIND");
    case Health::Stall:
        return QStringLiteral("STALL");
    case Health::Stop:
        return QStringLiteral("STOP");
    case Health::Err:
        return QStringLiteral("ERR");
    }
    return {};
}

int healthSeverity(Health health)
{
    return int(health);
}

HealthVerdict evaluateHealth(const QList<CommitSample>& window, int windowSamples, bool groupHasMembers)
{
    if (window.isEmpty())
        return { Health::Unknown, QStringLiteral("not sampled yet") };
    const CommitSample& last = window.last();
    if (last.committed < 0)
        return { Health::Unknown, QStringLiteral("nothing committed") };
    if (last.end >= 0 && last.committed > last.end)
        return { Health::Err,
            QStringLiteral("committed offset %1 is past the end of the log (%2)").arg(number(last.committed), number(last.end)) };
    if (last.start >= 0 && last.committed < last.start)
        return { Health::Err,
            QStringLiteral("committed offset %1 is before the start of the log (%2): those records were deleted")
                .arg(number(last.committed), number(last.start)) };
    if (last.lag() == 0)
        return { Health::Ok, QStringLiteral("caught up") };
    for (qsizetype i = 1; i < window.size(); ++i) {
        if (window.at(i).committed >= 0 && window.at(i - 1).committed > window.at(i).committed)
            return { Health::Rewind,
                QStringLiteral("committed offset went back from %1 to %2")
                    .arg(number(window.at(i - 1).committed), number(window.at(i).committed)) };
    }
    for (const CommitSample& sample : window) {
        if (sample.committed >= 0 && sample.lag() == 0)
            return { Health::Ok, QStringLiteral("lag %1, caught up within the window").arg(number(last.lag())) };
    }
    if (window.size() < windowSamples)
        return { Health::Ok, QStringLiteral("lag %1 (window not full yet)").arg(number(last.lag())) };

    const CommitSample& first = window.first();
    const qint64 spanMs = last.timeMs - first.timeMs;
    const bool offsetStill = first.committed == last.committed;
    const bool logMoved = last.end > first.end;
    if (offsetStill && !groupHasMembers) {
        if (logMoved)
            return { Health::Stop,
                QStringLiteral("no member and no commit for %1 while %2 messages arrived")
                    .arg(seconds(spanMs), number(last.end - first.end)) };
        return { Health::Stop,
            QStringLiteral("no member and no commit for %1, lag %2").arg(seconds(spanMs), number(last.lag())) };
    }
    if (offsetStill && groupHasMembers)
        return { Health::Stall,
            QStringLiteral("committed offset stuck at %1 for %2 with lag %3")
                .arg(number(last.committed), seconds(spanMs), number(last.lag())) };
    // Consumers commit in batches, so a partition's lag moves in steps: it "grew" when it never
    // went down in the window and ended higher than it started.
    bool grew = last.lag() > first.lag();
    for (qsizetype i = 1; i < window.size() && grew; ++i)
        grew = window.at(i).lag() >= window.at(i - 1).lag();
    if (grew)
        return { Health::Warn,
            QStringLiteral("lag never went down in %1, from %2 to %3")
                .arg(seconds(spanMs), number(first.lag()), number(last.lag())) };
    return { Health::Ok, QStringLiteral("lag %1, consuming").arg(number(last.lag())) };
}

} // namespace Samsa
