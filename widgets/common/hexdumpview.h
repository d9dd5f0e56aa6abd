#pragma once

// A classic hex dump (offset, 16 bytes in hex, the same bytes as ASCII) of any number of bytes.
// Only the lines on screen are formatted, at paint time, so a payload of several megabytes shows
// at once and never becomes a giant string. The bytes are shared (QByteArray), not copied.
// Keyboard: arrows, Page Up/Down, Home/End scroll; Ctrl+C copies the lines on screen, the context
// menu copies everything as hex or as text.

#include <QAbstractScrollArea>
#include <QByteArray>

namespace Samsa {

class HexDumpView : public QAbstractScrollArea {
    Q_OBJECT
public:
    static constexpr int BytesPerLine = 16;

    explicit HexDumpView(QWidget* parent = nullptr);

    void setData(const QByteArray& data);
    QByteArray data() const { return m_data; }
    void clear() { setData({}); }

    qint64 lineCount() const;
    // Line `line` as painted: "00000010  7b 22 69 64 22 3a 31 7d  ...  |{"id":1}|".
    QString lineText(qint64 line) const;
    qint64 firstVisibleLine() const;
    // Scrolls so that the line holding byte `offset` is at the top.
    void scrollToOffset(qint64 offset);

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void updateScrollBars();
    int lineHeight() const;
    int visibleLines() const;
    int offsetDigits() const;
    void copyVisible() const;

    QByteArray m_data;
};

} // namespace Samsa
