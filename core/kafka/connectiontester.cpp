#include "connectiontester.h"

#include "certificateprobe.h"
#include "kafkathreads.h"
#include "kafkaworker.h"
#include "profiles/connectionconfig.h"

namespace Samsa {

struct ConnectionTester::Private {
    KafkaWorker* worker = nullptr;
    std::shared_ptr<KafkaWorkerControl> control;
    quint64 jobId = 0;
    CertificateProbe* probe = nullptr;
    ConnectionFailureContext context;
};

ConnectionTester::ConnectionTester(QObject* parent)
    : QObject(parent)
    , d(new Private)
{
    registerKafkaMetaTypes();
    qRegisterMetaType<Samsa::ConnectionFailure>();
    d->probe = new CertificateProbe(this);
}

ConnectionTester::~ConnectionTester()
{
    cancel();
    delete d;
}

void ConnectionTester::start(const ConnectionProfile& profile, const ProfileSecrets& secrets, int timeoutMs)
{
    cancel();
    d->context = ConnectionFailureContext::fromProfile(profile, timeoutMs);
    d->control = std::make_shared<KafkaWorkerControl>();
    // Each test gets a fresh handle, so that the first request measures a cold connect.
    d->worker = new KafkaWorker(ConnectionConfig::librdkafkaProperties(profile, secrets), timeoutMs, d->control);
    const quint64 job = ++d->jobId;
    connect(d->worker, &KafkaWorker::connectionTested, this,
        [this](quint64 finishedJob, const ConnectionTestResult& result) {
            if (finishedJob != d->jobId || !d->worker)
                return;
            workerFinished(result);
        });
    KafkaThreads::start(d->worker);
    QMetaObject::invokeMethod(
        d->worker, [worker = d->worker, job] { worker->testConnection(job); }, Qt::QueuedConnection);
}

void ConnectionTester::workerFinished(const ConnectionTestResult& result)
{
    // The worker is done: retire it now; the job id stays, so a probe answer can still be matched.
    ++d->jobId;
    d->control->cancelled = true;
    disconnect(d->worker, nullptr, this, nullptr);
    KafkaThreads::retire(d->worker);
    d->worker = nullptr;
    d->control.reset();

    if (result.ok) {
        Q_EMIT finished(result, ConnectionFailure());
        return;
    }
    const ConnectionFailure failure = classifyConnectionFailure(result.error, d->context);
    QString host;
    quint16 port = 0;
    if (failure.kind != ConnectionFailure::Kind::CertificateRejected
        || !failedBrokerAddress(result.error, d->context.bootstrapServers, &host, &port)) {
        Q_EMIT finished(result, failure);
        return;
    }
    const quint64 job = d->jobId;
    disconnect(d->probe, nullptr, this, nullptr);
    connect(d->probe, &CertificateProbe::finished, this,
        [this, job, result, failure](const CertificateDiagnosis& diagnosis) {
            if (job != d->jobId)
                return;
            disconnect(d->probe, nullptr, this, nullptr);
            Q_EMIT finished(result, refineCertificateFailure(failure, diagnosis, d->context));
        });
    d->probe->start(host, port, d->context.caFile, qBound(1000, d->context.timeoutMs, 5000));
}

void ConnectionTester::cancel()
{
    ++d->jobId; // an answer already on its way is dropped
    d->probe->cancel();
    disconnect(d->probe, nullptr, this, nullptr);
    if (!d->worker)
        return;
    d->control->cancelled = true;
    disconnect(d->worker, nullptr, this, nullptr);
    KafkaThreads::retire(d->worker);
    d->worker = nullptr;
    d->control.reset();
}

bool ConnectionTester::isRunning() const
{
    return d->worker != nullptr || d->probe->isRunning();
}

} // namespace Samsa
