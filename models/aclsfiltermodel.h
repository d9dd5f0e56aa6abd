#pragma once

// Filters an AclsModel: a case-insensitive text that any column may contain, and optionally one
// resource type and one permission. Sorts each column by its text.

#include "acls/acltypes.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace Samsa {

class AclsFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit AclsFilterModel(QObject* parent = nullptr);

    QString filterText() const { return m_filterText; }
    void setFilterText(const QString& text);
    // nullopt: every resource type / permission.
    void setResourceType(std::optional<AclResourceType> type);
    void setPermission(std::optional<AclPermission> permission);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_filterText;
    std::optional<AclResourceType> m_resourceType;
    std::optional<AclPermission> m_permission;
};

} // namespace Samsa
