#include "sparklinedelegate.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>

namespace Samsa {

SparklineDelegate::SparklineDelegate(int role, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_role(role)
{
}

void SparklineDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyledItemDelegate::paint(painter, option, QModelIndex()); // background and selection only
    const QList<double> values = index.data(m_role).value<QList<double>>();
    if (values.size() < 2)
        return;
    const auto [low, high] = std::minmax_element(values.cbegin(), values.cend());
    const double span = *high - *low;
    const QRectF area = QRectF(option.rect).adjusted(4, 4, -6, -4);
    QPainterPath path;
    QPointF last;
    for (qsizetype i = 0; i < values.size(); ++i) {
        const double x = area.left() + area.width() * double(i) / double(values.size() - 1);
        const double y = span > 0 ? area.bottom() - area.height() * (values.at(i) - *low) / span : area.center().y();
        last = QPointF(x, y);
        if (i == 0)
            path.moveTo(last);
        else
            path.lineTo(last);
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor color = option.state & QStyle::State_Selected ? option.palette.highlightedText().color() : QColor(0x4e79a7);
    painter->setPen(QPen(color, 1.4));
    painter->drawPath(path);
    painter->setBrush(color);
    painter->drawEllipse(last, 2.0, 2.0);
    painter->restore();
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    return QStyledItemDelegate::sizeHint(option, index).expandedTo(QSize(140, 22));
}

} // namespace Samsa
