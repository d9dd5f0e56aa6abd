#include "linediff.h"

#include <vector>

namespace Samsa {

namespace {

QStringList splitLines(const QString& text)
{
    if (text.isEmpty())
        return {};
    QStringList lines = text.split(QLatin1Char('\n'));
    if (text.endsWith(QLatin1Char('\n')))
        lines.removeLast(); // a final newline ends the last line, it does not start another
    for (QString& line : lines) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
    }
    return lines;
}

void addSame(LineDiff& diff, const QString& text, int left, int right)
{
    diff.lines.append({ DiffLine::Kind::Same, text, left, right });
}

void addRemoved(LineDiff& diff, const QString& text, int left)
{
    diff.lines.append({ DiffLine::Kind::Removed, text, left, -1 });
    ++diff.removed;
}

void addAdded(LineDiff& diff, const QString& text, int right)
{
    diff.lines.append({ DiffLine::Kind::Added, text, -1, right });
    ++diff.added;
}

} // namespace

LineDiff diffLines(const QStringList& left, const QStringList& right, qint64 maxCells)
{
    LineDiff diff;
    const int leftCount = int(left.size());
    const int rightCount = int(right.size());
    int prefix = 0;
    while (prefix < leftCount && prefix < rightCount && left.at(prefix) == right.at(prefix))
        ++prefix;
    int suffix = 0;
    while (suffix < leftCount - prefix && suffix < rightCount - prefix
        && left.at(leftCount - 1 - suffix) == right.at(rightCount - 1 - suffix))
        ++suffix;

    for (int i = 0; i < prefix; ++i)
        addSame(diff, left.at(i), i, i);

    const int n = leftCount - prefix - suffix; // middle of left
    const int m = rightCount - prefix - suffix; // middle of right
    if (qint64(n + 1) * qint64(m + 1) > maxCells) {
        diff.approximate = true;
        for (int i = 0; i < n; ++i)
            addRemoved(diff, left.at(prefix + i), prefix + i);
        for (int j = 0; j < m; ++j)
            addAdded(diff, right.at(prefix + j), prefix + j);
    } else if (n > 0 || m > 0) {
        // lengths[i][j]: LCS length of left[prefix+i..] and right[prefix+j..], so the walk below can go forwards.
        const size_t width = size_t(m) + 1;
        std::vector<int> lengths((size_t(n) + 1) * width, 0);
        for (int i = n - 1; i >= 0; --i) {
            for (int j = m - 1; j >= 0; --j) {
                const size_t cell = size_t(i) * width + size_t(j);
                if (left.at(prefix + i) == right.at(prefix + j))
                    lengths[cell] = lengths[cell + width + 1] + 1;
                else
                    lengths[cell] = std::max(lengths[cell + width], lengths[cell + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (left.at(prefix + i) == right.at(prefix + j)) {
                addSame(diff, left.at(prefix + i), prefix + i, prefix + j);
                ++i;
                ++j;
            } else if (lengths[size_t(i + 1) * width + size_t(j)] >= lengths[size_t(i) * width + size_t(j + 1)]) {
                addRemoved(diff, left.at(prefix + i), prefix + i);
                ++i;
            } else {
                addAdded(diff, right.at(prefix + j), prefix + j);
                ++j;
            }
        }
        for (; i < n; ++i)
            addRemoved(diff, left.at(prefix + i), prefix + i);
        for (; j < m; ++j)
            addAdded(diff, right.at(prefix + j), prefix + j);
    }

    for (int k = 0; k < suffix; ++k)
        addSame(diff, left.at(leftCount - suffix + k), leftCount - suffix + k, rightCount - suffix + k);
    return diff;
}

LineDiff diffTexts(const QString& left, const QString& right, qint64 maxCells)
{
    return diffLines(splitLines(left), splitLines(right), maxCells);
}

} // namespace Samsa
