#pragma once

// The local broker's output, live: lines at or above the chosen level, warnings and errors in colour,
// capped like the broker's own buffer. Stays at the bottom while the user has not scrolled up.

#include "localbroker/brokerlogline.h"

#include <QPlainTextEdit>

namespace Samsa {

class BrokerLogView : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit BrokerLogView(QWidget* parent = nullptr);

    void setLines(const QList<BrokerLogLine>& lines); // replaces what is shown
    void appendLines(const QList<BrokerLogLine>& lines);
    void setMinimumLevel(BrokerLogLine::Level level, const QList<BrokerLogLine>& allLines);
    BrokerLogLine::Level minimumLevel() const { return m_minimumLevel; }

private:
    BrokerLogLine::Level m_minimumLevel = BrokerLogLine::Level::Debug;
};

} // namespace Samsa
