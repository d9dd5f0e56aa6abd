#include "metricshistory.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace Samsa {

namespace {

constexpr qint64 PruneEveryMs = 3600 * 1000;

} // namespace

QString MetricsHistory::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/samsa/history.db");
}

MetricsHistory::MetricsHistory(const QString& path, HistoryRetention retention, QObject* parent)
    : QObject(parent)
    , m_worker(new MetricsHistoryWorker(path.isEmpty() ? defaultPath() : path, retention))
{
    qRegisterMetaType<SampleRound>();
    qRegisterMetaType<QList<SampleRound>>();
    qRegisterMetaType<QList<GroupHistoryPoint>>();
    qRegisterMetaType<QList<TopicHistoryPoint>>();
    qRegisterMetaType<QList<ThroughputPoint>>();
    qRegisterMetaType<Incident>();
    qRegisterMetaType<QList<Incident>>();
    m_thread.setObjectName(QStringLiteral("samsa-history"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &MetricsHistoryWorker::recentLoaded, this, &MetricsHistory::recentLoaded);
    connect(m_worker, &MetricsHistoryWorker::groupHistoryLoaded, this, &MetricsHistory::groupHistoryLoaded);
    connect(m_worker, &MetricsHistoryWorker::topicHistoryLoaded, this, &MetricsHistory::topicHistoryLoaded);
    connect(m_worker, &MetricsHistoryWorker::throughputLoaded, this, &MetricsHistory::throughputLoaded);
    connect(m_worker, &MetricsHistoryWorker::incidentsLoaded, this, &MetricsHistory::incidentsLoaded);
    connect(m_worker, &MetricsHistoryWorker::failed, this, &MetricsHistory::failed);
    m_thread.start();
}

MetricsHistory::~MetricsHistory()
{
    // Writes take milliseconds; what is queued is written, then the file is closed.
    QMetaObject::invokeMethod(m_worker, "close", Qt::QueuedConnection);
    m_thread.quit();
    if (!m_thread.wait(5000))
        qWarning("metrics history: the writer did not finish in 5 s");
}

void MetricsHistory::record(const QString& cluster, const SampleRound& round)
{
    QMetaObject::invokeMethod(m_worker, "record", Qt::QueuedConnection, Q_ARG(QString, cluster),
        Q_ARG(Samsa::SampleRound, round));
}

void MetricsHistory::loadRecent(const QString& cluster, qint64 fromMs)
{
    QMetaObject::invokeMethod(m_worker, "loadRecent", Qt::QueuedConnection, Q_ARG(QString, cluster), Q_ARG(qint64, fromMs));
}

void MetricsHistory::loadGroup(const QString& cluster, const QString& group, qint64 fromMs)
{
    QMetaObject::invokeMethod(m_worker, "loadGroup", Qt::QueuedConnection, Q_ARG(QString, cluster),
        Q_ARG(QString, group), Q_ARG(qint64, fromMs));
}

void MetricsHistory::loadTopic(const QString& cluster, const QString& topic, qint64 fromMs)
{
    QMetaObject::invokeMethod(m_worker, "loadTopic", Qt::QueuedConnection, Q_ARG(QString, cluster),
        Q_ARG(QString, topic), Q_ARG(qint64, fromMs));
}

void MetricsHistory::loadThroughput(const QString& cluster, qint64 fromMs)
{
    QMetaObject::invokeMethod(m_worker, "loadThroughput", Qt::QueuedConnection, Q_ARG(QString, cluster),
        Q_ARG(qint64, fromMs));
}

void MetricsHistory::recordIncident(const Incident& incident)
{
    QMetaObject::invokeMethod(m_worker, "recordIncident", Qt::QueuedConnection, Q_ARG(Samsa::Incident, incident));
}

void MetricsHistory::loadIncidents(const QString& cluster, qint64 fromMs)
{
    QMetaObject::invokeMethod(m_worker, "loadIncidents", Qt::QueuedConnection, Q_ARG(QString, cluster), Q_ARG(qint64, fromMs));
}

MetricsHistoryWorker::MetricsHistoryWorker(const QString& path, HistoryRetention retention)
    : m_path(path)
    , m_retention(retention)
{
}

bool MetricsHistoryWorker::ensureOpen()
{
    if (m_store.isOpen())
        return true;
    if (m_failed)
        return false;
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    if (!m_store.open(m_path)) {
        m_failed = true; // said once; the charts go on without history
        Q_EMIT failed(QStringLiteral("The lag history cannot be kept in %1: %2").arg(m_path, m_store.errorText()));
        return false;
    }
    return true;
}

void MetricsHistoryWorker::record(const QString& cluster, const SampleRound& round)
{
    if (!ensureOpen())
        return;
    if (!m_store.appendRound(cluster, round))
        qWarning("metrics history: round not stored: %s", qPrintable(m_store.errorText()));
    if (round.timeMs - m_lastPruneMs.value(cluster, 0) >= PruneEveryMs) {
        m_lastPruneMs.insert(cluster, round.timeMs);
        m_store.prune(cluster, round.timeMs, m_retention);
    }
}

void MetricsHistoryWorker::loadRecent(const QString& cluster, qint64 fromMs)
{
    QList<SampleRound> rounds;
    if (ensureOpen())
        rounds = m_store.load({ cluster, fromMs, std::numeric_limits<qint64>::max(), {}, {} });
    Q_EMIT recentLoaded(cluster, rounds);
}

void MetricsHistoryWorker::loadGroup(const QString& cluster, const QString& group, qint64 fromMs)
{
    QList<GroupHistoryPoint> points;
    if (ensureOpen()) {
        // The same derivation as live rounds, over the group's part of the stored rounds.
        MetricsCalculator calculator;
        for (const SampleRound& round : m_store.load({ cluster, fromMs, std::numeric_limits<qint64>::max(), group, {} })) {
            SampleRound scoped = round;
            scoped.groupStates.clear();
            if (round.groupStates.contains(group))
                scoped.groupStates.insert(group, round.groupStates.value(group));
            calculator.addRound(scoped);
            const MetricsSnapshot snapshot = calculator.snapshot();
            const GroupMetrics* metrics = snapshot.group(group);
            if (metrics && !metrics->partitions.isEmpty()) // rounds before its first commit have nothing to chart
                points.append({ round.timeMs, *metrics });
        }
    }
    Q_EMIT groupHistoryLoaded(cluster, group, points);
}

void MetricsHistoryWorker::loadTopic(const QString& cluster, const QString& topic, qint64 fromMs)
{
    QList<TopicHistoryPoint> points;
    if (ensureOpen()) {
        MetricsCalculator calculator;
        m_store.forEachRound({ cluster, fromMs, std::numeric_limits<qint64>::max(), {}, topic },
            [&](SampleRound&& round) {
                calculator.addRound(round);
                const MetricsSnapshot snapshot = calculator.snapshot();
                const TopicMetrics* metrics = snapshot.topic(topic);
                if (metrics)
                    points.append({ round.timeMs, *metrics, snapshot.partitions });
            });
    }
    Q_EMIT topicHistoryLoaded(cluster, topic, points);
}

void MetricsHistoryWorker::loadThroughput(const QString& cluster, qint64 fromMs)
{
    QList<ThroughputPoint> points;
    if (ensureOpen()) {
        if (!m_store.loadThroughput(cluster, fromMs, &points))
            qWarning("metrics history: %s", qPrintable(m_store.errorText()));
    }
    Q_EMIT throughputLoaded(cluster, points);
}

void MetricsHistoryWorker::recordIncident(const Incident& incident)
{
    if (ensureOpen() && !m_store.recordIncident(incident))
        qWarning("metrics history: incident not stored: %s", qPrintable(m_store.errorText()));
}

void MetricsHistoryWorker::loadIncidents(const QString& cluster, qint64 fromMs)
{
    Q_EMIT incidentsLoaded(cluster, ensureOpen() ? m_store.incidents(cluster, fromMs) : QList<Incident> {});
}

void MetricsHistoryWorker::close()
{
    m_store.close();
}

} // namespace Samsa
