#pragma once

// Draws the title of a preview tab in italics, as IDEs do: the tab that the next single click in the
// navigator reuses. A tab is a preview while its tab data is `true` (setPreview()). Installed on one
// tab bar only; every other part of the drawing is the application style's.

#include <QProxyStyle>

class QTabBar;

namespace Samsa {

class PreviewTabStyle : public QProxyStyle {
    Q_OBJECT
public:
    // Creates the style for `bar` (owned by it) and installs it.
    static void install(QTabBar* bar);

    static bool isPreview(const QTabBar* bar, int index);
    static void setPreview(QTabBar* bar, int index, bool preview);

    void drawControl(ControlElement element, const QStyleOption* option, QPainter* painter,
        const QWidget* widget = nullptr) const override;

private:
    PreviewTabStyle();
};

} // namespace Samsa
