#include "aclactionsworker.h"

#include "acllister.h"

namespace Samsa {

AclActionsWorker::AclActionsWorker(const QList<QPair<QString, QString>>& properties, int timeoutMs)
    : m_properties(properties)
    , m_timeoutMs(timeoutMs)
{
}

RdKafkaClient* AclActionsWorker::client(AclActionResult* result)
{
    if (!m_client)
        m_client = RdKafkaClient::create(m_properties, &result->error);
    return m_client.get();
}

void AclActionsWorker::list(int job, const AclFilter& filter)
{
    AclActionResult result;
    if (RdKafkaClient* kafka = client(&result))
        result = AclLister(m_properties, m_timeoutMs).list(*kafka, filter);
    Q_EMIT finished(job, result);
}

void AclActionsWorker::create(int job, const QList<AclBinding>& bindings)
{
    // Bad bindings are refused here, each with its reason; the valid ones are still sent.
    QList<AclBinding> valid;
    for (const AclBinding& binding : bindings) {
        if (validateAclBinding(binding).isEmpty())
            valid.append(completedAclBinding(binding));
    }
    AclActionResult sent;
    if (bindings.isEmpty())
        sent.error = QStringLiteral("No ACL given.");
    else if (!valid.isEmpty()) {
        if (RdKafkaClient* kafka = client(&sent))
            sent = kafka->createAcls(valid, m_timeoutMs);
    }
    // One outcome per binding asked for, in the order asked (a request that failed as a whole gives
    // each binding sent its error).
    AclActionResult result;
    result.error = sent.error;
    qsizetype next = 0;
    for (const AclBinding& binding : bindings) {
        const QString problem = validateAclBinding(binding);
        if (!problem.isEmpty())
            result.outcomes.append({ binding, problem });
        else if (next < sent.outcomes.size())
            result.outcomes.append(sent.outcomes.at(next++));
        else
            result.outcomes.append({ completedAclBinding(binding), sent.error });
    }
    Q_EMIT finished(job, result);
}

void AclActionsWorker::remove(int job, const QList<AclFilter>& filters)
{
    AclActionResult result;
    if (filters.isEmpty())
        result.error = QStringLiteral("No filter given.");
    else if (RdKafkaClient* kafka = client(&result))
        result = kafka->deleteAcls(filters, m_timeoutMs);
    Q_EMIT finished(job, result);
}

} // namespace Samsa
