#include "previewtabstyle.h"

#include <QApplication>
#include <QPainter>
#include <QStyleFactory>
#include <QStyleOptionTab>
#include <QTabBar>

namespace Samsa {

PreviewTabStyle::PreviewTabStyle()
    // A base style of our own: QProxyStyle makes itself the proxy of its base, which must not be
    // the application's shared style object.
    : QProxyStyle(QStyleFactory::create(QApplication::style()->name()))
{
}

void PreviewTabStyle::install(QTabBar* bar)
{
    auto* style = new PreviewTabStyle;
    style->setParent(bar);
    bar->setStyle(style);
}

bool PreviewTabStyle::isPreview(const QTabBar* bar, int index)
{
    return bar && index >= 0 && index < bar->count() && bar->tabData(index).toBool();
}

void PreviewTabStyle::setPreview(QTabBar* bar, int index, bool preview)
{
    if (!bar || index < 0 || index >= bar->count())
        return;
    bar->setTabData(index, preview);
    bar->update();
}

void PreviewTabStyle::drawControl(
    ControlElement element, const QStyleOption* option, QPainter* painter, const QWidget* widget) const
{
    const auto* bar = qobject_cast<const QTabBar*>(widget);
    if (element == CE_TabBarTabLabel && bar && isPreview(bar, bar->tabAt(option->rect.center()))) {
        painter->save();
        QFont font = painter->font();
        font.setItalic(true);
        painter->setFont(font);
        QProxyStyle::drawControl(element, option, painter, widget);
        painter->restore();
        return;
    }
    QProxyStyle::drawControl(element, option, painter, widget);
}

} // namespace Samsa
