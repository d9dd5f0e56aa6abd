#pragma once

// Produces a list of records on a worker thread with a librdkafka producer of its own, whose
// partitioner is murmur2_random so that keyed records land where Java clients would put them.
// Every call returns at once; results arrive as signals on the caller's thread:
//
//   resultsReady   a result per record (partition and offset, or the broker's error), in batches
//   progress       records answered so far, of the total
//   finished       the summary; always the last signal of a run
//   failed         the producer could not start (bad configuration); no finished() then
//
// Destroying the producer cancels without waiting.

#include "producerecord.h"

#include <QObject>
#include <QPair>
#include <memory>

namespace Samsa {

class MessageProducerWorker;
struct ProducerControl;

class MessageProducer : public QObject {
    Q_OBJECT
public:
    // properties: the session's librdkafka properties (ConnectionConfig::librdkafkaProperties).
    explicit MessageProducer(const QList<QPair<QString, QString>>& properties, QObject* parent = nullptr);
    ~MessageProducer() override;

    // Starts sending; a run still going on is cancelled first (its later signals are dropped).
    // timeoutMs bounds each record's delivery (librdkafka's message.timeout.ms).
    void start(const QList<ProduceRecord>& records, int timeoutMs = 30000);
    // Stops handing records to librdkafka and drops those still queued; records already on the
    // wire get their real result. finished() reports how many were not sent.
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void resultsReady(const QList<Samsa::ProduceResult>& results);
    void progress(qint64 answered, qint64 total);
    void finished(const Samsa::ProduceSummary& summary);
    void failed(const QString& error);
    // No broker answers (lost) or one answers again; records are retried until their timeout.
    void connectionChanged(bool lost, const QString& reason);

private:
    void detachWorker();

    QList<QPair<QString, QString>> m_properties;
    MessageProducerWorker* m_worker = nullptr;
    std::shared_ptr<ProducerControl> m_control;
    quint64 m_job = 0;
    bool m_running = false;
};

} // namespace Samsa
