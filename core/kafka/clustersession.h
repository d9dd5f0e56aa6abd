#pragma once

// What the models and widgets see of a connected cluster. The librdkafka implementation
// (KafkaClusterSession) stays inside core/; tests may put their own implementation behind it.
//
// Every request returns at once; its answer arrives later as a signal on the caller's thread.
// Nothing here ever blocks the UI thread.

#include "clustertypes.h"
#include "groups/grouptypes.h"
#include "profiles/connectionprofile.h"

#include <QObject>
#include <QPointer>

namespace Samsa {

class MetricsEngine;

class ClusterSession : public QObject {
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Connected, Failed };
    Q_ENUM(State)

    using QObject::QObject;
    ~ClusterSession() override = default;

    virtual State state() const = 0;
    virtual QString errorText() const = 0; // reason of the last failure, empty otherwise
    virtual const ConnectionProfile& profile() const = 0;
    // The passwords the session connected with, for tools that open their own clients (sample data).
    virtual ProfileSecrets secrets() const { return {}; }
    virtual const ClusterMetadata& metadata() const = 0; // last metadata received (empty before)

    // Connects and loads metadata; watermarks of all partitions follow as watermarksReady().
    virtual void connectToCluster() = 0;
    // Reloads metadata and watermarks. Ignored while disconnected.
    virtual void refresh() = 0;
    // Watermarks of one topic (for the topic detail view); answered by watermarksReady().
    virtual void requestWatermarks(const QString& topic) = 0;
    // DescribeConfigs of a topic or a broker; answered by configsReady().
    virtual void requestConfigs(const ConfigResource& resource) = 0;
    // Cancels outstanding work and closes the connection; no signals for old requests follow.
    virtual void disconnectFromCluster() = 0;
    // Consumer groups with their states; answered by groupsReady().
    virtual void requestGroups();
    // Members, assignments, committed offsets and lag of one group; answered by groupDetailReady().
    virtual void requestGroupDetail(const QString& groupId);

    // The cluster's live lag and throughput metrics, when the application samples it (see
    // metrics/sessionmetrics.h); null otherwise (samsactl, tests without it).
    MetricsEngine* metrics() const;
    void setMetrics(MetricsEngine* engine);

Q_SIGNALS:
    void stateChanged(Samsa::ClusterSession::State state);
    void metadataReady(const Samsa::ClusterMetadata& metadata);
    // Watermarks for many topics at once (after connect/refresh) or for one (requestWatermarks).
    void watermarksReady(const QList<Samsa::TopicWatermarks>& watermarks);
    void watermarksFailed(const QString& error);
    void configsReady(const Samsa::ConfigResult& result);
    // A refresh failed while connected: the old metadata stays, the view shows this.
    void refreshFailed(const QString& error);
    void groupsReady(const Samsa::GroupListResult& result);
    void groupDetailReady(const Samsa::GroupDetail& detail);

private:
    QPointer<QObject> m_metrics; // a MetricsEngine
};

QString sessionStateText(ClusterSession::State state, int brokerCount, const QString& error);

} // namespace Samsa
