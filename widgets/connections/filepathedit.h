#pragma once

// A path line edit with a "…" button that opens a file chooser.

#include <QWidget>

class QLineEdit;
class QToolButton;

namespace Samsa {

class FilePathEdit : public QWidget {
    Q_OBJECT
public:
    FilePathEdit(const QString& chooserTitle, const QString& nameFilter, QWidget* parent = nullptr);

    QLineEdit* lineEdit() const { return m_edit; }
    QToolButton* chooseButton() const { return m_button; }
    QString path() const;
    void setPath(const QString& path);

private:
    void choose();

    QLineEdit* m_edit;
    QToolButton* m_button;
    QString m_title;
    QString m_filter;
};

} // namespace Samsa
