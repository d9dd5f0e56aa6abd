#pragma once

// Filters a TopicsModel by a case-insensitive substring of the name and hides internal topics unless
// asked to show them. Sorts by TopicsModel::SortRole, so counts sort as numbers.

#include <QSortFilterProxyModel>

namespace Samsa {

class TopicsFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit TopicsFilterModel(QObject* parent = nullptr);

    QString filterText() const { return m_filterText; }
    void setFilterText(const QString& text);

    bool showInternal() const { return m_showInternal; }
    void setShowInternal(bool show);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_filterText;
    bool m_showInternal = false;
};

} // namespace Samsa
