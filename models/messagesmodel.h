#pragma once

// The message browser's table: a virtual model over a RecordStore of raw records it owns.
//
// - Columns: partition, offset, timestamp, key, value (one-line previews), headers, size.
// - Rows are decoded only when data() asks for them (the view asks for visible rows), and kept in
//   a bounded LRU cache (cacheCapacity(), 4096 rows by default). decodeCount() counts decodes, so
//   tests can prove that scrolling never decodes off-screen rows.
// - appendRecords() inserts at the end with beginInsertRows/endInsertRows, never a reset: the view
//   keeps its selection and scroll position, and a row keeps pointing at the same record.
// - sort() computes a permutation on a worker thread (see messagessortjob.h for the order of each
//   column; key and value sort by raw bytes) and applies it with layoutChanged, so persistent
//   indexes (the selection) follow their records. Rows that arrive while sorted are appended at the
//   end and sorted in again after a short pause.
// - setFilter() runs a MessageFilter on a worker thread over everything loaded; the table then
//   shows only the matches (filterMatchCount()); records that arrive later are filtered as they
//   come. clearFilter() shows everything again. Filter and sort changes use layoutChanged, so a
//   selected record that stays visible stays selected.
// - Formats: setKeyOptions()/setValueOptions() re-decode (the cache is dropped; layoutChanged makes
//   the view ask again for what it shows). When the decoder reports a schema that arrived, rows
//   waiting for it are re-decoded with dataChanged over those rows only.
// - A row that cannot be decoded shows "⚠ <reason>" in the key or value column and stays
//   selectable; its raw bytes are in RecordRole.
// - Live tail cap: setMaximumRows(n) keeps only the newest n records while the table is neither
//   sorted nor filtered; the oldest rows are removed (beginRemoveRows) and the store is compacted
//   once the dropped part is large, so memory stays bounded. While sorted or filtered the cap waits.

#include "decoding/payloaddecoder.h"
#include "messages/messagefilter.h"
#include "messages/recordstore.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QTimer>
#include <memory>
#include <vector>

namespace Samsa {

class MessageFilterJob;
class MessagesSortJob;

class MessagesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { PartitionColumn, OffsetColumn, TimestampColumn, KeyColumn, ValueColumn, HeadersColumn, SizeColumn, ColumnCount };
    enum Role {
        StoreIndexRole = Qt::UserRole + 1, // qint64: the record's index in store()
        KeyPayloadRole, // DecodedPayload of the key (compact JSON), for the detail pane
        ValuePayloadRole, // DecodedPayload of the value
        RecordRole, // KafkaRecord with the raw bytes
        DecodeErrorRole, // QString: why the key or value could not be decoded, empty when fine
        SortRole, // the raw number for numeric columns (partition, offset, timestamp ms, size)
    };

    // The page's decoder, shared with the filter's worker thread. May be null (tests, benchmarks):
    // keys and values are then shown as UTF-8 text.
    explicit MessagesModel(std::shared_ptr<PayloadDecoder> decoder, QObject* parent = nullptr);
    ~MessagesModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Loading.
    void appendRecords(const QList<KafkaRecord>& records);
    void clear();
    const RecordStore& store() const { return *m_store; }
    std::shared_ptr<const RecordStore::Snapshot> snapshot() const { return m_store->snapshot(); }
    std::shared_ptr<PayloadDecoder> decoder() const { return m_decoder; }

    // Rows and records.
    qint64 storeIndex(int row) const; // -1 when out of range
    int rowForStoreIndex(qint64 storeIndex) const; // -1 when not shown (linear when sorted or filtered)
    KafkaRecord record(int row) const;
    DecodedPayload decodedKey(int row) const;
    DecodedPayload decodedValue(int row) const;

    // Formats.
    void setKeyOptions(const DecodeOptions& options);
    void setValueOptions(const DecodeOptions& options);
    DecodeOptions keyOptions() const { return m_keyOptions; }
    DecodeOptions valueOptions() const { return m_valueOptions; }

    // Filter. The spec's decode options are replaced by the model's, so the filter searches what the
    // table shows. Returns false with *error when the pattern is invalid (nothing changes then).
    bool setFilter(MessageFilterSpec spec, QString* error = nullptr);
    void clearFilter();
    bool isFiltered() const { return m_filter != nullptr; }
    bool isFiltering() const; // a filter job is running
    qint64 filterMatchCount() const; // rows shown while filtered, -1 without a filter

    // Sorting: -1 when in load order.
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    bool isSorting() const;

    // Decode cache and its counter.
    void setCacheCapacity(int rows);
    int cacheCapacity() const;
    qint64 decodeCount() const { return m_decodeCount; }
    void resetDecodeCount() { m_decodeCount = 0; }

    // Live tail cap; 0 (the default) keeps everything.
    void setMaximumRows(qint64 rows);
    qint64 maximumRows() const { return m_maximumRows; }

Q_SIGNALS:
    void filterProgress(qint64 done, qint64 total);
    // The filter over everything loaded is done (later increments do not signal again).
    void filterFinished(qint64 matches, qint64 searched);
    void sortFinished(int column, Qt::SortOrder order);

private:
    struct DecodedRow {
        DecodedPayload key;
        DecodedPayload value;
        QString keyPreview;
        QString valuePreview;
        QString headersPreview;
        mutable int lastRow = -1; // where it was last shown, to re-decode visible rows
    };

    const DecodedRow& decodedRow(qint64 storeIndex, int row) const;
    DecodedRow decode(qint64 storeIndex) const;
    void onSchemaArrived(int schemaId);
    void invalidateDecoded();

    bool isMapped() const { return m_mapped; }
    void applyRows(std::vector<qint64> rows, bool mapped, QAbstractItemModel::LayoutChangeHint hint);
    std::vector<qint64> rowsInOrder(const std::vector<bool>* shown) const;
    void startFilter(qint64 from);
    void onFilterFinished(quint64 jobId, const QList<qint64>& matches, qint64 from, qint64 to);
    void startSort();
    void onSortFinished(quint64 jobId, const QList<qint64>& permutation);
    void enforceMaximumRows();

    std::unique_ptr<RecordStore> m_store;
    std::shared_ptr<PayloadDecoder> m_decoder;
    DecodeOptions m_keyOptions;
    DecodeOptions m_valueOptions;
    std::vector<bool> m_hasHeaders; // by store index, a hint for the filter

    // Row mapping. Unmapped: row r shows store index r. Mapped: row r shows m_rows[r].
    bool m_mapped = false;
    std::vector<qint64> m_rows;

    // Sort state: the last permutation covers store indices [0, m_sortPermutation.size()).
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QList<qint64> m_sortPermutation;
    MessagesSortJob* m_sortJob;
    QTimer m_resortTimer;

    // Filter state: records [0, m_filteredUpTo) have been tested; m_matched holds those that matched.
    std::shared_ptr<const MessageFilter> m_filter;
    qint64 m_filteredUpTo = 0;
    qint64 m_matchCount = 0;
    std::vector<bool> m_matched;
    MessageFilterJob* m_filterJob;

    qint64 m_maximumRows = 0;
    qint64 m_hidden = 0; // unmapped only: store indices below this were dropped by the cap
    bool m_filterBusy = false;

    mutable QCache<qint64, DecodedRow> m_cache;
    mutable qint64 m_decodeCount = 0;
};

} // namespace Samsa
