#include "messagesmodel.h"

#include "messages/messagefilterjob.h"
#include "messagessortjob.h"

#include <QDateTime>
#include <QHash>

namespace Samsa {

namespace {

constexpr int defaultCacheRows = 4096;
constexpr int previewChars = 200;
// Rows that arrive while sorted are sorted in after this pause, so a live tail re-sorts once per
// burst rather than once per batch.
constexpr int resortDelayMs = 1000;

QString headersPreview(const QList<RecordHeader>& headers)
{
    QString text;
    for (const RecordHeader& header : headers) {
        if (!text.isEmpty())
            text += QStringLiteral(", ");
        text += QString::fromUtf8(header.key) + QLatin1Char('=');
        text += header.value ? QString::fromUtf8(*header.value) : QStringLiteral("null");
        if (text.size() > previewChars) {
            text.truncate(previewChars);
            text += QChar(0x2026);
            break;
        }
    }
    for (QChar& c : text) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t'))
            c = QLatin1Char(' ');
    }
    return text;
}

} // namespace

MessagesModel::MessagesModel(std::shared_ptr<PayloadDecoder> decoder, QObject* parent)
    : QAbstractTableModel(parent)
    , m_store(std::make_unique<RecordStore>())
    , m_decoder(std::move(decoder))
    , m_sortJob(new MessagesSortJob(this))
    , m_filterJob(new MessageFilterJob(this))
    , m_cache(defaultCacheRows)
{
    if (m_decoder)
        connect(m_decoder.get(), &PayloadDecoder::schemaArrived, this, &MessagesModel::onSchemaArrived);
    connect(m_filterJob, &MessageFilterJob::progress, this, [this](quint64, qint64 done, qint64 total) {
        Q_EMIT filterProgress(done, total);
    });
    connect(m_filterJob, &MessageFilterJob::finished, this, &MessagesModel::onFilterFinished);
    connect(m_sortJob, &MessagesSortJob::finished, this, &MessagesModel::onSortFinished);
    m_resortTimer.setSingleShot(true);
    m_resortTimer.setInterval(resortDelayMs);
    connect(&m_resortTimer, &QTimer::timeout, this, &MessagesModel::startSort);
}

// The jobs are children: their destructors stop their threads before the store goes away.
MessagesModel::~MessagesModel()
{
    delete m_sortJob;
    delete m_filterJob;
}

int MessagesModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid())
        return 0;
    return int(m_mapped ? qint64(m_rows.size()) : m_store->count() - m_hidden);
}

int MessagesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

qint64 MessagesModel::storeIndex(int row) const
{
    if (row < 0 || row >= rowCount())
        return -1;
    return m_mapped ? m_rows[size_t(row)] : qint64(row) + m_hidden;
}

int MessagesModel::rowForStoreIndex(qint64 index) const
{
    if (!m_mapped)
        return index >= m_hidden && index < m_store->count() ? int(index - m_hidden) : -1;
    const auto it = std::find(m_rows.begin(), m_rows.end(), index);
    return it == m_rows.end() ? -1 : int(it - m_rows.begin());
}

KafkaRecord MessagesModel::record(int row) const
{
    const qint64 index = storeIndex(row);
    return index < 0 ? KafkaRecord() : m_store->record(index);
}

DecodedPayload MessagesModel::decodedKey(int row) const
{
    const qint64 index = storeIndex(row);
    return index < 0 ? DecodedPayload() : decodedRow(index, row).key;
}

DecodedPayload MessagesModel::decodedValue(int row) const
{
    const qint64 index = storeIndex(row);
    return index < 0 ? DecodedPayload() : decodedRow(index, row).value;
}

MessagesModel::DecodedRow MessagesModel::decode(qint64 index) const
{
    ++m_decodeCount;
    DecodedRow row;
    auto decodeOne = [this](QByteArrayView bytes, bool isNull, const DecodeOptions& options) {
        if (m_decoder)
            return m_decoder->decode(bytes, isNull, options);
        DecodedPayload payload;
        payload.kind = isNull ? DecodedPayload::Kind::Null : DecodedPayload::Kind::Text;
        payload.text = QString::fromUtf8(bytes);
        return payload;
    };
    row.key = decodeOne(m_store->key(index), m_store->keyIsNull(index), m_keyOptions);
    row.value = decodeOne(m_store->value(index), m_store->valueIsNull(index), m_valueOptions);
    row.keyPreview = row.key.preview(previewChars);
    row.valuePreview = row.value.preview(previewChars);
    if (m_store->headerCount(index) > 0)
        row.headersPreview = headersPreview(m_store->record(index).headers);
    return row;
}

