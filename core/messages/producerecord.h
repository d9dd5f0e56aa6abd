#pragma once

// What to produce, and what came of it: plain values between the produce dialog (or samsactl
// produce) and the MessageProducer.

#include "kafkarecord.h"

#include <QMetaType>
#include <QString>
#include <optional>

namespace Samsa {

struct ProduceRecord {
    QString topic;
    int partition = -1; // -1: automatic (murmur2 of the key, as Java clients; no key: sticky random)
    std::optional<QByteArray> key; // nullopt: null key
    std::optional<QByteArray> value; // nullopt: null value (a tombstone)
    QList<RecordHeader> headers;
    std::optional<qint64> timestampMs; // nullopt: the producer's clock (CreateTime now)
};

struct ProduceResult {
    qsizetype index = -1; // position in the list given to MessageProducer::start
    int partition = -1;
    qint64 offset = -1;
    QString error; // empty: delivered
    bool ok() const { return error.isEmpty(); }
};

struct ProduceSummary {
    qsizetype delivered = 0;
    qsizetype failed = 0;
    qsizetype notSent = 0; // cancelled before they were handed to the cluster
    bool cancelled = false;
};

} // namespace Samsa

Q_DECLARE_METATYPE(Samsa::ProduceRecord)
Q_DECLARE_METATYPE(Samsa::ProduceResult)
Q_DECLARE_METATYPE(Samsa::ProduceSummary)
