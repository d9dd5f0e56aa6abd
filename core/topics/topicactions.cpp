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
    qRegisterMetaType<ConfigResult>();
    qRegisterMetaType<TopicCloneSource>();
    connect(m_worker, &TopicActionsWorker::finished, this, &TopicActions::finished);
    connect(m_worker, &TopicActionsWorker::configsDescribed, this, &TopicActions::configsDescribed);
    connect(m_worker, &TopicActionsWorker::topicInspected, this, &TopicActions::topicInspected);
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
    return alterConfigs(ConfigResource { ConfigResourceType::Topic, topic }, changes);
}

int TopicActions::alterConfigs(const ConfigResource& resource, const Overrides& changes)
{
    const int job = nextJob();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, job, resource, changes] { worker->alterConfigs(job, resource, changes); },
        Qt::QueuedConnection);
    return job;
}

int TopicActions::describeConfigs(const ConfigResource& resource)
{
    const int job = nextJob();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, job, resource] { worker->describeConfigs(job, resource); },
        Qt::QueuedConnection);
    return job;
}

int TopicActions::inspectTopic(const QString& topic)
{
    const int job = nextJob();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, job, topic] { worker->inspectTopic(job, topic); }, Qt::QueuedConnection);
    return job;
}

int TopicActions::describeTopicConfigCatalog()
{
    const int job = nextJob();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, job] { worker->describeTopicConfigCatalog(job); }, Qt::QueuedConnection);
    return job;
}

} // namespace Samsa
