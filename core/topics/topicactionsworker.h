#pragma once

// TopicActions' thread side: checks the input, runs each action through RdKafkaClient and answers
// with a signal.

#include "kafka/rdkafkaclient.h"
#include "topics/topicadmintypes.h"

#include <QObject>
#include <memory>

namespace Samsa {

class TopicActionsWorker : public QObject {
    Q_OBJECT
public:
    TopicActionsWorker(const QList<QPair<QString, QString>>& properties, int timeoutMs);

    void createTopics(int job, const QList<NewTopicSpec>& topics);
    void deleteTopics(int job, const QStringList& topics);
    void createPartitions(int job, const QString& topic, int newTotal);
    void purge(int job, const QList<PurgeRequest>& requests);
    void alterConfigs(int job, const ConfigResource& resource, const QList<QPair<QString, QString>>& changes);
    void describeConfigs(int job, const ConfigResource& resource);
    void describeTopicConfigCatalog(int job);
    void inspectTopic(int job, const QString& topic);

Q_SIGNALS:
    void finished(int job, const Samsa::TopicActionResult& result);
    void configsDescribed(int job, const Samsa::ConfigResult& result);
    void topicInspected(int job, const Samsa::TopicCloneSource& source);

private:
    RdKafkaClient* client(TopicActionResult* result);

    QList<QPair<QString, QString>> m_properties;
    int m_timeoutMs;
    std::unique_ptr<RdKafkaClient> m_client;
};

} // namespace Samsa
