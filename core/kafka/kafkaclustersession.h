#pragma once

// ClusterSession over librdkafka. One session per connected cluster: its librdkafka handle lives on
// a worker thread owned by the session (KafkaWorker); requests are queued to it and results come
// back as signals. Disconnect or destruction raises a cancel flag, drops pending results and lets
// the worker finish in the background: the UI never waits for the network.

#include "clustersession.h"
#include "profiles/connectionprofile.h"

namespace Samsa {

class KafkaClusterSession : public ClusterSession {
    Q_OBJECT
public:
    static constexpr int defaultTimeoutMs = 10000;

    KafkaClusterSession(const ConnectionProfile& profile, const ProfileSecrets& secrets, QObject* parent = nullptr);
    ~KafkaClusterSession() override;

    // Bound of each network step (connect, metadata, watermarks, configs); takes effect at the next
    // connectToCluster().
    void setTimeoutMs(int timeoutMs);
    int timeoutMs() const;

    // Waits (bounded) until the worker threads of all sessions and connection testers that were
    // destroyed or disconnected have ended. For tests and application shutdown; also run
    // automatically when the QCoreApplication is destroyed. Returns true when none is left.
    static bool waitForWorkers(int timeoutMs);

    State state() const override;
    QString errorText() const override;
    const ConnectionProfile& profile() const override;
    ProfileSecrets secrets() const override;
    void requestGroups() override;
    void requestGroupDetail(const QString& groupId) override;
    const ClusterMetadata& metadata() const override;

    void connectToCluster() override;
    void refresh() override;
    void requestWatermarks(const QString& topic) override;
    void requestConfigs(const ConfigResource& resource) override;
    void disconnectFromCluster() override;

Q_SIGNALS:
    // Every watermark of the last connect or refresh, or of one requestWatermarks(), has arrived
    // (those that could be read; the others stay unknown). For progress indicators and samsactl.
    void watermarksFinished();

private:
    void setState(State state);
    void startWorker();
    void retireWorker();
    void handleMetadata(const ClusterMetadata& metadata);
    void handleMetadataFailure(const QString& error);
    void handleWatermarks(const QList<TopicWatermarks>& watermarks);

    struct Private;
    Private* d;
};

} // namespace Samsa
