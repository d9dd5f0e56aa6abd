#pragma once

// The librdkafka consumer behind a MessageReader, used from its worker thread only. It assigns
// partitions itself and never subscribes, so it never joins a group; auto commit and offset
// store are off and its group.id is private to it, so it never commits to anybody's group.
// Every call is bounded in time; errors come back as values with librdkafka's own text.

#include "kafka/rdkafkaclient.h"
#include "kafkarecord.h"
#include "readplanner.h"

#include <QList>
#include <QPair>
#include <QString>
#include <atomic>
#include <memory>

struct rd_kafka_s;
struct rd_kafka_queue_s;

namespace Samsa {

class RecordConsumer {
public:
    ~RecordConsumer();
    RecordConsumer(const RecordConsumer&) = delete;
    RecordConsumer& operator=(const RecordConsumer&) = delete;

    // The profile's properties, then what reading needs (they win). Null with *error on failure.
    static std::unique_ptr<RecordConsumer> create(const QList<QPair<QString, QString>>& properties, QString* error);

    struct TopicLayout {
        bool ok = false;
        bool cancelled = false;
        QList<int> partitions; // all, sorted
        QList<int> offline; // without a leader
        QString error;
    };
    // The topic's partitions from a Metadata request, retried in short steps while no broker answers.
    TopicLayout topicLayout(const QString& topic, int timeoutMs, const CancelCheck& isCancelled);

    // Low and high watermarks (two ListOffsets round trips). False with *error when any failed.
    bool watermarks(const QString& topic, const QList<int>& partitions, int timeoutMs,
        QList<PartitionWatermarks>* result, QString* error);
    // Offset of the first record at or after timestampMs per partition (-1: none).
    bool offsetsForTime(const QString& topic, const QList<int>& partitions, qint64 timestampMs, int timeoutMs,
        QHash<int, qint64>* result, QString* error);
    // A group's committed offsets through the Admin API (ListConsumerGroupOffsets): reading them
    // neither joins the group nor changes anything. -1 or absent: nothing committed.
    bool committedOffsets(const QString& groupId, const QString& topic, const QList<int>& partitions, int timeoutMs,
        const CancelCheck& isCancelled, QHash<int, qint64>* result, QString* error);

    // Starts fetching the partitions from their `position`.
    bool assign(const QString& topic, const QList<PartitionProgress>& partitions, QString* error);

    // Stops fetching a partition whose end was reached (records after it would only be dropped).
    void pause(const QString& topic, int partition);

    struct Batch {
        QList<KafkaRecord> records;
        QList<QPair<int, qint64>> endsReached; // partition, offset: nothing more to read right now
        QString error; // an error that ends the read (unknown topic, authorization, ...)
    };
    // Waits up to timeoutMs for records and appends what arrived (at most maxRecords).
    void poll(int timeoutMs, int maxRecords, Batch* batch);

    // Set once every broker connection is down; cleared by reachable().
    bool allBrokersDown() const { return m_allBrokersDown.load(); }
    QString lastTransportError() const;
    // True when a Metadata request for the topic is answered within timeoutMs.
    bool reachable(const QString& topic, int timeoutMs);
    // The high watermark librdkafka saw in its last fetch answer, -1 when none yet (no request).
    qint64 cachedHighWatermark(const QString& topic, int partition) const;

private:
    RecordConsumer() = default;
    static void errorCallback(rd_kafka_s* handle, int error, const char* reason, void* opaque);

    rd_kafka_s* m_handle = nullptr;
    rd_kafka_queue_s* m_queue = nullptr;
    std::atomic<bool> m_allBrokersDown { false };
    QString m_lastReason; // written and read on the worker thread: callbacks are served from poll
};

} // namespace Samsa
