#pragma once

// Loaded records, kept compactly: the raw bytes of all records in large append-only chunks and one
// fixed-size index entry per record. A million 100-byte records cost about their raw size plus a
// few dozen bytes each. Appending never moves existing records, so row numbers stay valid.
//
// Not thread-safe by itself: the owner (the browser's model, on the UI thread) appends; a worker
// that filters or exports gets a snapshot() — a shared, immutable view of the first N records that
// stays valid while appends continue.

#include "kafkarecord.h"

#include <QByteArrayView>
#include <memory>

namespace Samsa {

class RecordStore {
public:
    RecordStore();
    ~RecordStore();
    RecordStore(const RecordStore&) = delete;
    RecordStore& operator=(const RecordStore&) = delete;

    void append(const KafkaRecord& record);
    void append(const QList<KafkaRecord>& records);
    void clear();

    qint64 count() const;
    // Memory held by the store (chunks and index), for the benchmark and the status line.
    qint64 memoryBytes() const;

    // Fields of record i (0 <= i < count()) without copying the payload.
    int partition(qint64 i) const;
    qint64 offset(qint64 i) const;
    qint64 timestampMs(qint64 i) const;
    TimestampType timestampType(qint64 i) const;
    bool keyIsNull(qint64 i) const;
    bool valueIsNull(qint64 i) const;
    QByteArrayView key(qint64 i) const; // empty view for a null key
    QByteArrayView value(qint64 i) const;
    int headerCount(qint64 i) const;
    qint64 size(qint64 i) const; // as KafkaRecord::size()
    // The whole record, copied out (for the detail pane, export and decoding).
    KafkaRecord record(qint64 i) const;

    // An immutable view of records [0, count()) at the time of the call, safe to read from
    // another thread while this store keeps appending (chunks are shared, never modified).
    // Hand it to the other thread through a queued signal, a mutex or a thread start, as usual.
    class Snapshot;
    std::shared_ptr<const Snapshot> snapshot() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// Same accessors as RecordStore, over a frozen prefix.
class RecordStore::Snapshot {
public:
    virtual ~Snapshot() = default;
    virtual qint64 count() const = 0;
    virtual int partition(qint64 i) const = 0;
    virtual qint64 offset(qint64 i) const = 0;
    virtual qint64 timestampMs(qint64 i) const = 0;
    virtual TimestampType timestampType(qint64 i) const = 0;
    virtual bool keyIsNull(qint64 i) const = 0;
    virtual bool valueIsNull(qint64 i) const = 0;
    virtual QByteArrayView key(qint64 i) const = 0;
    virtual QByteArrayView value(qint64 i) const = 0;
    virtual int headerCount(qint64 i) const = 0;
    virtual qint64 size(qint64 i) const = 0;
    virtual KafkaRecord record(qint64 i) const = 0;
};

} // namespace Samsa