const MessagesModel::DecodedRow& MessagesModel::decodedRow(qint64 index, int row) const
{
    DecodedRow* cached = m_cache.object(index);
    if (!cached) {
        cached = new DecodedRow(decode(index));
        m_cache.insert(index, cached);
    }
    cached->lastRow = row;
    return *cached;
}

QVariant MessagesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const qint64 i = storeIndex(index.row());
    if (i < 0)
        return {};
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case PartitionColumn:
            return m_store->partition(i);
        case OffsetColumn:
            return m_store->offset(i);
        case TimestampColumn: {
            const qint64 ms = m_store->timestampMs(i);
            return ms < 0 ? QString() : QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
        }
        case KeyColumn:
            return decodedRow(i, index.row()).keyPreview;
        case ValueColumn:
            return decodedRow(i, index.row()).valuePreview;
        case HeadersColumn:
            return m_store->headerCount(i) > 0 ? decodedRow(i, index.row()).headersPreview : QString();
        case SizeColumn:
            return m_store->size(i);
        }
        return {};
    case Qt::ToolTipRole:
        if (column == KeyColumn || column == ValueColumn) {
            const DecodedRow& row = decodedRow(i, index.row());
            const DecodedPayload& payload = column == KeyColumn ? row.key : row.value;
            if (payload.isError())
                return payload.error;
        }
        if (column == TimestampColumn)
            return timestampTypeName(m_store->timestampType(i));
        return {};
    case Qt::TextAlignmentRole:
        if (column == PartitionColumn || column == OffsetColumn || column == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case StoreIndexRole:
        return i;
    case KeyPayloadRole:
        return QVariant::fromValue(decodedRow(i, index.row()).key);
    case ValuePayloadRole:
        return QVariant::fromValue(decodedRow(i, index.row()).value);
    case RecordRole:
        return QVariant::fromValue(m_store->record(i));
    case DecodeErrorRole: {
        const DecodedRow& row = decodedRow(i, index.row());
        QStringList errors;
        if (row.key.isError())
            errors.append(QStringLiteral("key: ") + row.key.error);
        if (row.value.isError())
            errors.append(QStringLiteral("value: ") + row.value.error);
        return errors.join(QStringLiteral("; "));
    }
    case SortRole:
        switch (column) {
        case PartitionColumn:
            return m_store->partition(i);
        case OffsetColumn:
            return m_store->offset(i);
        case TimestampColumn:
            return m_store->timestampMs(i);
        case HeadersColumn:
            return m_store->headerCount(i);
        case SizeColumn:
            return m_store->size(i);
        }
        return {};
    }
    return {};
}

QVariant MessagesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PartitionColumn:
        return tr("Partition");
    case OffsetColumn:
        return tr("Offset");
    case TimestampColumn:
        return tr("Timestamp");
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case HeadersColumn:
        return tr("Headers");
    case SizeColumn:
        return tr("Size");
    }
    return {};
}

// ---- Loading ---------------------------------------------------------------------------------

void MessagesModel::appendRecords(const QList<KafkaRecord>& records)
{
    if (records.isEmpty())
        return;
    const qint64 first = m_store->count();
    const int n = int(records.size());
    m_hasHeaders.reserve(size_t(first + n));
    for (const KafkaRecord& record : records)
        m_hasHeaders.push_back(!record.headers.isEmpty());

    if (m_filter) {
        // Not shown until the filter has looked at them.
        m_store->append(records);
        if (!m_filterBusy)
            startFilter(m_filteredUpTo);
    } else {
        const int row = rowCount();
        beginInsertRows(QModelIndex(), row, row + n - 1);
        m_store->append(records);
        if (m_mapped) {
            for (qint64 i = first; i < first + n; ++i)
                m_rows.push_back(i);
        }
        endInsertRows();
    }
    if (m_sortColumn >= 0 && !m_resortTimer.isActive())
        m_resortTimer.start();
    enforceMaximumRows();
}

