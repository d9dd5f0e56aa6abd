#pragma once

// The filter above the message table: text, a regular expression or a field expression
// (`value.status == "PAID" && value.amount > 100`), on the key, the value, one header or all of
// them. Enter (or a pause in typing) applies it; the match count, the progress of a running filter
// and an invalid expression's error are shown on the bar itself.

#include "messages/messagefilter.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;

namespace Samsa {

class FilterBar : public QWidget {
    Q_OBJECT
public:
    static constexpr int TypingPauseMs = 400;

    explicit FilterBar(QWidget* parent = nullptr);

    // Mode, scope, pattern, header name and case; the page adds the decode options.
    MessageFilterSpec spec() const;
    bool isEmpty() const;

    void showProgress(qint64 done, qint64 total);
    void showCount(qint64 matches, qint64 total); // "N of M match"; with no filter, "M messages"
    void showError(const QString& error);
    QString countText() const;
    QString errorText() const;

    void focusPattern();

Q_SIGNALS:
    void filterChanged();

private:
    void updateInputs();
    void changed();

    QComboBox* m_mode;
    QComboBox* m_scope;
    QLineEdit* m_header;
    QLineEdit* m_pattern;
    QCheckBox* m_caseSensitive;
    QProgressBar* m_progress;
    QLabel* m_count;
    QLabel* m_error;
    QTimer m_typing;
};

} // namespace Samsa
