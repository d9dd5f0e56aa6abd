#pragma once

// The thread side of a MessageProducer: owns the librdkafka producer and sends one list of records,
// serving delivery reports in between, and answers with results in batches.

#include "producerecord.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPair>
#include <atomic>
#include <memory>

struct rd_kafka_s;
struct rd_kafka_message_s;

namespace Samsa {

struct ProducerControl {
    std::atomic<bool> cancelled { false };
};

class MessageProducerWorker : public QObject {
    Q_OBJECT
public:
    static constexpr int resultIntervalMs = 100;

    MessageProducerWorker(const QList<QPair<QString, QString>>& properties, std::shared_ptr<ProducerControl> control);
    ~MessageProducerWorker() override;

    // Called on the worker's thread (queued). Ends with finished() or, when nothing could be
    // sent at all, failed().
    void run(const QList<Samsa::ProduceRecord>& records, int timeoutMs);

Q_SIGNALS:
    void resultsReady(const QList<Samsa::ProduceResult>& results);
    void progress(qint64 answered, qint64 total);
    void finished(const Samsa::ProduceSummary& summary);
    void failed(const QString& error);
    // No broker answers (lost, with the transport's reason) or one answers again; librdkafka keeps
    // retrying the records meanwhile, until their timeout.
    void connectionChanged(bool lost, const QString& reason);

private:
    bool cancelled() const { return m_control->cancelled.load(); }
    bool createProducer(int timeoutMs, QString* error);
    // Partition counts of the records' topics; a topic that does not exist maps to 0.
    bool loadTopics(
        const QList<ProduceRecord>& records, int timeoutMs, QHash<QString, int>* partitions, QString* error);
    // Problem with a record that makes sending it pointless, or empty.
    static QString checkRecord(const ProduceRecord& record, const QHash<QString, int>& partitions);
    bool send(const ProduceRecord& record, qsizetype index, int timeoutMs);
    void addResult(const ProduceResult& result);
    void flushResults(bool force);
    // Tells the UI when the cluster became unreachable or came back (only on a change).
    void reportConnection(bool lost);
    static void onError(rd_kafka_s* handle, int error, const char* reason, void* opaque);
    static void onDelivery(rd_kafka_s* handle, const rd_kafka_message_s* message, void* opaque);

    QList<QPair<QString, QString>> m_properties;
    std::shared_ptr<ProducerControl> m_control;
    rd_kafka_s* m_handle = nullptr;
    QList<ProduceResult> m_pending;
    ProduceSummary m_summary;
    qint64 m_total = 0;
    qint64 m_answered = 0;
    qint64 m_inFlight = 0;
    QString m_lastReason;
    bool m_allBrokersDown = false; // set by the error callback, cleared by an answer
    bool m_reportedLost = false;
    QElapsedTimer m_clock;
    qint64 m_lastFlushMs = 0;
};

} // namespace Samsa
