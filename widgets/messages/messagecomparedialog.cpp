#include "messagecomparedialog.h"

#include "common/jsonhighlighter.h"
#include "text/linediff.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QPalette>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QVBoxLayout>

namespace Samsa {

QList<SideBySideRow> sideBySideRows(const LineDiff& diff)
{
    QList<SideBySideRow> rows;
    rows.reserve(diff.lines.size());
    qsizetype i = 0;
    const qsizetype count = diff.lines.size();
    while (i < count) {
        const DiffLine& line = diff.lines.at(i);
        if (line.kind == DiffLine::Kind::Same) {
            rows.append({ SideBySideRow::Kind::Same, line.text, line.text });
            ++i;
            continue;
        }
        QStringList removed;
        QStringList added;
        while (i < count && diff.lines.at(i).kind == DiffLine::Kind::Removed)
            removed.append(diff.lines.at(i++).text);
        while (i < count && diff.lines.at(i).kind == DiffLine::Kind::Added)
            added.append(diff.lines.at(i++).text);
        for (qsizetype row = 0; row < std::max(removed.size(), added.size()); ++row) {
            SideBySideRow entry;
            if (row < removed.size())
                entry.left = removed.at(row);
            if (row < added.size())
                entry.right = added.at(row);
            entry.kind = entry.left && entry.right ? SideBySideRow::Kind::Changed
                : entry.left                       ? SideBySideRow::Kind::LeftOnly
                                                   : SideBySideRow::Kind::RightOnly;
            rows.append(entry);
        }
    }
    return rows;
}

MessageCompareDialog::MessageCompareDialog(const QString& leftTitle, const QString& leftText, const QString& rightTitle,
    const QString& rightText, QWidget* parent)
    : QDialog(parent)
    , m_rows(sideBySideRows(diffTexts(leftText, rightText)))
    , m_summary(new QLabel(this))
    , m_left(new QPlainTextEdit(this))
    , m_right(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Compare Messages"));
    m_summary->setObjectName(QStringLiteral("compareSummary"));
    m_left->setObjectName(QStringLiteral("compareLeft"));
    m_right->setObjectName(QStringLiteral("compareRight"));
    auto* leftLabel = new QLabel(leftTitle, this);
    auto* rightLabel = new QLabel(rightTitle, this);
    for (QLabel* label : { leftLabel, rightLabel }) {
        QFont font = label->font();
        font.setBold(true);
        label->setFont(font);
    }
    for (QPlainTextEdit* edit : { m_left, m_right }) {
        edit->setReadOnly(true);
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        new JsonHighlighter(edit->document());
    }
    fill(m_left, true);
    fill(m_right, false);
    // Rows line up, so scrolling one side scrolls the other to the same row.
    for (auto [from, to] : { std::pair { m_left, m_right }, std::pair { m_right, m_left } }) {
        connect(from->verticalScrollBar(), &QScrollBar::valueChanged, to->verticalScrollBar(), &QScrollBar::setValue);
        connect(from->horizontalScrollBar(), &QScrollBar::valueChanged, to->horizontalScrollBar(), &QScrollBar::setValue);
    }
    m_summary->setText(summary());

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* grid = new QGridLayout;
    grid->addWidget(leftLabel, 0, 0);
    grid->addWidget(rightLabel, 0, 1);
    grid->addWidget(m_left, 1, 0);
    grid->addWidget(m_right, 1, 1);
    grid->setRowStretch(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(grid, 1);
    layout->addWidget(buttons);
    resize(1100, 700);
}

int MessageCompareDialog::differingRows() const
{
    return int(std::count_if(
        m_rows.cbegin(), m_rows.cend(), [](const SideBySideRow& row) { return row.kind != SideBySideRow::Kind::Same; }));
}

QString MessageCompareDialog::summary() const
{
    const int differing = differingRows();
    return differing == 0 ? tr("The two messages are identical.") : tr("%n line(s) differ.", nullptr, differing);
}

void MessageCompareDialog::fill(QPlainTextEdit* edit, bool left)
{
    QStringList lines;
    lines.reserve(m_rows.size());
    for (const SideBySideRow& row : m_rows)
        lines.append((left ? row.left : row.right).value_or(QString()));
    edit->setPlainText(lines.join(QLatin1Char('\n')));

    const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    const QColor removed = dark ? QColor(0x5a, 0x1e, 0x22) : QColor(0xff, 0xdc, 0xe0);
    const QColor added = dark ? QColor(0x1e, 0x4a, 0x2a) : QColor(0xd4, 0xf5, 0xdb);
    const QColor filler = QGuiApplication::palette().color(QPalette::AlternateBase);
    QList<QTextEdit::ExtraSelection> selections;
    QTextBlock block = edit->document()->firstBlock();
    for (const SideBySideRow& row : m_rows) {
        const bool present = left ? row.left.has_value() : row.right.has_value();
        if (row.kind != SideBySideRow::Kind::Same) {
            QTextEdit::ExtraSelection selection;
            selection.format.setBackground(!present ? filler : left ? removed : added);
            selection.format.setProperty(QTextFormat::FullWidthSelection, true);
            selection.cursor = QTextCursor(block);
            selections.append(selection);
        }
        block = block.next();
    }
    edit->setExtraSelections(selections);
}

} // namespace Samsa
