#include "brokerlogview.h"

#include "localbroker/localbroker.h"

#include <QFontDatabase>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>

namespace Samsa {

namespace {
QTextCharFormat formatFor(BrokerLogLine::Level level, const QPalette& palette)
{
    QTextCharFormat format;
    switch (level) {
    case BrokerLogLine::Level::Debug:
        format.setForeground(palette.color(QPalette::Disabled, QPalette::Text));
        break;
    case BrokerLogLine::Level::Info:
        break;
    case BrokerLogLine::Level::Warning:
        format.setForeground(QColor(0xa0, 0x5a, 0x00));
        break;
    case BrokerLogLine::Level::Error:
        format.setForeground(QColor(0xc0, 0x1c, 0x28));
        format.setFontWeight(QFont::Bold);
        break;
    }
    return format;
}
} // namespace

BrokerLogView::BrokerLogView(QWidget* parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    setMaximumBlockCount(LocalBroker::logCapacity);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setPlaceholderText(tr("The broker's output appears here once it starts."));
}

void BrokerLogView::setLines(const QList<BrokerLogLine>& lines)
{
    clear();
    appendLines(lines);
}

void BrokerLogView::appendLines(const QList<BrokerLogLine>& lines)
{
    QScrollBar* bar = verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 2;
    const int kept = bar->value();
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    cursor.beginEditBlock();
    for (const BrokerLogLine& line : lines) {
        if (line.level < m_minimumLevel)
            continue;
        if (!document()->isEmpty())
            cursor.insertBlock();
        cursor.insertText(line.toString(), formatFor(line.level, palette()));
    }
    cursor.endEditBlock();
    bar->setValue(atBottom ? bar->maximum() : kept);
}

void BrokerLogView::setMinimumLevel(BrokerLogLine::Level level, const QList<BrokerLogLine>& allLines)
{
    m_minimumLevel = level;
    setLines(allLines);
}

} // namespace Samsa
