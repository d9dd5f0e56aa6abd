#pragma once

// A plain page with a heading and explanatory text, for navigator entries whose views arrive in later
// releases: it says what is there and what is not, rather than showing an empty table.

#include <QWidget>

class QLabel;

namespace Samsa {

class InfoPage : public QWidget {
    Q_OBJECT
public:
    InfoPage(const QString& heading, const QString& text, QWidget* parent = nullptr);

private:
    QLabel* m_heading;
    QLabel* m_text;
};

} // namespace Samsa
