#pragma once

// Base of the table models that are refreshed from a poll: the new list of rows is merged into the
// old one by key, so views keep their selection, scroll position and persistent indexes. Rows that
// went away are removed, rows that changed get one dataChanged per contiguous range, new rows are
// appended; only the very first load is a reset.

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <algorithm>

namespace Samsa {

class SyncTableModel : public QAbstractTableModel {
public:
    using QAbstractTableModel::QAbstractTableModel;

protected:
    // Emits one dataChanged per run of consecutive rows in `rows` (which is sorted in place),
    // limited to the columns firstColumn..lastColumn.
    void emitRowRangesChanged(QList<int>& rows, int firstColumn, int lastColumn)
    {
        if (rows.isEmpty())
            return;
        std::sort(rows.begin(), rows.end());
        int first = rows.first();
        int last = first;
        for (qsizetype i = 1; i <= rows.size(); ++i) {
            if (i < rows.size() && rows.at(i) == last + 1) {
                last = rows.at(i);
                continue;
            }
            Q_EMIT dataChanged(index(first, firstColumn), index(last, lastColumn));
            if (i < rows.size()) {
                first = rows.at(i);
                last = first;
            }
        }
    }

    // Merges `incoming` into `rows`. keyOf(row) gives a hashable key, same(a, b) tells whether a row
    // shown on screen would look the same. `keyToRow` is rebuilt to map each key to its row.
    template <typename Row, typename Key, typename KeyOf, typename Same>
    void syncRows(QList<Row>& rows, QHash<Key, int>& keyToRow, const QList<Row>& incoming, KeyOf keyOf, Same same)
    {
        if (rows.isEmpty()) {
            // First load (or after everything went away): one reset is the cheapest for any view.
            beginResetModel();
            rows = incoming;
            rebuildIndex(rows, keyToRow, keyOf);
            endResetModel();
            return;
        }

        QHash<Key, qsizetype> incomingIndex;
        incomingIndex.reserve(incoming.size());
        for (qsizetype i = 0; i < incoming.size(); ++i)
            incomingIndex.insert(keyOf(incoming.at(i)), i);

        // Remove vanished rows from the bottom up, one signal per contiguous run.
        qsizetype row = rows.size() - 1;
        while (row >= 0) {
            if (incomingIndex.contains(keyOf(rows.at(row)))) {
                --row;
                continue;
            }
            const qsizetype last = row;
            while (row > 0 && !incomingIndex.contains(keyOf(rows.at(row - 1))))
                --row;
            beginRemoveRows({}, int(row), int(last));
            rows.remove(row, last - row + 1);
            endRemoveRows();
            --row;
        }

        // Update the rows that stayed; remember which keys are already present.
        QList<int> changed;
        QList<bool> present(incoming.size(), false);
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const qsizetype source = incomingIndex.value(keyOf(rows.at(i)), -1);
            present[source] = true;
            if (!same(rows.at(i), incoming.at(source))) {
                rows[i] = incoming.at(source);
                changed.append(int(i));
            }
        }
        emitRowRangesChanged(changed, 0, columnCount() - 1);

        // Append what is new, in the order it arrived.
        qsizetype added = 0;
        for (bool isPresent : present)
            added += isPresent ? 0 : 1;
        if (added > 0) {
            beginInsertRows({}, int(rows.size()), int(rows.size() + added - 1));
            rows.reserve(rows.size() + added);
            for (qsizetype i = 0; i < incoming.size(); ++i) {
                if (!present.at(i))
                    rows.append(incoming.at(i));
            }
            endInsertRows();
        }
        rebuildIndex(rows, keyToRow, keyOf);
    }

private:
    template <typename Row, typename Key, typename KeyOf>
    static void rebuildIndex(const QList<Row>& rows, QHash<Key, int>& keyToRow, KeyOf keyOf)
    {
        keyToRow.clear();
        keyToRow.reserve(rows.size());
        for (qsizetype i = 0; i < rows.size(); ++i)
            keyToRow.insert(keyOf(rows.at(i)), int(i));
    }
};

} // namespace Samsa
