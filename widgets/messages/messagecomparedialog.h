#pragma once

// Two messages side by side as pretty JSON (the form "Copy as JSON" gives), their lines aligned
// by a line diff (core/text/linediff.h): a line only on the left is red, only on the right green,
// a changed pair both; blank filler keeps the two sides in step, and they scroll together.

#include <QDialog>
#include <QList>
#include <optional>

class QLabel;
class QPlainTextEdit;

namespace Samsa {

struct LineDiff;

// One row of a side-by-side diff: a changed line is a row with both sides.
struct SideBySideRow {
    enum class Kind { Same, Changed, LeftOnly, RightOnly };
    Kind kind = Kind::Same;
    std::optional<QString> left; // nullopt: filler on that side
    std::optional<QString> right;

    bool operator==(const SideBySideRow&) const = default;
};

// Pairs each run of removed lines with the added lines that follow it.
QList<SideBySideRow> sideBySideRows(const LineDiff& diff);

class MessageCompareDialog : public QDialog {
    Q_OBJECT
public:
    MessageCompareDialog(const QString& leftTitle, const QString& leftText, const QString& rightTitle,
        const QString& rightText, QWidget* parent = nullptr);

    const QList<SideBySideRow>& rows() const { return m_rows; }
    int differingRows() const;
    QString summary() const;

private:
    void fill(QPlainTextEdit* edit, bool left);

    QList<SideBySideRow> m_rows;
    QLabel* m_summary;
    QPlainTextEdit* m_left;
    QPlainTextEdit* m_right;
};

} // namespace Samsa
