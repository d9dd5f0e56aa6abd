#pragma once

// Measures how long the UI thread's event loop goes without running a timer: a 10 ms QTimer on the
// thread the watchdog lives on records the longest gap between two ticks. A test starts it before a
// fault scenario and asserts longestStallMs() stays under 100 ms: any blocking call on the UI thread
// (a synchronous network wait, a disk flush, a model reset over 10,000 rows) shows up as a long gap.
// The gap includes the 10 ms interval itself and the timer's slack, so 100 ms leaves ~90 ms of work.
//
// On a loaded machine (2 cores shared with compilers and a broker) the thread also waits for a CPU
// through no fault of its own. Linux counts that wait per thread (/proc/thread-self/schedstat, the
// run-queue delay), so each gap is measured twice: as seen on the wall clock, and minus the time
// the thread was runnable but not running. The budget applies to the second, the one the app's
// own work (or a blocking call) makes; both are reported.

#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QString>
#include <QTimer>

namespace Samsa::Test {

class UiStallWatchdog : public QObject {
public:
    static constexpr int tickMs = 10;
    static constexpr qint64 budgetMs = 100;

    explicit UiStallWatchdog(QObject* parent = nullptr)
        : QObject(parent)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(tickMs);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] { tick(); });
    }

    void start()
    {
        m_longestMs = 0;
        m_ticks = 0;
        m_where.clear();
        m_wallWhere.clear();
        m_longestWallMs = 0;
        m_clock.start();
        m_lastTick = 0;
        m_lastRunDelayNs = runQueueDelayNs();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }

    // The test's own blocking steps (a broker restart, a producer's flush) stall the thread on
    // purpose: the watchdog looks away while a Pause lives. The app's UI work never runs inside
    // them (the event loop is not running), so nothing of the app escapes the measure.
    class Pause {
    public:
        explicit Pause(UiStallWatchdog& watchdog)
            : m_watchdog(watchdog)
        {
            m_watchdog.m_timer.stop();
        }
        ~Pause()
        {
            m_watchdog.m_lastTick = m_watchdog.m_clock.elapsed();
            m_watchdog.m_lastRunDelayNs = runQueueDelayNs();
            m_watchdog.m_timer.start();
        }
        Pause(const Pause&) = delete;
        Pause& operator=(const Pause&) = delete;

    private:
        UiStallWatchdog& m_watchdog;
    };

    // A label for the phase now running, reported with the longest stall ("while killing the broker").
    void setPhase(const QString& phase) { m_phase = phase; }

    // The longest gap less the time spent waiting for a CPU; the longest gap on the wall clock.
    qint64 longestStallMs() const { return m_longestMs; }
    qint64 longestWallGapMs() const { return m_longestWallMs; }
    int ticks() const { return m_ticks; }
    // "123 ms during <phase>", for QVERIFY2.
    QString report() const
    {
        return QStringLiteral("longest UI stall %1 ms (budget %2 ms) during: %3; longest wall-clock gap %4 ms "
                              "(during: %5), %6 ticks")
            .arg(m_longestMs)
            .arg(budgetMs)
            .arg(m_where.isEmpty() ? QStringLiteral("-") : m_where)
            .arg(m_longestWallMs)
            .arg(m_wallWhere.isEmpty() ? QStringLiteral("-") : m_wallWhere)
            .arg(m_ticks);
    }
    QByteArray reportText() const { return report().toUtf8(); }
    bool withinBudget() const { return m_longestMs < budgetMs; }

private:
    // Nanoseconds this thread has spent runnable but waiting for a CPU (0 where not available).
    static qint64 runQueueDelayNs()
    {
        QFile file(QStringLiteral("/proc/thread-self/schedstat"));
        if (!file.open(QIODevice::ReadOnly))
            return 0;
        return file.readAll().split(' ').value(1).toLongLong();
    }

    void tick()
    {
        const qint64 now = m_clock.elapsed();
        const qint64 runDelayNs = runQueueDelayNs();
        const qint64 wallGap = now - m_lastTick;
        const qint64 gap = wallGap - (runDelayNs - m_lastRunDelayNs) / 1000000;
        m_lastTick = now;
        m_lastRunDelayNs = runDelayNs;
        ++m_ticks;
        if (gap > m_longestMs) {
            m_longestMs = gap;
            m_where = m_phase;
        }
        if (wallGap > m_longestWallMs) {
            m_longestWallMs = wallGap;
            m_wallWhere = m_phase;
        }
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastTick = 0;
    qint64 m_longestMs = 0;
    qint64 m_longestWallMs = 0;
    qint64 m_lastRunDelayNs = 0;
    int m_ticks = 0;
    QString m_phase;
    QString m_where;
    QString m_wallWhere;
};

} // namespace Samsa::Test