void MessagesModel::clear()
{
    m_filterJob->cancel();
    m_sortJob->cancel();
    m_resortTimer.stop();
    beginResetModel();
    m_store->clear();
    m_hasHeaders.clear();
    m_rows.clear();
    m_mapped = m_filter != nullptr;
    m_hidden = 0;
    m_sortPermutation.clear();
    m_filteredUpTo = 0;
    m_matchCount = 0;
    m_matched.clear();
    m_filterBusy = false;
    m_cache.clear();
    endResetModel();
}

void MessagesModel::setMaximumRows(qint64 rows)
{
    m_maximumRows = qMax<qint64>(0, rows);
    enforceMaximumRows();
}

void MessagesModel::enforceMaximumRows()
{
    if (m_maximumRows <= 0 || m_mapped || m_filter || m_sortColumn >= 0)
        return;
    const qint64 shown = m_store->count() - m_hidden;
    if (shown <= m_maximumRows)
        return;
    const qint64 drop = shown - m_maximumRows;
    beginRemoveRows(QModelIndex(), 0, int(drop - 1));
    m_hidden += drop;
    endRemoveRows();
    // The store cannot drop a prefix: once the hidden part is a quarter of what is kept, the kept
    // records are copied into a fresh store. Rows do not move, so no signal is needed; cached
    // decodes are keyed by store index and are dropped.
    if (m_hidden < qMax<qint64>(1024, m_maximumRows / 4) || m_sortJob->isRunning() || m_filterBusy)
        return;
    auto fresh = std::make_unique<RecordStore>();
    QList<KafkaRecord> batch;
    batch.reserve(4096);
    for (qint64 i = m_hidden; i < m_store->count(); ++i) {
        batch.append(m_store->record(i));
        if (batch.size() == 4096) {
            fresh->append(batch);
            batch.clear();
        }
    }
    fresh->append(batch);
    m_hasHeaders.erase(m_hasHeaders.begin(), m_hasHeaders.begin() + m_hidden);
    m_store = std::move(fresh);
    m_hidden = 0;
    m_cache.clear();
}

// ---- Decoding --------------------------------------------------------------------------------

void MessagesModel::setCacheCapacity(int rows)
{
    m_cache.setMaxCost(qMax(1, rows));
}

int MessagesModel::cacheCapacity() const
{
    return int(m_cache.maxCost());
}

void MessagesModel::invalidateDecoded()
{
    m_cache.clear();
    // layoutChanged without moving rows: the view asks again for what it shows, and nothing else is
    // touched (a dataChanged over every row costs seconds with a million rows).
    Q_EMIT layoutAboutToBeChanged();
    Q_EMIT layoutChanged();
}

void MessagesModel::setKeyOptions(const DecodeOptions& options)
{
    m_keyOptions = options;
    invalidateDecoded();
    if (m_filter) {
        MessageFilterSpec spec = m_filter->spec();
        setFilter(spec);
    }
}

void MessagesModel::setValueOptions(const DecodeOptions& options)
{
    m_valueOptions = options;
    invalidateDecoded();
    if (m_filter) {
        MessageFilterSpec spec = m_filter->spec();
        setFilter(spec);
    }
}

void MessagesModel::onSchemaArrived(int schemaId)
{
    auto waitsFor = [schemaId](const DecodedPayload& payload) {
        return payload.kind == DecodedPayload::Kind::Pending && (payload.schemaId == schemaId || payload.schemaId < 0);
    };
    QList<int> rows;
    const QList<qint64> keys = m_cache.keys();
    for (const qint64 index : keys) {
        const DecodedRow* row = m_cache.object(index);
        if (!row || !(waitsFor(row->key) || waitsFor(row->value)))
            continue;
        const int lastRow = row->lastRow;
        m_cache.remove(index);
        if (storeIndex(lastRow) == index)
            rows.append(lastRow);
    }
    std::sort(rows.begin(), rows.end());
    // One dataChanged per run of consecutive rows, over the decoded columns only.
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype j = i;
        while (j + 1 < rows.size() && rows.at(j + 1) == rows.at(j) + 1)
            ++j;
        Q_EMIT dataChanged(index(rows.at(i), KeyColumn), index(rows.at(j), HeadersColumn));
        i = j + 1;
    }
}

