#pragma once

// Plain aligned columns for samsactl's human-readable output: a header row, then one row per item,
// columns separated by two spaces, numbers right-aligned.

#include <QList>
#include <QString>
#include <QStringList>

namespace Samsa::Ctl {

class TextTable {
public:
    explicit TextTable(const QStringList& header);
    // Marks columns whose cells are numbers (right-aligned).
    void setNumericColumns(const QList<int>& columns) { m_numeric = columns; }
    void addRow(const QStringList& cells);
    QString toString() const;

private:
    QStringList m_header;
    QList<QStringList> m_rows;
    QList<int> m_numeric;
};

} // namespace Samsa::Ctl
