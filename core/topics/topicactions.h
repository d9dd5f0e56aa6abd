#pragma once

// Topic administration off the UI thread: create topics, delete topics, add partitions, purge
// records (DeleteRecords) and replace a topic's config overrides. One worker thread with its own
// librdkafka handle per TopicActions; each call answers with `finished` carrying the job id it
// returned and every topic's or partition's own outcome. Used by the topic dialogs and samsactl.

#include "clustertypes.h"
#include "topics/topicadmintypes.h"

#include <QObject>
#include <QPair>

namespace Samsa {

class TopicActionsWorker;

class TopicActions : public QObject {
    Q_OBJECT
public:
    TopicActions(const QList<QPair<QString, QString>>& properties, int timeoutMs, QObject* parent = nullptr);
    ~TopicActions() override; // never waits: the worker finishes its action and goes

    // Each returns the job id that `finished` will carry. Names are checked (TopicName) on the
    // worker before anything is sent: an invalid name gets its own outcome, the others go on.
    int createTopics(const QList<NewTopicSpec>& topics);
    int deleteTopics(const QStringList& topics);
    int createPartitions(const QString& topic, int newTotal);
    int purge(const QList<PurgeRequest>& requests);
    // Reads the topic's current overrides, applies `changes` (a null value removes an override, so
    // the default applies again) and sends the whole set with AlterConfigs.
    int alterConfigs(const QString& topic, const QList<QPair<QString, QString>>& changes);
    // The same for a topic or a broker: a broker's dynamic configs form the set there (only those
    // the broker lets AlterConfigs change; the others are refused by it).
    int alterConfigs(const ConfigResource& resource, const QList<QPair<QString, QString>>& changes);
    // DescribeConfigs with documentation where the broker gives it (ConfigDescriber); answers with
    // configsDescribed.
    int describeConfigs(const ConfigResource& resource);
    // The topic configs a new topic can be given, with defaults and documentation; configsDescribed.
    int describeTopicConfigCatalog();
    // Partitions, replication factor and overrides of a topic, for a clone; topicInspected.
    int inspectTopic(const QString& topic);

Q_SIGNALS:
    void finished(int job, const Samsa::TopicActionResult& result);
    void configsDescribed(int job, const Samsa::ConfigResult& result);
    void topicInspected(int job, const Samsa::TopicCloneSource& source);

private:
    int nextJob() { return ++m_lastJob; }

    TopicActionsWorker* m_worker;
    int m_lastJob = 0;
};

} // namespace Samsa
