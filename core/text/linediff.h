#pragma once

// A line diff by longest common subsequence, for showing what changed between two texts (two
// versions of a schema, two messages). Common leading and trailing lines are matched first, so the
// quadratic part only covers the lines in between; when even that would be too large, the middle
// is reported as removed then added rather than taking seconds or gigabytes.

#include <QList>
#include <QString>
#include <QStringList>

namespace Samsa {

struct DiffLine {
    enum class Kind { Same, Removed, Added };
    Kind kind = Kind::Same;
    QString text;
    int leftLine = -1;  // 0-based line in the left text; -1 for Added
    int rightLine = -1; // 0-based line in the right text; -1 for Removed

    bool operator==(const DiffLine&) const = default;
};

struct LineDiff {
    QList<DiffLine> lines;
    int removed = 0;
    int added = 0;
    bool approximate = false; // the middle was too large for the exact diff

    bool identical() const { return removed == 0 && added == 0; }
};

// Lines of `left` and `right` in order; a changed line appears as Removed then Added.
// maxCells bounds the LCS table (lines in the middle of left times those of right).
LineDiff diffLines(const QStringList& left, const QStringList& right, qint64 maxCells = 16'000'000);

// Convenience for whole texts, split at '\n' (a trailing '\r' of each line is dropped).
LineDiff diffTexts(const QString& left, const QString& right, qint64 maxCells = 16'000'000);

} // namespace Samsa
