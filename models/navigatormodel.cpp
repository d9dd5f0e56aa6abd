#include "navigatormodel.h"

#include "metrics/alertmonitor.h"
#include "metrics/metricsengine.h"

#include <QColor>

#include "kafka/clustersession.h"

#include <QFont>

namespace Samsa {

namespace {
    // internalId: 0 for top-level rows, 1 + the session's index for the rows below a cluster.
    constexpr NavigatorModel::Kind childKinds[] = { NavigatorModel::Kind::Brokers, NavigatorModel::Kind::Topics,
        NavigatorModel::Kind::ConsumerGroups, NavigatorModel::Kind::Acls, NavigatorModel::Kind::SchemaRegistry };
}

NavigatorModel::NavigatorModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

void NavigatorModel::addSession(ClusterSession* session)
{
    if (!session || m_sessions.contains(session))
        return;
    const int row = firstSessionRow + int(m_sessions.size());
    beginInsertRows({}, row, row);
    m_sessions.append(session);
    endInsertRows();
    connect(session, &ClusterSession::stateChanged, this, [this, session] { sessionChanged(session); });
    connect(session, &ClusterSession::metadataReady, this, [this, session] { sessionChanged(session); });
    if (const MetricsEngine* engine = session->metrics(); engine && engine->alerts()) {
        // "Consumer groups" names how many groups are over an alert threshold, in red.
        connect(engine->alerts(), &AlertMonitor::incidentOpened, this, [this, session] { sessionChanged(session); });
        connect(engine->alerts(), &AlertMonitor::incidentClosed, this, [this, session] { sessionChanged(session); });
    }
    connect(session, &QObject::destroyed, this, [this] {
        // QPointer turned null: drop every dead entry.
        for (int i = int(m_sessions.size()) - 1; i >= 0; --i) {
            if (m_sessions.at(i).isNull()) {
                beginRemoveRows({}, firstSessionRow + i, firstSessionRow + i);
                m_sessions.removeAt(i);
                endRemoveRows();
            }
        }
    });
}

void NavigatorModel::removeSession(ClusterSession* session)
{
    const int i = int(m_sessions.indexOf(session));
    if (i < 0)
        return;
    disconnect(session, nullptr, this, nullptr);
    beginRemoveRows({}, firstSessionRow + i, firstSessionRow + i);
    m_sessions.removeAt(i);
    endRemoveRows();
}

QList<ClusterSession*> NavigatorModel::sessions() const
{
    QList<ClusterSession*> result;
    for (const QPointer<ClusterSession>& session : m_sessions)
        if (session)
            result.append(session.data());
    return result;
}

QModelIndex NavigatorModel::indexOf(ClusterSession* session, Kind kind) const
{
    const int i = int(m_sessions.indexOf(session));
    if (i < 0)
        return {};
    const QModelIndex cluster = index(firstSessionRow + i, 0);
    if (kind == Kind::Cluster)
        return cluster;
    for (int row = 0; row < clusterChildCount; ++row)
        if (childKinds[row] == kind)
            return index(row, 0, cluster);
    return {};
}

NavigatorModel::Kind NavigatorModel::kindOf(const QModelIndex& index)
{
    return index.data(KindRole).value<Kind>();
}

ClusterSession* NavigatorModel::sessionOf(const QModelIndex& index)
{
    return qobject_cast<ClusterSession*>(index.data(SessionRole).value<QObject*>());
}

QModelIndex NavigatorModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, quintptr(0));
    return createIndex(row, column, quintptr(parent.row() - firstSessionRow + 1));
}

QModelIndex NavigatorModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId()) - 1 + firstSessionRow, 0, quintptr(0));
}

int NavigatorModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return firstSessionRow + int(m_sessions.size());
    if (parent.column() != 0 || parent.internalId() != 0 || parent.row() < firstSessionRow)
        return 0;
    return clusterChildCount;
}

int NavigatorModel::columnCount(const QModelIndex&) const { return 1; }

QVariant NavigatorModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const bool topLevel = index.internalId() == 0;
    if (topLevel && index.row() < firstSessionRow) {
        switch (role) {
        case Qt::DisplayRole:
            return tr("Local broker");
        case KindRole:
            return QVariant::fromValue(Kind::LocalBroker);
        case Qt::ToolTipRole:
            return tr("The embedded single-node broker on this computer");
        }
        return {};
    }
    const int sessionIndex = topLevel ? index.row() - firstSessionRow : int(index.internalId()) - 1;
    const ClusterSession* session = m_sessions.value(sessionIndex).data();
    if (!session)
        return {};
    const Kind kind = topLevel ? Kind::Cluster : childKinds[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return topLevel ? clusterText(session) : childText(session, kind);
    case KindRole:
        return QVariant::fromValue(kind);
    case SessionRole:
        return QVariant::fromValue(static_cast<QObject*>(const_cast<ClusterSession*>(session)));
    case Qt::ToolTipRole:
        if (topLevel)
            return QStringLiteral("%1\n%2").arg(session->profile().bootstrapServers,
                sessionStateText(session->state(), int(session->metadata().brokers.size()), session->errorText()));
        return {};
    case Qt::FontRole:
        if (topLevel) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        if (kind == Kind::ConsumerGroups && alertingGroups(session) > 0)
            return QColor(0xc0392b);
        return {};
    case StateRole:
        return QVariant::fromValue(session->state());
    }
    return {};
}

qsizetype NavigatorModel::alertingGroups(const ClusterSession* session)
{
    const MetricsEngine* engine = session->metrics();
    return engine && engine->alerts() ? engine->alerts()->openIncidents().size() : 0;
}

void NavigatorModel::sessionChanged(ClusterSession* session)
{
    const QModelIndex cluster = indexOf(session);
    if (!cluster.isValid())
        return;
    Q_EMIT dataChanged(cluster, cluster);
    Q_EMIT dataChanged(index(0, 0, cluster), index(clusterChildCount - 1, 0, cluster));
}

QString NavigatorModel::clusterText(const ClusterSession* session) const
{
    switch (session->state()) {
    case ClusterSession::State::Connecting:
        return tr("%1 (connecting…)").arg(session->profile().name);
    case ClusterSession::State::Failed:
        return tr("%1 (error)").arg(session->profile().name);
    case ClusterSession::State::Disconnected:
        return tr("%1 (disconnected)").arg(session->profile().name);
    case ClusterSession::State::Connected:
        break;
    }
    return session->profile().name;
}

QString NavigatorModel::childText(const ClusterSession* session, Kind kind) const
{
    const bool known = session->state() == ClusterSession::State::Connected;
    const ClusterMetadata& metadata = session->metadata();
    switch (kind) {
    case Kind::Brokers:
        return known ? tr("Brokers (%1)").arg(metadata.brokers.size()) : tr("Brokers");
    case Kind::Topics:
        return known ? tr("Topics (%1)").arg(metadata.topics.size()) : tr("Topics");
    case Kind::ConsumerGroups: {
        const qsizetype alerting = alertingGroups(session);
        return alerting > 0 ? tr("Consumer groups (%n alerting)", nullptr, int(alerting)) : tr("Consumer groups");
    }
    case Kind::Acls:
        return tr("ACLs");
    case Kind::SchemaRegistry:
        return tr("Schema registry");
    default:
        break;
    }
    return {};
}

} // namespace Samsa
