#include "filepathedit.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

namespace Samsa {

FilePathEdit::FilePathEdit(const QString& chooserTitle, const QString& nameFilter, QWidget* parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_button(new QToolButton(this))
    , m_title(chooserTitle)
    , m_filter(nameFilter)
{
    m_button->setText(QStringLiteral("…"));
    m_button->setToolTip(chooserTitle);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_button);
    setFocusProxy(m_edit);
    connect(m_button, &QToolButton::clicked, this, &FilePathEdit::choose);
}

QString FilePathEdit::path() const
{
    return m_edit->text().trimmed();
}

void FilePathEdit::setPath(const QString& path)
{
    m_edit->setText(path);
}

void FilePathEdit::choose()
{
    const QString start = path().isEmpty() ? QString() : QFileInfo(path()).absolutePath();
    const QString chosen = QFileDialog::getOpenFileName(this, m_title, start, m_filter);
    if (!chosen.isEmpty())
        m_edit->setText(chosen); // textChanged tells the form about the edit
}

} // namespace Samsa
