#include "profileslistmodel.h"

#include "profiles/profilestore.h"

namespace Samsa {

ProfilesListModel::ProfilesListModel(ProfileStore* store, QObject* parent)
    : QAbstractListModel(parent)
    , m_store(store)
{
    reload();
}

void ProfilesListModel::reload()
{
    QList<ConnectionProfile> profiles;
    if (m_store && m_store->isOpen())
        profiles = m_store->profiles();
    // A handful of rows changed by a user action: a reset is cheap and keeps the code obvious.
    beginResetModel();
    m_profiles = std::move(profiles);
    endResetModel();
}

ConnectionProfile ProfilesListModel::profileAt(int row) const
{
    if (row < 0 || row >= m_profiles.size())
        return {};
    return m_profiles.at(row);
}

int ProfilesListModel::rowOf(qint64 id) const
{
    if (id == 0)
        return -1;
    for (int row = 0; row < m_profiles.size(); ++row) {
        if (m_profiles.at(row).id == id)
            return row;
    }
    return -1;
}

QModelIndex ProfilesListModel::indexOf(qint64 id) const
{
    const int row = rowOf(id);
    return row < 0 ? QModelIndex() : index(row, 0);
}

int ProfilesListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_profiles.size());
}

QVariant ProfilesListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConnectionProfile& profile = m_profiles.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return profile.name;
    case Qt::ToolTipRole:
        return QStringLiteral("%1 (%2)").arg(profile.bootstrapServers, securityProtocolName(profile.securityProtocol));
    case IdRole:
        return profile.id;
    case BootstrapServersRole:
        return profile.bootstrapServers;
    case SecurityProtocolRole:
        return securityProtocolName(profile.securityProtocol);
    default:
        return {};
    }
}

QHash<int, QByteArray> ProfilesListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "profileId");
    names.insert(BootstrapServersRole, "bootstrapServers");
    names.insert(SecurityProtocolRole, "securityProtocol");
    return names;
}

} // namespace Samsa
