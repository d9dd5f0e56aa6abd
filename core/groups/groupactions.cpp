#include "groupactions.h"

#include "groupactionsworker.h"
#include "kafka/kafkathreads.h"

namespace Samsa {

GroupActions::GroupActions(const QList<QPair<QString, QString>>& properties, int timeoutMs, QObject* parent)
    : QObject(parent)
    , m_worker(new GroupActionsWorker(properties, timeoutMs))
{
    qRegisterMetaType<OffsetResetRequest>();
    qRegisterMetaType<OffsetResetPlan>();
    connect(m_worker, &GroupActionsWorker::previewReady, this, &GroupActions::previewReady);
    connect(m_worker, &GroupActionsWorker::applied, this, &GroupActions::applied);
    connect(m_worker, &GroupActionsWorker::deleted, this, &GroupActions::deleted);
    KafkaThreads::start(m_worker);
}

GroupActions::~GroupActions()
{
    KafkaThreads::retire(m_worker);
}

void GroupActions::preview(const OffsetResetRequest& request)
{
    QMetaObject::invokeMethod(m_worker, "preview", Qt::QueuedConnection, Q_ARG(Samsa::OffsetResetRequest, request));
}

void GroupActions::apply(const OffsetResetPlan& plan)
{
    QMetaObject::invokeMethod(m_worker, "apply", Qt::QueuedConnection, Q_ARG(Samsa::OffsetResetPlan, plan));
}

void GroupActions::deleteGroup(const QString& groupId)
{
    QMetaObject::invokeMethod(m_worker, "deleteGroup", Qt::QueuedConnection, Q_ARG(QString, groupId));
}

void GroupActions::deleteOffsets(const QString& groupId, const QString& topic)
{
    QMetaObject::invokeMethod(m_worker, "deleteOffsets", Qt::QueuedConnection, Q_ARG(QString, groupId), Q_ARG(QString, topic));
}

} // namespace Samsa
