#include "topicclone.h"

#include "messages/messageproducer.h"
#include "messages/messagereader.h"
#include "topics/topicactions.h"
#include "topics/topicname.h"

#include <algorithm>

namespace Samsa {

QString TopicCloneRequest::problem() const
{
    const QString nameProblem = TopicName::problem(target.name);
    if (!nameProblem.isEmpty())
        return nameProblem;
    if (target.name == source)
        return QStringLiteral("The new topic needs a name of its own.");
    if (copy != CloneCopy::None) {
        if (messagesPerPartition < 1)
            return QStringLiteral("Copy at least one message per partition, or none.");
        if (target.partitions >= 0 && target.partitions < sourcePartitions)
            return QStringLiteral("Messages keep their partition number: the new topic needs at least %1 partitions.")
                .arg(sourcePartitions);
    }
    return {};
}

TopicClone::TopicClone(TopicActions* actions, const QList<QPair<QString, QString>>& properties, QObject* parent)
    : QObject(parent)
    , m_actions(actions)
    , m_properties(properties)
{
    qRegisterMetaType<TopicCloneResult>();
    connect(m_actions, &TopicActions::finished, this, [this](int job, const TopicActionResult& result) {
        if (job == m_createJob) {
            m_createJob = 0;
            created(result);
        }
    });
}

TopicClone::~TopicClone() = default;

void TopicClone::start(const TopicCloneRequest& request)
{
    m_request = request;
    m_result = {};
    m_collected.clear();
    m_perPartition.clear();
    m_cancelled = false;
    m_running = true;
    const QString problem = request.problem();
    if (!problem.isEmpty()) {
        finish(problem);
        return;
    }
    Q_EMIT progress(QStringLiteral("creating"), 0, -1);
    m_createJob = m_actions->createTopics({ request.target });
}

void TopicClone::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    if (m_reader && m_reader->isRunning())
        m_reader->stop(); // its finished() ends the clone, without producing
    else if (m_producer && m_producer->isRunning())
        m_producer->cancel(); // finished() reports what was sent
    // While the topic is being created, the answer is awaited: it says whether it exists.
}

void TopicClone::created(const TopicActionResult& result)
{
    if (!result.ok()) {
        finish(QStringLiteral("The topic was not created: %1").arg(result.failures().join(QStringLiteral("; "))));
        return;
    }
    m_result.created = true;
    if (m_request.copy == CloneCopy::None || m_cancelled) {
        m_result.cancelled = m_cancelled;
        finish();
        return;
    }
    ReadRequest read;
    read.topic = m_request.source;
    read.start = m_request.copy == CloneCopy::Last ? ReadStart::LastPerPartition : ReadStart::Beginning;
    read.lastCount = m_request.messagesPerPartition;
    read.maxMessages = 0; // bounded by the end offsets seen at the start, and per partition below
    m_reader = new MessageReader(m_properties, this);
    connect(m_reader, &MessageReader::recordsReady, this, &TopicClone::take);
    connect(m_reader, &MessageReader::failed, this,
        [this](const QString& error) { finish(QStringLiteral("Reading %1 failed: %2").arg(m_request.source, error)); });
    connect(m_reader, &MessageReader::finished, this, [this] {
        if (m_cancelled) {
            m_result.cancelled = true;
            finish();
            return;
        }
        produceCollected();
    });
    Q_EMIT progress(QStringLiteral("reading"), 0, -1);
    m_reader->start(read);
}

void TopicClone::take(const QList<KafkaRecord>& records)
{
    // "First N" reads from the beginning: each partition keeps its first N, the rest is dropped.
    for (const KafkaRecord& record : records) {
        qint64& count = m_perPartition[record.partition];
        if (count >= m_request.messagesPerPartition)
            continue;
        ++count;
        m_collected.append(record);
    }
    Q_EMIT progress(QStringLiteral("reading"), m_collected.size(), -1);
    // Every partition has its N: no need to read on.
    const bool enough = m_perPartition.size() >= m_request.sourcePartitions
        && std::all_of(m_perPartition.cbegin(), m_perPartition.cend(),
            [this](qint64 count) { return count >= m_request.messagesPerPartition; });
    if (enough && m_reader->isRunning())
        m_reader->stop();
}

void TopicClone::produceCollected()
{
    if (m_collected.isEmpty()) {
        finish();
        return;
    }
    QList<ProduceRecord> records;
    records.reserve(m_collected.size());
    for (const KafkaRecord& record : std::as_const(m_collected)) {
        ProduceRecord copy;
        copy.topic = m_request.target.name;
        copy.partition = record.partition;
        copy.key = record.key;
        copy.value = record.value;
        copy.headers = record.headers;
        // LogAppendTime stamps are kept too, as the copy's CreateTime.
        if (record.timestampMs >= 0)
            copy.timestampMs = record.timestampMs;
        records.append(copy);
    }
    m_collected.clear();
    m_producer = new MessageProducer(m_properties, this);
    connect(m_producer, &MessageProducer::progress, this,
        [this](qint64 answered, qint64 total) { Q_EMIT progress(QStringLiteral("copying"), answered, total); });
    connect(m_producer, &MessageProducer::failed, this,
        [this](const QString& error) { finish(QStringLiteral("Copying failed: %1").arg(error)); });
    connect(m_producer, &MessageProducer::finished, this, [this](const ProduceSummary& summary) {
        m_result.copied = summary.delivered;
        m_result.failed = summary.failed;
        m_result.cancelled = summary.cancelled || m_cancelled;
        finish(summary.failed > 0 ? QStringLiteral("%1 message(s) were not copied.").arg(summary.failed) : QString());
    });
    Q_EMIT progress(QStringLiteral("copying"), 0, records.size());
    m_producer->start(records);
}

void TopicClone::finish(const QString& error)
{
    if (!m_running)
        return;
    m_running = false;
    m_result.error = error;
    Q_EMIT finished(m_result);
}

} // namespace Samsa
