#pragma once

// The demo data of "Load sample data": Avro orders keyed by customer, JSON clickstream events keyed
// by session, and Avro telemetry readings keyed by device. Pseudo-random but plausible.

#include <QByteArray>
#include <QRandomGenerator>
#include <QVariantMap>

namespace Samsa::SampleRecords {

inline constexpr char OrdersTopic[] = "orders";
inline constexpr char ClickstreamTopic[] = "clickstream";
inline constexpr char TelemetryTopic[] = "telemetry";
inline constexpr int OrdersPartitions = 6;
inline constexpr int ClickstreamPartitions = 3;
inline constexpr int TelemetryPartitions = 12;

// Avro schemas registered as "<topic>-value" (the registry's TopicNameStrategy).
QByteArray orderSchema();
QByteArray telemetrySchema();

struct Record {
    QByteArray key;
    QVariantMap value; // Avro records; JSON objects for the clickstream
};

Record order(QRandomGenerator& random, qint64 nowMs);
Record telemetryReading(QRandomGenerator& random, qint64 nowMs);
// A JSON document, UTF-8.
QByteArray clickEvent(QRandomGenerator& random, qint64 nowMs, QByteArray* key);

} // namespace Samsa::SampleRecords
