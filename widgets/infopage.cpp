#include "infopage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace Samsa {

InfoPage::InfoPage(const QString& heading, const QString& text, QWidget* parent)
    : QWidget(parent)
    , m_heading(new QLabel(heading, this))
    , m_text(new QLabel(text, this))
{
    QFont font = m_heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    m_heading->setFont(font);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setObjectName(QStringLiteral("infoText"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_text);
    layout->addStretch();
}

} // namespace Samsa
