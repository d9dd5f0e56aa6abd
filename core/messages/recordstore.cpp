#include "recordstore.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <vector>

namespace Samsa {

namespace {

// Chunks start small (a tab with a handful of records should not cost megabytes) and double up to
// the large size that keeps a million records in a few dozen allocations.
constexpr quint32 firstChunkBytes = 64 * 1024;
constexpr quint32 largeChunkBytes = 4 * 1024 * 1024;
// Index entries live in fixed blocks, so appending never moves an entry a snapshot may be reading.
constexpr int blockShift = 13;
constexpr qint64 blockEntries = qint64(1) << blockShift;
constexpr qint64 blockMask = blockEntries - 1;

constexpr quint8 keyNullFlag = 0x01;
constexpr quint8 valueNullFlag = 0x02;
constexpr quint32 nullHeaderValue = std::numeric_limits<quint32>::max();

// One record in 48 bytes. Kafka sizes are int32, so quint32 holds every length. The record's bytes
// lie together in one chunk: key, value, then the serialized headers:
//   u32 count, u32 payload bytes (keys plus values, for size()), then per header
//   u32 key length, u32 value length (nullHeaderValue: null), key bytes, value bytes.
struct IndexEntry {
    qint64 offset;
    qint64 timestampMs;
    quint32 chunk;
    quint32 position;
    quint32 keyLength;
    quint32 valueLength;
    quint32 headersLength;
    qint32 partition;
    quint8 timestampType;
    quint8 flags;
};
static_assert(sizeof(IndexEntry) == 48);

quint32 readU32(const char* at)
{
    quint32 value;
    std::memcpy(&value, at, sizeof value);
    return value;
}

char* writeU32(char* at, quint32 value)
{
    std::memcpy(at, &value, sizeof value);
    return at + sizeof value;
}

char* writeBytes(char* at, const QByteArray& bytes)
{
    if (!bytes.isEmpty())
        std::memcpy(at, bytes.constData(), size_t(bytes.size()));
    return at + bytes.size();
}

quint32 headersBytes(const QList<RecordHeader>& headers)
{
    if (headers.isEmpty())
        return 0;
    qint64 total = 8;
    for (const RecordHeader& header : headers)
        total += 8 + header.key.size() + (header.value ? header.value->size() : 0);
    return quint32(total);
}

// The index and chunks of a store, or of a frozen prefix of it (a snapshot): the read side of both.
struct RecordTables {
    std::vector<std::shared_ptr<IndexEntry[]>> blocks;
    std::vector<std::shared_ptr<char[]>> chunks;
    qint64 count = 0;

    const IndexEntry& entry(qint64 i) const { return blocks[size_t(i >> blockShift)][i & blockMask]; }
    // Never called for a record without bytes, which may have no chunk at all.
    const char* bytes(const IndexEntry& e) const { return chunks[e.chunk].get() + e.position; }

