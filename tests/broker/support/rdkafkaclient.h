#pragma once

// Small librdkafka (C API) helpers for the broker's conformance tests: a producer that records
// every delivery report, a partition reader on the legacy (group-less) consumer API, and admin
// calls that wait for their result event. Waiting loops also process Qt events, so a test can
// run an in-process TCP proxy (ConnectionProxy) while librdkafka works.

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>

#include <librdkafka/rdkafka.h>

namespace Samsa::Test {

using Headers = QList<QPair<QByteArray, QByteArray>>;

struct KafkaMessage {
    int partition = -1;
    qint64 offset = -1;
    QByteArray key;
    QByteArray value;
    Headers headers;
    qint64 timestamp = -1;
    rd_kafka_resp_err_t error = RD_KAFKA_RESP_ERR_NO_ERROR;
};

// Properties as librdkafka takes them; failures are reported by the constructors' error().
using KafkaConfig = QMap<QByteArray, QByteArray>;

class RdKafkaProducer {
public:
    explicit RdKafkaProducer(const QString& bootstrap, const KafkaConfig& config = {});
    ~RdKafkaProducer();
    RdKafkaProducer(const RdKafkaProducer&) = delete;
    RdKafkaProducer& operator=(const RdKafkaProducer&) = delete;

    bool isValid() const { return m_handle != nullptr; }
    QString error() const { return m_error; }
    rd_kafka_t* handle() const { return m_handle; }

    // Queues one message (partition -1: the partitioner picks). timestamp 0: now.
    bool produce(const QByteArray& topic, int partition, const QByteArray& key, const QByteArray& value,
                 const Headers& headers = {}, qint64 timestamp = 0);
    // Serves delivery reports until every queued message has one; false on timeout.
    bool flush(int timeoutMs = 30000);
    // Delivery reports in the order librdkafka gave them (per partition: produce order).
    const QList<KafkaMessage>& deliveries() const { return m_deliveries; }
    // Delivery reports with an error, as text for QVERIFY2.
    QString deliveryErrors() const;
    qsizetype queued() const { return m_queued; }
    // A fatal error of an idempotent producer (RD_KAFKA_RESP_ERR_NO_ERROR when none).
    rd_kafka_resp_err_t fatalError(QString* reason = nullptr) const;

private:
    static void onDelivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque);

    rd_kafka_t* m_handle = nullptr;
    QString m_error;
    QList<KafkaMessage> m_deliveries;
    qsizetype m_queued = 0;
};

// Reads partitions with the legacy consumer API, which needs no group coordinator.
class RdKafkaReader {
public:
    explicit RdKafkaReader(const QString& bootstrap, const KafkaConfig& config = {});
    ~RdKafkaReader();
    RdKafkaReader(const RdKafkaReader&) = delete;
    RdKafkaReader& operator=(const RdKafkaReader&) = delete;

    bool isValid() const { return m_handle != nullptr; }
    QString error() const { return m_error; }
    rd_kafka_t* handle() const { return m_handle; }

    // Everything from `offset` (or RD_KAFKA_OFFSET_BEGINNING) up to the end of the partition as
    // seen when the reader reaches it; false with error() on a consume error or timeout.
    bool readToEnd(const QByteArray& topic, int partition, qint64 offset, QList<KafkaMessage>* messages,
                   int timeoutMs = 30000);

    // Low and high watermark from the broker (ListOffsets).
    bool watermarks(const QByteArray& topic, int partition, qint64* low, qint64* high, int timeoutMs = 10000);

private:
    rd_kafka_t* m_handle = nullptr;
    QString m_error;
};

// Topic names and partition counts from a Metadata request; empty with *error on failure.
QMap<QByteArray, int> fetchTopics(rd_kafka_t* handle, QString* error, int timeoutMs = 10000);

// Waits (processing Qt events) for the next event of `type` on `queue`; null on timeout.
rd_kafka_event_t* waitForEvent(rd_kafka_queue_t* queue, rd_kafka_event_type_t type, int timeoutMs = 20000);

QString errorText(rd_kafka_resp_err_t error);

} // namespace Samsa::Test