// ---- Row mapping -------------------------------------------------------------------------------

std::vector<qint64> MessagesModel::rowsInOrder(const std::vector<bool>* shown) const
{
    const qint64 count = m_store->count();
    auto isShown = [&](qint64 i) {
        if (i < m_hidden)
            return false;
        if (!shown)
            return true;
        return i < qint64(shown->size()) && (*shown)[size_t(i)];
    };
    std::vector<qint64> rows;
    rows.reserve(size_t(shown ? m_matchCount : count));
    qint64 tail = 0;
    if (m_sortColumn >= 0) {
        for (const qint64 i : m_sortPermutation) {
            if (i < count && isShown(i))
                rows.push_back(i);
        }
        tail = m_sortPermutation.size();
    }
    for (qint64 i = tail; i < count; ++i) {
        if (isShown(i))
            rows.push_back(i);
    }
    return rows;
}

void MessagesModel::applyRows(std::vector<qint64> rows, bool mapped, QAbstractItemModel::LayoutChangeHint hint)
{
    Q_EMIT layoutAboutToBeChanged({}, hint);
    const QModelIndexList from = persistentIndexList();
    QList<qint64> records;
    records.reserve(from.size());
    for (const QModelIndex& index : from)
        records.append(storeIndex(index.row()));

    m_mapped = mapped;
    m_rows = mapped ? std::move(rows) : std::vector<qint64>();

    if (!from.isEmpty()) {
        QHash<qint64, int> newRow;
        for (const qint64 record : records)
            newRow.insert(record, -1);
        if (m_mapped) {
            for (size_t r = 0; r < m_rows.size(); ++r) {
                const auto it = newRow.find(m_rows[r]);
                if (it != newRow.end())
                    it.value() = int(r);
            }
        } else {
            for (auto it = newRow.begin(); it != newRow.end(); ++it)
                it.value() = rowForStoreIndex(it.key());
        }
        QModelIndexList to;
        to.reserve(from.size());
        for (qsizetype k = 0; k < from.size(); ++k) {
            const int row = records.at(k) < 0 ? -1 : newRow.value(records.at(k), -1);
            to.append(row < 0 ? QModelIndex() : index(row, from.at(k).column()));
        }
        changePersistentIndexList(from, to);
    }
    Q_EMIT layoutChanged({}, hint);
}

// ---- Filter ------------------------------------------------------------------------------------

bool MessagesModel::setFilter(MessageFilterSpec spec, QString* error)
{
    spec.keyOptions = m_keyOptions;
    spec.valueOptions = m_valueOptions;
    QString message;
    std::shared_ptr<const MessageFilter> filter = MessageFilter::create(spec, &message);
    if (!filter) {
        if (error)
            *error = message;
        return false;
    }
    if (!m_mapped) {
        // The rows shown stay as they are until the result arrives; records that arrive meanwhile
        // wait for the filter, so the identity mapping is made explicit.
        std::vector<qint64> identity;
        identity.reserve(size_t(m_store->count() - m_hidden));
        for (qint64 i = m_hidden; i < m_store->count(); ++i)
            identity.push_back(i);
        m_rows = std::move(identity);
        m_mapped = true;
    }
    m_filter = std::move(filter);
    m_filteredUpTo = 0;
    m_matchCount = 0;
    m_matched.clear();
    startFilter(0);
    return true;
}

void MessagesModel::startFilter(qint64 from)
{
    MessageFilter::Hints hints;
    hints.hasHeaders = std::make_shared<const std::vector<bool>>(m_hasHeaders);
    m_filterBusy = true;
    m_filterJob->start(m_filter, m_store->snapshot(), m_decoder, qMax(from, m_hidden), hints);
}

