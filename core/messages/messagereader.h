#pragma once

// Reads a topic for the message browser (and samsactl consume) on a consumer of its own, on a
// worker thread: assigned partitions, no group membership, no commits. Every call returns at once;
// results arrive as signals on the caller's thread:
//
//   planned        once, when reading starts: partitions, their ranges and notes for the user
//   recordsReady   batches of records (at most every ~75 ms or 5,000 records)
//   progress       loaded count, rate and per-partition position, a few times a second
//   finished       "reached end", "limit of 10,000 reached" or "stopped"
//   failed         what went wrong (unknown topic, cluster unreachable, ...)
//   connectionChanged  a live tail lost the cluster (it retries) or has it back
//
// Exactly one of finished() and failed() ends each read. Destroying the reader stops its read
// without waiting; the worker retires itself when its current librdkafka call returns.

#include "kafkarecord.h"
#include "readrequest.h"

#include <QObject>
#include <QPair>
#include <memory>

class QTimer;

namespace Samsa {

class MessageReaderWorker;
struct ReaderControl;

class MessageReader : public QObject {
    Q_OBJECT
public:
    // properties: the session's librdkafka properties (ConnectionConfig::librdkafkaProperties).
    explicit MessageReader(const QList<QPair<QString, QString>>& properties, QObject* parent = nullptr);
    ~MessageReader() override;

    // Starts reading; a read still running is stopped first (its later signals are dropped).
    void start(const ReadRequest& request);
    // Stops the read: finished("stopped") follows promptly, after the records read so far.
    void stop();
    bool isRunning() const { return m_running; }

    // How long stop() waits for the worker's own finish before reporting it without the worker.
    static constexpr int stopGraceMs = 1500;

Q_SIGNALS:
    void planned(const Samsa::ReadPlan& plan);
    void recordsReady(const QList<Samsa::KafkaRecord>& records);
    void progress(const Samsa::ReadProgress& progress);
    void finished(const QString& reason);
    void failed(const QString& error);
    // Live tail only: the cluster became unreachable (lost, with the reason) or is back; the tail
    // goes on by itself in both cases.
    void connectionChanged(bool lost, const QString& cause);

private:
    void detachWorker();
    void end();

    QList<QPair<QString, QString>> m_properties;
    MessageReaderWorker* m_worker = nullptr; // lives on its own thread; retired, never deleted here
    std::shared_ptr<ReaderControl> m_control;
    QTimer* m_stopTimer = nullptr;
    quint64 m_job = 0;
    bool m_running = false;
};

void registerMessageMetaTypes();

} // namespace Samsa
