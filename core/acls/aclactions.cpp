#include "aclactions.h"

#include "aclactionsworker.h"
#include "kafka/kafkathreads.h"

namespace Samsa {

AclActions::AclActions(const QList<QPair<QString, QString>>& properties, int timeoutMs, QObject* parent)
    : QObject(parent)
    , m_worker(new AclActionsWorker(properties, timeoutMs))
{
    qRegisterMetaType<AclActionResult>();
    qRegisterMetaType<AclFilter>();
    qRegisterMetaType<AclBinding>();
    connect(m_worker, &AclActionsWorker::finished, this, &AclActions::finished);
    KafkaThreads::start(m_worker);
}

AclActions::~AclActions()
{
    KafkaThreads::retire(m_worker);
}

int AclActions::list(const AclFilter& filter)
{
    const int job = nextJob();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, job, filter] { worker->list(job, filter); }, Qt::QueuedConnection);
    return job;
}

int AclActions::create(const QList<AclBinding>& bindings)
{
    const int job = nextJob();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, job, bindings] { worker->create(job, bindings); }, Qt::QueuedConnection);
    return job;
}

int AclActions::remove(const QList<AclFilter>& filters)
{
    const int job = nextJob();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, job, filters] { worker->remove(job, filters); }, Qt::QueuedConnection);
    return job;
}

} // namespace Samsa