    QByteArrayView key(qint64 i) const
    {
        const IndexEntry& e = entry(i);
        return e.keyLength ? QByteArrayView(bytes(e), e.keyLength) : QByteArrayView();
    }
    QByteArrayView value(qint64 i) const
    {
        const IndexEntry& e = entry(i);
        return e.valueLength ? QByteArrayView(bytes(e) + e.keyLength, e.valueLength) : QByteArrayView();
    }
    const char* headers(const IndexEntry& e) const
    {
        return e.headersLength ? bytes(e) + e.keyLength + e.valueLength : nullptr;
    }
    int headerCount(qint64 i) const
    {
        const char* at = headers(entry(i));
        return at ? int(readU32(at)) : 0;
    }
    qint64 size(qint64 i) const
    {
        const IndexEntry& e = entry(i);
        const char* at = headers(e);
        return qint64(e.keyLength) + e.valueLength + (at ? readU32(at + 4) : 0);
    }
    KafkaRecord record(qint64 i) const
    {
        const IndexEntry& e = entry(i);
        KafkaRecord result;
        result.partition = e.partition;
        result.offset = e.offset;
        result.timestampMs = e.timestampMs;
        result.timestampType = TimestampType(e.timestampType);
        if (!(e.flags & keyNullFlag))
            result.key = key(i).toByteArray();
        if (!(e.flags & valueNullFlag))
            result.value = value(i).toByteArray();
        if (const char* at = headers(e)) {
            const quint32 count = readU32(at);
            at += 8;
            result.headers.reserve(count);
            for (quint32 h = 0; h < count; ++h) {
                const quint32 keyLength = readU32(at);
                const quint32 valueLength = readU32(at + 4);
                at += 8;
                RecordHeader header;
                header.key = QByteArray(at, keyLength);
                at += keyLength;
                if (valueLength != nullHeaderValue) {
                    header.value = QByteArray(at, valueLength);
                    at += valueLength;
                }
                result.headers.append(std::move(header));
            }
        }
        return result;
    }
};

class FrozenRecords final : public RecordStore::Snapshot {
public:
    explicit FrozenRecords(RecordTables tables)
        : m_tables(std::move(tables))
    {
    }
    qint64 count() const override { return m_tables.count; }
    int partition(qint64 i) const override { return m_tables.entry(i).partition; }
    qint64 offset(qint64 i) const override { return m_tables.entry(i).offset; }
    qint64 timestampMs(qint64 i) const override { return m_tables.entry(i).timestampMs; }
    TimestampType timestampType(qint64 i) const override { return TimestampType(m_tables.entry(i).timestampType); }
    bool keyIsNull(qint64 i) const override { return m_tables.entry(i).flags & keyNullFlag; }
    bool valueIsNull(qint64 i) const override { return m_tables.entry(i).flags & valueNullFlag; }
    QByteArrayView key(qint64 i) const override { return m_tables.key(i); }
    QByteArrayView value(qint64 i) const override { return m_tables.value(i); }
    int headerCount(qint64 i) const override { return m_tables.headerCount(i); }
    qint64 size(qint64 i) const override { return m_tables.size(i); }
    KafkaRecord record(qint64 i) const override { return m_tables.record(i); }

private:
    RecordTables m_tables;
};

} // namespace

struct RecordStore::Private {
    RecordTables tables;
    quint32 currentChunk = 0; // the chunk small records are appended to
    quint32 currentUsed = 0;
    quint32 currentCapacity = 0; // 0: no current chunk yet
    qint64 chunkBytes = 0;

    // Where `length` bytes go: the tail of the current chunk, a new one, or (for a record larger than
    // a chunk) a chunk of its own, which leaves the current one in use for the records after it.
    char* reserve(quint32 length, IndexEntry* entry)
    {
        if (length > largeChunkBytes) {
            tables.chunks.emplace_back(new char[length]);
            chunkBytes += length;
            entry->chunk = quint32(tables.chunks.size() - 1);
            entry->position = 0;
            return tables.chunks.back().get();
        }
        if (currentCapacity == 0 || currentCapacity - currentUsed < length) {
            quint32 capacity = currentCapacity == 0 ? firstChunkBytes : std::min(currentCapacity * 2, largeChunkBytes);
            capacity = std::max(capacity, length);
            tables.chunks.emplace_back(new char[capacity]);
            chunkBytes += capacity;
            currentChunk = quint32(tables.chunks.size() - 1);
            currentUsed = 0;
            currentCapacity = capacity;
        }
        entry->chunk = currentChunk;
        entry->position = currentUsed;
        currentUsed += length;
        return tables.chunks[currentChunk].get() + entry->position;
    }

