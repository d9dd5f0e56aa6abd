#include "kafkaclustersession.h"

#include "kafkathreads.h"
#include "kafkaworker.h"
#include "connectionfailure.h"
#include "profiles/connectionconfig.h"

#include <QHash>
#include <QSet>
#include <QTimer>

namespace Samsa {

struct KafkaClusterSession::Private {
    ConnectionProfile profile;
    ProfileSecrets secrets;
    int timeoutMs = KafkaClusterSession::defaultTimeoutMs;
    State state = State::Disconnected;
    QString errorText;
    ClusterMetadata metadata;
    QHash<QString, qsizetype> topicRows; // topic name → index in metadata.topics

    KafkaWorker* worker = nullptr;
    std::shared_ptr<KafkaWorkerControl> control;
    quint64 generation = 0; // bumped whenever a worker is retired: its late answers are dropped
    quint64 nextJobId = 0;
    quint64 metadataJob = 0; // the connect or refresh whose answers are wanted
    QSet<quint64> watermarkJobs;
    QHash<quint64, ConfigResource> configJobs;
    QSet<quint64> groupJobs;
};

KafkaClusterSession::KafkaClusterSession(const ConnectionProfile& profile, const ProfileSecrets& secrets,
    QObject* parent)
    : ClusterSession(parent)
    , d(new Private)
{
    registerKafkaMetaTypes();
    d->profile = profile;
    d->secrets = secrets;
}

KafkaClusterSession::~KafkaClusterSession()
{
    retireWorker();
    delete d;
}

ClusterSession::State KafkaClusterSession::state() const { return d->state; }
QString KafkaClusterSession::errorText() const { return d->errorText; }
const ConnectionProfile& KafkaClusterSession::profile() const { return d->profile; }
ProfileSecrets KafkaClusterSession::secrets() const { return d->secrets; }
const ClusterMetadata& KafkaClusterSession::metadata() const { return d->metadata; }

void KafkaClusterSession::setTimeoutMs(int timeoutMs) { d->timeoutMs = std::max(timeoutMs, 100); }
int KafkaClusterSession::timeoutMs() const { return d->timeoutMs; }

bool KafkaClusterSession::waitForWorkers(int timeoutMs) { return KafkaThreads::waitForAll(timeoutMs); }

void KafkaClusterSession::connectToCluster()
{
    if (d->state == State::Connecting || d->state == State::Connected)
        return;
    retireWorker();
    d->errorText.clear();
    startWorker();
    d->metadataJob = ++d->nextJobId;
    d->control->latestMetadataJob = d->metadataJob;
    setState(State::Connecting);
    QMetaObject::invokeMethod(
        d->worker, [worker = d->worker, job = d->metadataJob] { worker->loadMetadata(job); }, Qt::QueuedConnection);
}

void KafkaClusterSession::refresh()
{
    if (d->state != State::Connected || !d->worker)
        return;
    d->metadataJob = ++d->nextJobId;
    d->control->latestMetadataJob = d->metadataJob;
    QMetaObject::invokeMethod(
        d->worker, [worker = d->worker, job = d->metadataJob] { worker->loadMetadata(job); }, Qt::QueuedConnection);
}

void KafkaClusterSession::requestWatermarks(const QString& topic)
{
    if (!d->worker) {
        const quint64 generation = d->generation;
        QTimer::singleShot(0, this, [this, generation] {
            if (generation == d->generation)
                Q_EMIT watermarksFailed(QStringLiteral("Not connected."));
        });
        return;
    }
    const quint64 job = ++d->nextJobId;
    d->watermarkJobs.insert(job);
    QMetaObject::invokeMethod(
        d->worker, [worker = d->worker, job, topic] { worker->loadTopicWatermarks(job, topic); },
        Qt::QueuedConnection);
}

void KafkaClusterSession::requestConfigs(const ConfigResource& resource)
{
    if (!d->worker) {
        const quint64 generation = d->generation;
        QTimer::singleShot(0, this, [this, generation, resource] {
            if (generation == d->generation)
                Q_EMIT configsReady({ resource, {}, QStringLiteral("Not connected.") });
        });
        return;
    }
    // A newer request for the same resource supersedes an older one still under way.
    for (auto it = d->configJobs.begin(); it != d->configJobs.end();) {
        if (it.value() == resource)
            it = d->configJobs.erase(it);
        else
            ++it;
    }
    const quint64 job = ++d->nextJobId;
    d->configJobs.insert(job, resource);
    QMetaObject::invokeMethod(
        d->worker, [worker = d->worker, job, resource] { worker->describeConfigs(job, resource); },
        Qt::QueuedConnection);
}

void KafkaClusterSession::requestGroups()
{
    if (!d->worker) {
        ClusterSession::requestGroups();
        return;
    }
    const quint64 job = ++d->nextJobId;
    d->groupJobs.insert(job);
    QMetaObject::invokeMethod(d->worker, [worker = d->worker, job] { worker->loadGroups(job); }, Qt::QueuedConnection);
}

void KafkaClusterSession::requestGroupDetail(const QString& groupId)
{
    if (!d->worker) {
        ClusterSession::requestGroupDetail(groupId);
        return;
    }
    const quint64 job = ++d->nextJobId;
    d->groupJobs.insert(job);
    QMetaObject::invokeMethod(
        d->worker, [worker = d->worker, job, groupId] { worker->loadGroupDetail(job, groupId); }, Qt::QueuedConnection);
}

void KafkaClusterSession::disconnectFromCluster()
{
    retireWorker();
    d->metadata = {};
    d->topicRows.clear();
    d->errorText.clear();
    setState(State::Disconnected);
}

void KafkaClusterSession::setState(State state)
{
    if (d->state == state)
        return;
    d->state = state;
    Q_EMIT stateChanged(state);
}

void KafkaClusterSession::startWorker()
{
    d->control = std::make_shared<KafkaWorkerControl>();
    d->worker
        = new KafkaWorker(ConnectionConfig::librdkafkaProperties(d->profile, d->secrets), d->timeoutMs, d->control);
    const quint64 generation = d->generation;
    // Answers are queued to this thread; the generation check drops those of a retired worker
    // that were already on their way when it was retired.
    connect(d->worker, &KafkaWorker::metadataLoaded, this,
        [this, generation](quint64 job, const ClusterMetadata& metadata) {
            if (generation == d->generation && job == d->metadataJob)
                handleMetadata(metadata);
        });
    connect(d->worker, &KafkaWorker::metadataFailed, this, [this, generation](quint64 job, const QString& error) {
        if (generation == d->generation && job == d->metadataJob)
            handleMetadataFailure(error);
    });
    connect(d->worker, &KafkaWorker::watermarksLoaded, this,
        [this, generation](quint64 job, const QList<TopicWatermarks>& watermarks) {
            if (generation == d->generation && (job == d->metadataJob || d->watermarkJobs.contains(job)))
                handleWatermarks(watermarks);
        });
    connect(d->worker, &KafkaWorker::watermarksFailed, this, [this, generation](quint64 job, const QString& error) {
        if (generation != d->generation)
            return;
        if (job == d->metadataJob || d->watermarkJobs.contains(job))
            Q_EMIT watermarksFailed(error);
    });
    connect(d->worker, &KafkaWorker::watermarksDone, this, [this, generation](quint64 job) {
        if (generation != d->generation)
            return;
        if (job == d->metadataJob || d->watermarkJobs.remove(job))
            Q_EMIT watermarksFinished();
    });
    connect(d->worker, &KafkaWorker::configsLoaded, this,
        [this, generation](quint64 job, const ConfigResult& result) {
            if (generation == d->generation && d->configJobs.remove(job))
                Q_EMIT configsReady(result);
        });
    connect(d->worker, &KafkaWorker::groupsLoaded, this, [this, generation](quint64 job, const GroupListResult& result) {
        if (generation == d->generation && d->groupJobs.remove(job))
            Q_EMIT groupsReady(result);
    });
    connect(d->worker, &KafkaWorker::groupDetailLoaded, this, [this, generation](quint64 job, const GroupDetail& detail) {
        if (generation == d->generation && d->groupJobs.remove(job))
            Q_EMIT groupDetailReady(detail);
    });
    KafkaThreads::start(d->worker);
}

void KafkaClusterSession::retireWorker()
{
    ++d->generation;
    d->watermarkJobs.clear();
    d->configJobs.clear();
    d->groupJobs.clear();
    d->metadataJob = 0;
    if (!d->worker)
        return;
    d->control->cancelled = true;
    disconnect(d->worker, nullptr, this, nullptr);
    KafkaThreads::retire(d->worker);
    d->worker = nullptr;
    d->control.reset();
}

void KafkaClusterSession::handleMetadata(const ClusterMetadata& metadata)
{
    // Keep the watermarks already known: the new ones follow in chunks.
    ClusterMetadata merged = metadata;
    for (TopicInfo& topic : merged.topics) {
        const qsizetype oldRow = d->topicRows.value(topic.name, -1);
        if (oldRow < 0)
            continue;
        const TopicInfo& old = d->metadata.topics.at(oldRow);
        for (PartitionInfo& partition : topic.partitions) {
            if (partition.partition >= 0 && partition.partition < old.partitions.size()
                && old.partitions.at(partition.partition).partition == partition.partition) {
                partition.lowWatermark = old.partitions.at(partition.partition).lowWatermark;
                partition.highWatermark = old.partitions.at(partition.partition).highWatermark;
            }
        }
    }
    d->metadata = merged;
    d->topicRows.clear();
    for (qsizetype row = 0; row < d->metadata.topics.size(); ++row)
        d->topicRows.insert(d->metadata.topics.at(row).name, row);
    setState(State::Connected);
    Q_EMIT metadataReady(d->metadata);
}

void KafkaClusterSession::handleMetadataFailure(const QString& error)
{
    if (d->state == State::Connecting) {
        // A failed connect frees its handle at once; librdkafka would keep retrying otherwise.
        retireWorker();
        // What the user can act on first (a refused password, an untrusted certificate...), then
        // librdkafka's own words.
        const ConnectionFailure failure
            = classifyConnectionFailure(error, ConnectionFailureContext::fromProfile(d->profile, d->timeoutMs));
        const bool explained = failure.kind != ConnectionFailure::Kind::None
            && failure.kind != ConnectionFailure::Kind::Other && !failure.message.isEmpty();
        d->errorText = explained ? failure.message + QStringLiteral(" (librdkafka: ") + error + QLatin1Char(')') : error;
        setState(State::Failed);
    } else {
        Q_EMIT refreshFailed(error);
    }
}

void KafkaClusterSession::handleWatermarks(const QList<TopicWatermarks>& watermarks)
{
    for (const TopicWatermarks& topicMarks : watermarks) {
        const qsizetype row = d->topicRows.value(topicMarks.topic, -1);
        if (row < 0)
            continue;
        TopicInfo& topic = d->metadata.topics[row];
        for (PartitionInfo& partition : topic.partitions) {
            const auto it = topicMarks.partitions.constFind(partition.partition);
            if (it == topicMarks.partitions.constEnd())
                continue;
            partition.lowWatermark = it.value().first;
            partition.highWatermark = it.value().second;
        }
    }
    Q_EMIT watermarksReady(watermarks);
}

} // namespace Samsa
