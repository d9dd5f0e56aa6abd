#pragma once

// One Kafka record as read from a partition, with its raw bytes. Readers produce these; the record
// store keeps them compactly; decoders turn key and value into something to show.

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <optional>

namespace Samsa {

enum class TimestampType : quint8 { NotAvailable, CreateTime, LogAppendTime };

struct RecordHeader {
    QByteArray key; // UTF-8 as Kafka sends it (not checked)
    std::optional<QByteArray> value; // nullopt: a null header value
};

struct KafkaRecord {
    int partition = -1;
    qint64 offset = -1;
    qint64 timestampMs = -1;
    TimestampType timestampType = TimestampType::NotAvailable;
    std::optional<QByteArray> key; // nullopt: null key
    std::optional<QByteArray> value; // nullopt: null value (a tombstone)
    QList<RecordHeader> headers;

    // Bytes of key, value and headers: what the table's size column shows.
    qint64 size() const;
};

QString timestampTypeName(TimestampType type); // "CreateTime", "LogAppendTime", "NotAvailable"

} // namespace Samsa

Q_DECLARE_METATYPE(Samsa::KafkaRecord)