    IndexEntry& newEntry()
    {
        const qint64 index = tables.count;
        if ((index & blockMask) == 0)
            tables.blocks.emplace_back(new IndexEntry[blockEntries]);
        ++tables.count;
        return tables.blocks.back()[index & blockMask];
    }
};

RecordStore::RecordStore()
    : d(std::make_unique<Private>())
{
}

RecordStore::~RecordStore() = default;

void RecordStore::append(const KafkaRecord& record)
{
    const quint32 keyLength = record.key ? quint32(record.key->size()) : 0;
    const quint32 valueLength = record.value ? quint32(record.value->size()) : 0;
    const quint32 headersLength = headersBytes(record.headers);
    const quint32 total = keyLength + valueLength + headersLength;

    IndexEntry& entry = d->newEntry();
    entry.offset = record.offset;
    entry.timestampMs = record.timestampMs;
    entry.partition = record.partition;
    entry.timestampType = quint8(record.timestampType);
    entry.flags = quint8((record.key ? 0 : keyNullFlag) | (record.value ? 0 : valueNullFlag));
    entry.keyLength = keyLength;
    entry.valueLength = valueLength;
    entry.headersLength = headersLength;
    entry.chunk = 0;
    entry.position = 0;
    if (total == 0)
        return;

    char* at = d->reserve(total, &entry);
    if (record.key)
        at = writeBytes(at, *record.key);
    if (record.value)
        at = writeBytes(at, *record.value);
    if (headersLength) {
        at = writeU32(at, quint32(record.headers.size()));
        qint64 payload = 0;
        for (const RecordHeader& header : record.headers)
            payload += header.key.size() + (header.value ? header.value->size() : 0);
        at = writeU32(at, quint32(payload));
        for (const RecordHeader& header : record.headers) {
            at = writeU32(at, quint32(header.key.size()));
            at = writeU32(at, header.value ? quint32(header.value->size()) : nullHeaderValue);
            at = writeBytes(at, header.key);
            if (header.value)
                at = writeBytes(at, *header.value);
        }
    }
}

void RecordStore::append(const QList<KafkaRecord>& records)
{
    for (const KafkaRecord& record : records)
        append(record);
}

void RecordStore::clear()
{
    // Snapshots keep their own references to the chunks and blocks they use.
    d = std::make_unique<Private>();
}

qint64 RecordStore::count() const
{
    return d->tables.count;
}

qint64 RecordStore::memoryBytes() const
{
    const RecordTables& t = d->tables;
    return d->chunkBytes + qint64(t.blocks.size()) * blockEntries * qint64(sizeof(IndexEntry))
        + qint64(t.blocks.capacity() + t.chunks.capacity()) * qint64(sizeof(std::shared_ptr<char[]>));
}

int RecordStore::partition(qint64 i) const
{
    return d->tables.entry(i).partition;
}
qint64 RecordStore::offset(qint64 i) const
{
    return d->tables.entry(i).offset;
}
qint64 RecordStore::timestampMs(qint64 i) const
{
    return d->tables.entry(i).timestampMs;
}
TimestampType RecordStore::timestampType(qint64 i) const
{
    return TimestampType(d->tables.entry(i).timestampType);
}
bool RecordStore::keyIsNull(qint64 i) const
{
    return d->tables.entry(i).flags & keyNullFlag;
}
bool RecordStore::valueIsNull(qint64 i) const
{
    return d->tables.entry(i).flags & valueNullFlag;
}
QByteArrayView RecordStore::key(qint64 i) const
{
    return d->tables.key(i);
}
QByteArrayView RecordStore::value(qint64 i) const
{
    return d->tables.value(i);
}
int RecordStore::headerCount(qint64 i) const
{
    return d->tables.headerCount(i);
}
qint64 RecordStore::size(qint64 i) const
{
    return d->tables.size(i);
}
KafkaRecord RecordStore::record(qint64 i) const
{
    return d->tables.record(i);
}

std::shared_ptr<const RecordStore::Snapshot> RecordStore::snapshot() const
{
    // Copies the lists of blocks and chunks (a few hundred pointers for a million records), not
    // the records: the store only ever writes past what this snapshot can see.
    return std::make_shared<FrozenRecords>(d->tables);
}

} // namespace Samsa
