#pragma once

// The thread side of a KafkaClusterSession or ConnectionTester: owns the librdkafka handle and runs
// one request at a time on its own thread. Requests arrive as queued calls; answers leave as
// signals tagged with the request's job id, so the session can drop what it no longer wants.

#include "clustertypes.h"
#include "rdkafkaclient.h"

#include <QHash>
#include <QObject>
#include <atomic>
#include <memory>

namespace Samsa {

// Shared between the session (UI thread) and its worker: raised once, never lowered.
struct KafkaWorkerControl {
    std::atomic<bool> cancelled { false };
    // The newest connect/refresh: older ones still queued or running stop at the next step.
    std::atomic<quint64> latestMetadataJob { 0 };
};

class KafkaWorker : public QObject {
    Q_OBJECT
public:
    // Partitions per ListOffsets batch: large clusters stream in, each batch one signal.
    static constexpr int watermarkChunkSize = 2000;

    KafkaWorker(const QList<QPair<QString, QString>>& properties, int timeoutMs,
        std::shared_ptr<KafkaWorkerControl> control);
    ~KafkaWorker() override;

    // Called on the worker's thread (queued).
    void loadMetadata(quint64 jobId);
    void loadTopicWatermarks(quint64 jobId, const QString& topic);
    void describeConfigs(quint64 jobId, const Samsa::ConfigResource& resource);
    void testConnection(quint64 jobId);
    void loadGroups(quint64 jobId);
    void loadGroupDetail(quint64 jobId, const QString& groupId);

Q_SIGNALS:
    void metadataLoaded(quint64 jobId, const Samsa::ClusterMetadata& metadata);
    void metadataFailed(quint64 jobId, const QString& error);
    void watermarksLoaded(quint64 jobId, const QList<Samsa::TopicWatermarks>& watermarks);
    void watermarksFailed(quint64 jobId, const QString& error);
    // All watermarks of the job have been sent (or failed).
    void watermarksDone(quint64 jobId);
    void configsLoaded(quint64 jobId, const Samsa::ConfigResult& result);
    void connectionTested(quint64 jobId, const Samsa::ConnectionTestResult& result);
    void groupsLoaded(quint64 jobId, const Samsa::GroupListResult& result);
    void groupDetailLoaded(quint64 jobId, const Samsa::GroupDetail& detail);

private:
    bool ensureClient(QString* error);
    bool isCancelled() const { return m_control->cancelled.load(); }
    bool isSuperseded(quint64 jobId) const
    {
        return isCancelled() || m_control->latestMetadataJob.load() != jobId;
    }
    void fillRacks(ClusterMetadata* metadata);
    // Streams watermarks of the topics in chunks; stops early when stillWanted() turns false.
    void streamWatermarks(quint64 jobId, const QList<TopicInfo>& topics, const CancelCheck& stillWanted);

    QList<QPair<QString, QString>> m_properties;
    int m_timeoutMs;
    std::shared_ptr<KafkaWorkerControl> m_control;
    std::unique_ptr<RdKafkaClient> m_client;
    QList<TopicInfo> m_topics; // from the last metadata, for single-topic watermark requests
    QHash<int, QString> m_racks;
    bool m_racksUnavailable = false;
};

void registerKafkaMetaTypes();

} // namespace Samsa
