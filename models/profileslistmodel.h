#pragma once

// The saved connection profiles, one row each, in the store's order (by name). The store is not
// owned and is read only on reload(): the dialog that edits profiles reloads after each change.

#include "profiles/connectionprofile.h"

#include <QAbstractListModel>
#include <QList>

namespace Samsa {

class ProfileStore;

class ProfilesListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { IdRole = Qt::UserRole + 1, BootstrapServersRole, SecurityProtocolRole };

    explicit ProfilesListModel(ProfileStore* store, QObject* parent = nullptr);

    void reload();
    // A default profile (id 0) when row is out of range.
    ConnectionProfile profileAt(int row) const;
    int rowOf(qint64 id) const; // -1 when not listed
    QModelIndex indexOf(qint64 id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    ProfileStore* m_store;
    QList<ConnectionProfile> m_profiles;
};

} // namespace Samsa
