#pragma once

// An inline message strip: coloured by kind, with the text and a close button. Pages use it instead of
// modal dialogs, so a failure is shown where it happened and never blocks anything.

#include <QFrame>

class QLabel;
class QToolButton;

namespace Samsa {

class MessageBar : public QFrame {
    Q_OBJECT
public:
    enum class Kind { Information, Warning, Error };

    explicit MessageBar(QWidget* parent = nullptr);

    // Shows the bar with this text (it starts hidden).
    void showMessage(const QString& text, Kind kind = Kind::Error);
    void showError(const QString& text) { showMessage(text, Kind::Error); }
    // Hides the bar and forgets the text.
    void clearMessage();

    QString text() const;
    Kind kind() const { return m_kind; }

Q_SIGNALS:
    void closed(); // the user dismissed it

private:
    void applyKind();

    QLabel* m_icon;
    QLabel* m_text;
    QToolButton* m_close;
    Kind m_kind = Kind::Information;
};

} // namespace Samsa
