#include "kafkathreads.h"

#include "kafkalog.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QList>
#include <QMutex>
#include <QThread>

namespace Samsa {

namespace {

QMutex& registryMutex()
{
    static QMutex mutex;
    return mutex;
}

QList<QThread*>& threads()
{
    static QList<QThread*> list;
    return list;
}

// Deletes the QThread objects whose thread has ended. Callers hold the mutex.
void reapFinished()
{
    QList<QThread*>& list = threads();
    for (qsizetype index = list.size() - 1; index >= 0; --index) {
        if (list.at(index)->isFinished()) {
            delete list.at(index);
            list.removeAt(index);
        }
    }
}

// At application exit, give workers a short time to finish their librdkafka call.
void waitAtExit()
{
    if (!KafkaThreads::waitForAll(3000))
        qCWarning(lcKafka, "%d Kafka worker thread(s) still busy at exit", KafkaThreads::runningCount());
}

} // namespace

void KafkaThreads::start(QObject* worker, QThread::Priority priority)
{
    auto* thread = new QThread;
    thread->setObjectName(QStringLiteral("samsa-kafka"));
    worker->moveToThread(thread);
    // The worker's destruction, wherever it comes from, ends its thread.
    QObject::connect(worker, &QObject::destroyed, thread, &QThread::quit, Qt::DirectConnection);
    {
        QMutexLocker locker(&registryMutex());
        static bool exitHookInstalled = false;
        if (!exitHookInstalled && QCoreApplication::instance()) {
            qAddPostRoutine(waitAtExit);
            exitHookInstalled = true;
        }
        reapFinished();
        threads().append(thread);
    }
    thread->start(priority);
}

void KafkaThreads::retire(QObject* worker)
{
    if (worker)
        worker->deleteLater(); // posted to the worker's thread: runs after its current call
}

bool KafkaThreads::waitForAll(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QMutexLocker locker(&registryMutex());
    for (QThread* thread : std::as_const(threads()))
        thread->wait(deadline);
    reapFinished();
    return threads().isEmpty();
}

int KafkaThreads::runningCount()
{
    QMutexLocker locker(&registryMutex());
    reapFinished();
    return int(threads().size());
}

} // namespace Samsa
