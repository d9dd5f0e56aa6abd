#pragma once

// The threads that run KafkaWorkers. A worker is retired without waiting: it deletes itself when
// its current librdkafka call returns, and its thread then ends. This registry keeps the QThread
// objects until they have ended, so that tests and the application's shutdown can wait (bounded)
// for all of them instead of leaking threads or exiting under a running one.

#include <QObject>
#include <QThread>

class QThread;

namespace Samsa {

class KafkaThreads {
public:
    // Moves the worker (which must have no parent) to a new thread and starts it. Background work
    // (the metrics engine) asks for QThread::IdlePriority, so it never takes a core from the UI.
    static void start(QObject* worker, QThread::Priority priority = QThread::InheritPriority);
    // Asks the worker to delete itself on its thread, after which the thread ends. Never blocks.
    static void retire(QObject* worker);
    // Waits up to timeoutMs for every worker thread to end. Returns true when none is left.
    static bool waitForAll(int timeoutMs);
    static int runningCount();
};

} // namespace Samsa
