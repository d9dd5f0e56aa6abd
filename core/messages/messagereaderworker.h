#pragma once

// The thread side of a MessageReader: runs one read from start to end on its own librdkafka
// consumer. It checks the shared stop flag between short steps, so a stop takes effect within a
// poll interval, and it coalesces records into batches so a million records do not flood the UI.

#include "kafkarecord.h"
#include "readrequest.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPair>
#include <atomic>
#include <memory>

namespace Samsa {

class RecordConsumer;

struct ReaderControl {
    std::atomic<bool> stopRequested { false };
};

class MessageReaderWorker : public QObject {
    Q_OBJECT
public:
    // At most this long between a record's arrival and its batch leaving, and at most this many per batch.
    static constexpr int batchIntervalMs = 75;
    static constexpr int batchRecords = 5000;
    static constexpr int progressIntervalMs = 200;
    // How long every broker may stay unreachable before the read fails (a single broker's idle
    // connection being closed and reopened is not a failure). A live tail does not fail: it says
    // the cluster is unreachable and checks again every reconnectGraceMs until it is back.
    static constexpr int reconnectGraceMs = 3000;

    MessageReaderWorker(const QList<QPair<QString, QString>>& properties, std::shared_ptr<ReaderControl> control);
    ~MessageReaderWorker() override;

    // Called on the worker's thread (queued). Ends with exactly one finished() or failed().
    void run(const Samsa::ReadRequest& request);

Q_SIGNALS:
    void planned(const Samsa::ReadPlan& plan);
    void recordsReady(const QList<Samsa::KafkaRecord>& records);
    void progress(const Samsa::ReadProgress& progress);
    void finished(const QString& reason);
    void failed(const QString& error);
    // Live tail only: the cluster became unreachable (lost, with the transport's reason) or is
    // back (not lost); reading goes on from where it was in both cases.
    void connectionChanged(bool lost, const QString& cause);

private:
    bool stopRequested() const { return m_control->stopRequested.load(); }
    // Partitions to read and where each starts, or an error text.
    bool prepare(const ReadRequest& request, ReadPlan* plan, QString* error);
    void readLoop(const ReadRequest& request, ReadPlan plan);
    void flushRecords();
    void sendProgress(const ReadRequest& request);
    void fail(const QString& error);

    QList<QPair<QString, QString>> m_properties;
    std::shared_ptr<ReaderControl> m_control;
    std::unique_ptr<RecordConsumer> m_consumer;
    QList<KafkaRecord> m_pending;
    QList<PartitionProgress> m_partitions;
    QElapsedTimer m_clock;
    qint64 m_lastFlushMs = 0;
    qint64 m_lastProgressMs = 0;
    qint64 m_loaded = 0;
    qint64 m_scanned = 0;
    QList<QPair<qint64, qint64>> m_rateSamples; // (elapsed ms, scanned)
};

} // namespace Samsa
