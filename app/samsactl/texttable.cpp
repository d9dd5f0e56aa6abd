#include "texttable.h"

#include <algorithm>

namespace Samsa::Ctl {

TextTable::TextTable(const QStringList& header)
    : m_header(header)
{
}

void TextTable::addRow(const QStringList& cells) { m_rows.append(cells); }

QString TextTable::toString() const
{
    QList<qsizetype> widths(m_header.size(), 0);
    const auto measure = [&widths](const QStringList& cells) {
        for (qsizetype column = 0; column < std::min(widths.size(), cells.size()); ++column)
            widths[column] = std::max(widths[column], cells.at(column).size());
    };
    measure(m_header);
    for (const QStringList& row : m_rows)
        measure(row);

    QString text;
    const auto append = [&](const QStringList& cells) {
        QString line;
        for (qsizetype column = 0; column < widths.size(); ++column) {
            const QString cell = cells.value(column);
            if (column > 0)
                line += QLatin1String("  ");
            const bool last = column == widths.size() - 1;
            if (m_numeric.contains(int(column)))
                line += cell.rightJustified(widths.at(column));
            else
                line += last ? cell : cell.leftJustified(widths.at(column));
        }
        text += line + QLatin1Char('\n');
    };
    append(m_header);
    for (const QStringList& row : m_rows)
        append(row);
    return text;
}

} // namespace Samsa::Ctl