void MessagesModel::onFilterFinished(quint64, const QList<qint64>& matches, qint64 from, qint64 to)
{
    m_filterBusy = false;
    if (!m_filter)
        return;
    if (qint64(m_matched.size()) < to)
        m_matched.resize(size_t(to), false);
    for (const qint64 i : matches)
        m_matched[size_t(i)] = true;
    const bool full = from <= m_hidden && m_filteredUpTo == 0;
    m_filteredUpTo = to;
    if (full) {
        m_matchCount = matches.size();
        applyRows(rowsInOrder(&m_matched), true, QAbstractItemModel::NoLayoutChangeHint);
        Q_EMIT filterFinished(m_matchCount, to - from);
    } else if (!matches.isEmpty()) {
        const int row = rowCount();
        beginInsertRows(QModelIndex(), row, row + int(matches.size()) - 1);
        m_rows.insert(m_rows.end(), matches.begin(), matches.end());
        m_matchCount += matches.size();
        endInsertRows();
        if (m_sortColumn >= 0 && !m_resortTimer.isActive())
            m_resortTimer.start();
    }
    if (m_store->count() > m_filteredUpTo)
        startFilter(m_filteredUpTo);
}

void MessagesModel::clearFilter()
{
    if (!m_filter)
        return;
    m_filterJob->cancel();
    m_filterBusy = false;
    m_filter.reset();
    m_matched.clear();
    m_matched.shrink_to_fit();
    m_filteredUpTo = 0;
    m_matchCount = 0;
    if (m_sortColumn >= 0)
        applyRows(rowsInOrder(nullptr), true, QAbstractItemModel::NoLayoutChangeHint);
    else
        applyRows({}, false, QAbstractItemModel::NoLayoutChangeHint);
}

bool MessagesModel::isFiltering() const
{
    return m_filterBusy;
}

qint64 MessagesModel::filterMatchCount() const
{
    return m_filter ? m_matchCount : -1;
}

// ---- Sort --------------------------------------------------------------------------------------

void MessagesModel::sort(int column, Qt::SortOrder order)
{
    m_resortTimer.stop();
    if (column < 0 || column >= ColumnCount) {
        m_sortJob->cancel();
        m_sortColumn = -1;
        m_sortPermutation.clear();
        if (m_filter)
            applyRows(rowsInOrder(&m_matched), true, QAbstractItemModel::VerticalSortHint);
        else
            applyRows({}, false, QAbstractItemModel::VerticalSortHint);
        return;
    }
    m_sortColumn = column;
    m_sortOrder = order;
    startSort();
}

void MessagesModel::startSort()
{
    if (m_sortColumn < 0)
        return;
    MessagesSortJob::Key key = MessagesSortJob::Key::Offset;
    std::shared_ptr<std::vector<qint64>> numbers;
    switch (m_sortColumn) {
    case PartitionColumn:
        key = MessagesSortJob::Key::Partition;
        break;
    case OffsetColumn:
        key = MessagesSortJob::Key::Offset;
        break;
    case TimestampColumn:
        key = MessagesSortJob::Key::Timestamp;
        break;
    case KeyColumn:
        key = MessagesSortJob::Key::KeyBytes;
        break;
    case ValueColumn:
        key = MessagesSortJob::Key::ValueBytes;
        break;
    case HeadersColumn:
    case SizeColumn: {
        // The snapshot has neither sizes nor header counts: read them here (a few ms per million).
        key = MessagesSortJob::Key::Numbers;
        numbers = std::make_shared<std::vector<qint64>>(size_t(m_store->count()));
        for (qint64 i = 0; i < m_store->count(); ++i)
            (*numbers)[size_t(i)] = m_sortColumn == SizeColumn ? m_store->size(i) : m_store->headerCount(i);
        break;
    }
    }
    m_sortJob->start(m_store->snapshot(), key, m_sortOrder, numbers);
}

void MessagesModel::onSortFinished(quint64, const QList<qint64>& permutation)
{
    if (m_sortColumn < 0)
        return;
    m_sortPermutation = permutation;
    applyRows(rowsInOrder(m_filter ? &m_matched : nullptr), true, QAbstractItemModel::VerticalSortHint);
    Q_EMIT sortFinished(m_sortColumn, m_sortOrder);
}

bool MessagesModel::isSorting() const
{
    return m_sortJob->isRunning();
}

} // namespace Samsa
