#pragma once

// Clones a topic: creates the new one (TopicActions) with the partitions, replication factor and
// overrides given (a dialog or samsactl fills them from TopicActions::inspectTopic), then, when
// asked, copies the first or last N messages of each partition: read with MessageReader, produced
// with MessageProducer to the same partition number, keys, values, headers and timestamps kept.
// Runs on the caller's thread by signals; cancel() stops whichever step is running.

#include "topics/topicadmintypes.h"

#include <QHash>
#include <QObject>
#include <QPair>

namespace Samsa {

class MessageProducer;
class MessageReader;
class TopicActions;
struct KafkaRecord;

enum class CloneCopy { None, First, Last };

struct TopicCloneRequest {
    QString source;
    int sourcePartitions = 0; // from inspectTopic: records go to the same partition number
    NewTopicSpec target;
    CloneCopy copy = CloneCopy::None;
    qint64 messagesPerPartition = 0;

    // Why the request cannot run (the new name, partitions too few for the copied ones); empty when it can.
    QString problem() const;
};

struct TopicCloneResult {
    bool created = false; // the new topic exists
    qint64 copied = 0;
    qint64 failed = 0; // records the new topic refused
    bool cancelled = false;
    QString error; // empty when everything asked for was done
};

class TopicClone : public QObject {
    Q_OBJECT
public:
    TopicClone(TopicActions* actions, const QList<QPair<QString, QString>>& properties, QObject* parent = nullptr);
    ~TopicClone() override;

    void start(const TopicCloneRequest& request);
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    // stage: "creating", "reading" or "copying"; total is -1 while unknown.
    void progress(const QString& stage, qint64 done, qint64 total);
    void finished(const Samsa::TopicCloneResult& result);

private:
    void created(const TopicActionResult& result);
    void take(const QList<KafkaRecord>& records);
    void produceCollected();
    void finish(const QString& error = {});

    TopicActions* m_actions;
    QList<QPair<QString, QString>> m_properties;
    TopicCloneRequest m_request;
    TopicCloneResult m_result;
    MessageReader* m_reader = nullptr;
    MessageProducer* m_producer = nullptr;
    QList<KafkaRecord> m_collected;
    QHash<int, qint64> m_perPartition;
    int m_createJob = 0;
    bool m_running = false;
    bool m_cancelled = false;
};

} // namespace Samsa

Q_DECLARE_METATYPE(Samsa::TopicCloneResult)
