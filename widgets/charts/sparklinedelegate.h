#pragma once

// Draws a column's SparklineRole (a QList<double>, oldest first) as a small line, scaled to its own
// range, with the last value marked: a trend at a glance in a table cell.

#include <QStyledItemDelegate>

namespace Samsa {

class SparklineDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    SparklineDelegate(int role, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    int m_role;
};

} // namespace Samsa
