#include "connectiontester.h"

#include "kafkathreads.h"
#include "kafkaworker.h"
#include "profiles/connectionconfig.h"

namespace Samsa {

struct ConnectionTester::Private {
    KafkaWorker* worker = nullptr;
    std::shared_ptr<KafkaWorkerControl> control;
    quint64 jobId = 0;
};

ConnectionTester::ConnectionTester(QObject* parent)
    : QObject(parent)
    , d(new Private)
{
    registerKafkaMetaTypes();
}

ConnectionTester::~ConnectionTester()
{
    cancel();
    delete d;
}

void ConnectionTester::start(const ConnectionProfile& profile, const ProfileSecrets& secrets, int timeoutMs)
{
    cancel();
    d->control = std::make_shared<KafkaWorkerControl>();
    // Each test gets a fresh handle, so that the first request measures a cold connect.
    d->worker = new KafkaWorker(ConnectionConfig::librdkafkaProperties(profile, secrets), timeoutMs, d->control);
    const quint64 job = ++d->jobId;
    connect(d->worker, &KafkaWorker::connectionTested, this,
        [this](quint64 finishedJob, const ConnectionTestResult& result) {
            if (finishedJob != d->jobId || !d->worker)
                return;
            cancel();
            Q_EMIT finished(result);
        });
    KafkaThreads::start(d->worker);
    QMetaObject::invokeMethod(
        d->worker, [worker = d->worker, job] { worker->testConnection(job); }, Qt::QueuedConnection);
}

void ConnectionTester::cancel()
{
    if (!d->worker)
        return;
    ++d->jobId; // an answer already on its way is dropped
    d->control->cancelled = true;
    disconnect(d->worker, nullptr, this, nullptr);
    KafkaThreads::retire(d->worker);
    d->worker = nullptr;
    d->control.reset();
}

bool ConnectionTester::isRunning() const { return d->worker != nullptr; }

} // namespace Samsa
