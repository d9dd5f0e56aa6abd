#pragma once

// Turns SIGINT and SIGTERM into a Qt signal on the event loop (self-pipe and QSocketNotifier), so a
// command can stop its work and flush its output instead of dying mid-line. The handler is
// installed once and resets itself: a second Ctrl+C ends the process the usual way.

#include <QObject>

class QSocketNotifier;

namespace Samsa::Ctl {

class SignalWatcher : public QObject {
    Q_OBJECT
public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void interrupted(int signalNumber);

private:
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace Samsa::Ctl
