#include "groupactionsworker.h"

namespace Samsa {

GroupActionsWorker::GroupActionsWorker(const QList<QPair<QString, QString>>& properties, int timeoutMs)
    : m_properties(properties)
    , m_timeoutMs(timeoutMs)
{
}

RdKafkaClient* GroupActionsWorker::client(QString* error)
{
    if (!m_client)
        m_client = RdKafkaClient::create(m_properties, error);
    return m_client.get();
}

void GroupActionsWorker::preview(const OffsetResetRequest& request)
{
    QString error;
    RdKafkaClient* kafka = client(&error);
    if (!kafka) {
        OffsetResetPlan plan;
        plan.request = request;
        plan.error = error;
        Q_EMIT previewReady(plan);
        return;
    }
    Q_EMIT previewReady(kafka->planOffsetReset(request, m_timeoutMs, {}));
}

void GroupActionsWorker::apply(OffsetResetPlan plan)
{
    QString error;
    RdKafkaClient* kafka = client(&error);
    if (kafka) {
        // The plan is made again first: a consumer may have joined since the preview.
        const OffsetResetPlan fresh = kafka->planOffsetReset(plan.request, m_timeoutMs, {});
        if (!fresh.refusal.isEmpty() || !fresh.error.isEmpty()) {
            plan.refusal = fresh.refusal;
            plan.error = fresh.error;
        }
        kafka->applyOffsetReset(&plan, m_timeoutMs, &error);
    }
    Q_EMIT applied(plan, error);
}

void GroupActionsWorker::deleteGroup(const QString& groupId)
{
    QString error;
    RdKafkaClient* kafka = client(&error);
    const bool ok = kafka && kafka->deleteGroup(groupId, m_timeoutMs, &error);
    Q_EMIT deleted(ok, error);
}

void GroupActionsWorker::deleteOffsets(const QString& groupId, const QString& topic)
{
    QString error;
    RdKafkaClient* kafka = client(&error);
    const bool ok = kafka && kafka->deleteGroupOffsets(groupId, topic, m_timeoutMs, &error);
    Q_EMIT deleted(ok, error);
}

} // namespace Samsa
