#include "lagcommand.h"

#include "lagoutput.h"
#include "metrics/metricsengine.h"
#include "metrics/metricshistory.h"
#include "metrics/sessionmetrics.h"
#include "profiles/connectionconfig.h"
#include "storage/storagekeys.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <cstdio>

namespace Samsa::Ctl {

LagCommand::LagCommand(const CtlOptions& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
{
}

LagCommand::~LagCommand() = default;

void LagCommand::start(const ConnectionProfile& profile, const ProfileSecrets& secrets)
{
    MetricsSettings settings;
    settings.recordTimeBudgetMs = m_options.timeoutMs; // no UI to keep fluid: the timestamps are worth the wait
    m_engine = new MetricsEngine(ConnectionConfig::librdkafkaProperties(profile, secrets), settings, this);
    m_engine->setTimeoutMs(m_options.timeoutMs);
    m_engine->setIntervalMs(24 * 3600 * 1000); // one round: the one start() samples at once
    connect(m_engine, &MetricsEngine::snapshotReady, this, &LagCommand::handleSnapshot);

    // No history file (the app never sampled this machine's clusters): one round, as the app's first.
    const QString path = MetricsHistory::defaultPath();
    if (!QFileInfo::exists(path)) {
        m_engine->start();
        return;
    }
    m_history = new MetricsHistory(path, {}, this);
    const QString cluster = clusterStorageKey(profile);
    connect(m_history, &MetricsHistory::recentLoaded, this,
        [this, cluster](const QString& loaded, const QList<SampleRound>& rounds) {
            if (loaded != cluster)
                return;
            m_engine->replay(rounds);
            m_engine->start();
        });
    m_history->loadRecent(cluster, QDateTime::currentMSecsSinceEpoch() - MetricsReplayMs);
}

void LagCommand::handleSnapshot(const MetricsSnapshot& snapshot)
{
    if (m_done)
        return;
    const QString id = m_options.arguments.first();
    const GroupMetrics* group = snapshot.group(id);
    if (!group) {
        fail(snapshot.error.isEmpty()
                ? QStringLiteral("Group '%1' does not exist or has no committed offsets.").arg(id)
                : QStringLiteral("Group '%1' not found; sampling failed: %2").arg(id, snapshot.error));
        return;
    }
    m_done = true;
    m_engine->stop();
    if (!snapshot.error.isEmpty())
        std::fprintf(stderr, "samsactl: the sampling round was incomplete: %s\n", snapshot.error.toLocal8Bit().constData());
    const QByteArray output = m_options.json
        ? QJsonDocument(lagJson(*group, snapshot)).toJson(QJsonDocument::Indented)
        : lagText(*group, snapshot).toUtf8();
    std::fwrite(output.constData(), 1, size_t(output.size()), stdout);
    std::fflush(stdout);
    Q_EMIT finished(int(ExitCode::Success));
}

void LagCommand::fail(const QString& error)
{
    if (m_done)
        return;
    m_done = true;
    if (m_engine)
        m_engine->stop();
    std::fprintf(stderr, "samsactl: %s\n", error.toLocal8Bit().constData());
    Q_EMIT finished(int(ExitCode::ClusterError));
}

} // namespace Samsa::Ctl
