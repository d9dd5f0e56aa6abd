#include "hexdumpview.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <limits>

namespace Samsa {

namespace {
    constexpr char hexDigits[] = "0123456789abcdef";
}

HexDumpView::HexDumpView(QWidget* parent)
    : QAbstractScrollArea(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
}

void HexDumpView::setData(const QByteArray& data)
{
    m_data = data;
    verticalScrollBar()->setValue(0);
    updateScrollBars();
    viewport()->update();
}

qint64 HexDumpView::lineCount() const { return (m_data.size() + BytesPerLine - 1) / BytesPerLine; }

int HexDumpView::offsetDigits() const
{
    // At least 8 digits, more for payloads of 4 GiB and up, so every offset of one dump lines up.
    int digits = 8;
    for (qint64 size = m_data.size() >> 32; size > 0; size >>= 4)
        ++digits;
    return digits;
}

QString HexDumpView::lineText(qint64 line) const
{
    const qint64 start = line * BytesPerLine;
    if (line < 0 || start >= m_data.size())
        return {};
    const qint64 end = std::min<qint64>(start + BytesPerLine, m_data.size());
    QString text = QString::number(start, 16).rightJustified(offsetDigits(), QLatin1Char('0'));
    text += QLatin1String("  ");
    for (qint64 i = start; i < start + BytesPerLine; ++i) {
        if (i == start + BytesPerLine / 2)
            text += QLatin1Char(' ');
        if (i < end) {
            const auto byte = quint8(m_data.at(i));
            text += QLatin1Char(hexDigits[byte >> 4]);
            text += QLatin1Char(hexDigits[byte & 0xf]);
            text += QLatin1Char(' ');
        } else {
            text += QLatin1String("   ");
        }
    }
    text += QLatin1String(" |");
    for (qint64 i = start; i < end; ++i) {
        const auto byte = quint8(m_data.at(i));
        text += (byte >= 0x20 && byte < 0x7f) ? QLatin1Char(char(byte)) : QLatin1Char('.');
    }
    text += QLatin1Char('|');
    return text;
}

qint64 HexDumpView::firstVisibleLine() const { return verticalScrollBar()->value(); }

void HexDumpView::scrollToOffset(qint64 offset)
{
    verticalScrollBar()->setValue(int(std::clamp<qint64>(offset / BytesPerLine, 0, std::max<qint64>(0, lineCount() - 1))));
}

QSize HexDumpView::sizeHint() const
{
    const QFontMetrics metrics(font());
    return { metrics.horizontalAdvance(QLatin1Char('0')) * (offsetDigits() + 2 + BytesPerLine * 4 + 4) + 24,
        lineHeight() * 12 };
}

int HexDumpView::lineHeight() const { return QFontMetrics(font()).lineSpacing(); }

int HexDumpView::visibleLines() const { return std::max(1, viewport()->height() / std::max(1, lineHeight())); }

void HexDumpView::updateScrollBars()
{
    const qint64 lines = lineCount();
    const int pageLines = visibleLines();
    verticalScrollBar()->setPageStep(pageLines);
    verticalScrollBar()->setSingleStep(1);
    verticalScrollBar()->setRange(0, int(std::clamp<qint64>(lines - pageLines, 0, std::numeric_limits<int>::max())));
    const QFontMetrics metrics(font());
    const int width = metrics.horizontalAdvance(QLatin1Char('0')) * (offsetDigits() + 2 + BytesPerLine * 4 + 4) + 8;
    horizontalScrollBar()->setPageStep(viewport()->width());
    horizontalScrollBar()->setSingleStep(metrics.horizontalAdvance(QLatin1Char('0')));
    horizontalScrollBar()->setRange(0, std::max(0, width - viewport()->width()));
}

void HexDumpView::paintEvent(QPaintEvent*)
{
    QPainter painter(viewport());
    painter.setFont(font());
    const QFontMetrics metrics(font());
    const int height = lineHeight();
    const qint64 first = firstVisibleLine();
    const qint64 last = std::min<qint64>(lineCount(), first + visibleLines() + 1);
    const int x = 4 - horizontalScrollBar()->value();
    const int offsetWidth = metrics.horizontalAdvance(QLatin1Char('0')) * offsetDigits();
    const QColor offsetColor = palette().color(QPalette::PlaceholderText);
    const QColor textColor = palette().color(QPalette::Text);
    if (m_data.isEmpty()) {
        painter.setPen(offsetColor);
        painter.drawText(viewport()->rect().adjusted(8, 4, -8, -4), Qt::AlignLeft | Qt::AlignTop, tr("(no bytes)"));
        return;
    }
    for (qint64 line = first; line < last; ++line) {
        const int y = int(line - first) * height + metrics.ascent();
        const QString text = lineText(line);
        painter.setPen(offsetColor);
        painter.drawText(x, y, text.left(offsetDigits()));
        painter.setPen(textColor);
        painter.drawText(x + offsetWidth, y, text.mid(offsetDigits()));
    }
}

void HexDumpView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void HexDumpView::changeEvent(QEvent* event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateScrollBars();
}

void HexDumpView::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Copy)) {
        copyVisible();
        return;
    }
    QScrollBar* bar = verticalScrollBar();
    if (event->matches(QKeySequence::MoveToStartOfDocument) || event->key() == Qt::Key_Home) {
        bar->setValue(bar->minimum());
        return;
    }
    if (event->matches(QKeySequence::MoveToEndOfDocument) || event->key() == Qt::Key_End) {
        bar->setValue(bar->maximum());
        return;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void HexDumpView::copyVisible() const
{
    QStringList lines;
    const qint64 first = firstVisibleLine();
    const qint64 last = std::min<qint64>(lineCount(), first + visibleLines());
    for (qint64 line = first; line < last; ++line)
        lines.append(lineText(line));
    QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
}

void HexDumpView::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu menu(this);
    menu.addAction(tr("Copy Lines on Screen"), this, &HexDumpView::copyVisible);
    menu.addAction(tr("Copy All as Hex"), this, [this] { QApplication::clipboard()->setText(QString::fromLatin1(m_data.toHex(' '))); });
    menu.addAction(tr("Copy All as Text"), this, [this] { QApplication::clipboard()->setText(QString::fromUtf8(m_data)); });
    const bool empty = m_data.isEmpty();
    for (QAction* action : menu.actions())
        action->setEnabled(!empty);
    menu.exec(event->globalPos());
}

} // namespace Samsa
