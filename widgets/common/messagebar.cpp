#include "messagebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace Samsa {

MessageBar::MessageBar(QWidget* parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_close(new QToolButton(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text->setObjectName(QStringLiteral("messageText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setTextFormat(Qt::PlainText);
    m_close->setObjectName(QStringLiteral("messageClose"));
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close"));
    m_close->setAccessibleName(tr("Close message"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);

    connect(m_close, &QToolButton::clicked, this, [this] {
        hide();
        Q_EMIT closed();
    });
    applyKind();
    hide();
}

void MessageBar::showMessage(const QString& text, Kind kind)
{
    m_kind = kind;
    m_text->setText(text);
    applyKind();
    show();
}

void MessageBar::clearMessage()
{
    m_text->clear();
    hide();
}

QString MessageBar::text() const
{
    return m_text->text();
}

void MessageBar::applyKind()
{
    QColor background;
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    switch (m_kind) {
    case Kind::Information:
        background = QColor(0xd6, 0xe9, 0xf8);
        break;
    case Kind::Warning:
        background = QColor(0xfc, 0xe8, 0xb2);
        icon = QStyle::SP_MessageBoxWarning;
        break;
    case Kind::Error:
        background = QColor(0xf4, 0xc7, 0xc3);
        icon = QStyle::SP_MessageBoxCritical;
        break;
    }
    QPalette colours = palette();
    colours.setColor(QPalette::Window, background);
    // The strip is always light, so its text must be dark whatever the desktop theme.
    colours.setColor(QPalette::WindowText, Qt::black);
    colours.setColor(QPalette::Text, Qt::black);
    setPalette(colours);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(size, size));
}

} // namespace Samsa
