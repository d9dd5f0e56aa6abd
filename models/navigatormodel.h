#pragma once

// The navigator on the left of the main window: "Local broker", then one node per connected cluster
// with its Brokers, Topics, Consumer groups, ACLs and Schema registry below it. Sessions are not owned.

#include <QAbstractItemModel>
#include <QList>
#include <QPointer>

namespace Samsa {

class ClusterSession;

class NavigatorModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum class Kind { LocalBroker, Cluster, Brokers, Topics, ConsumerGroups, SchemaRegistry, Acls };
    Q_ENUM(Kind)
    enum Role { KindRole = Qt::UserRole + 1, SessionRole, StateRole };

    explicit NavigatorModel(QObject* parent = nullptr);

    void addSession(ClusterSession* session);
    void removeSession(ClusterSession* session);
    QList<ClusterSession*> sessions() const;

    QModelIndex indexOf(ClusterSession* session, Kind kind = Kind::Cluster) const;
    static Kind kindOf(const QModelIndex& index);
    static ClusterSession* sessionOf(const QModelIndex& index);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    static constexpr int clusterChildCount = 5;
    static constexpr int firstSessionRow = 1; // row 0 is the local broker
    void sessionChanged(ClusterSession* session);
    QString clusterText(const ClusterSession* session) const;
    QString childText(const ClusterSession* session, Kind kind) const;
    static qsizetype alertingGroups(const ClusterSession* session);

    QList<QPointer<ClusterSession>> m_sessions;
};

} // namespace Samsa
