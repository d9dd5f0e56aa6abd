#include "topicactions.h"

#include "kafka/kafkathreads.h"
#include "topicactionsworker.h"

namespace Samsa {

using Overrides = QList<QPair<QString, QString>>;

TopicActions::TopicActions(const QList<QPair<QString, QString>>& properties, int timeoutMs, QObject* parent)
    : QObject(parent)
    , m_worker(new TopicActionsWorker(properties, timeoutMs))
{
    qRegisterMetaType<TopicActionResult>();
    qRegisterMetaType<QList<NewTopicSpec>>();
    qRegisterMetaType<QList<PurgeRequest>>();
    qRegisterMetaType<Overrides>();
    connect(m_worker, &TopicActionsWorker::finished, this, &TopicActions::finished);
    KafkaThreads::start(m_worker);
}

TopicActions::~TopicActions()
{
    KafkaThreads::retire(m_worker);
}

int TopicActions::createTopics(const QList<NewTopicSpec>& topics)
{
    const int job = nextJob();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, job, topics] { worker->createTopics(job, topics); }, Qt::QueuedConnection);
    return job;
}

int TopicActions::deleteTopics(const QStringList& topics)
{
    const int job = nextJob();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, job, topics] { worker->deleteTopics(job, topics); }, Qt::QueuedConnection);
    return job;
}

int TopicActions::createPartitions(const QString& topic, int newTotal)
{
    const int job = nextJob();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, job, topic, newTotal] { worker->createPartitions(job, topic, newTotal); },
        Qt::QueuedConnection);
    return job;
}

int TopicActions::purge(const QList<PurgeRequest>& requests)
{
    const int job = nextJob();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, job, requests] { worker->purge(job, requests); }, Qt::QueuedConnection);
    return job;
}

int TopicActions::alterConfigs(const QString& topic, const Overrides& changes)
{
    const int job = nextJob();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, job, topic, changes] { worker->alterConfigs(job, topic, changes); },
        Qt::QueuedConnection);
    return job;
}

} // namespace Samsa
