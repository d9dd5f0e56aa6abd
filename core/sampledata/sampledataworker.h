#pragma once

// The part of SampleData that runs on its own thread: librdkafka admin, producer and two
// group consumers, and the registry client. Driven by a timer; never touched from other threads
// except through queued calls.

#include "sampledata.h"

#include <QElapsedTimer>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>

#include <atomic>
#include <memory>

struct rd_kafka_s;

namespace Samsa {

class AvroEncoder;
class SchemaRegistryClient;

class SampleDataWorker : public QObject {
    Q_OBJECT
public:
    explicit SampleDataWorker(const SampleDataOptions& options);
    ~SampleDataWorker() override;

    // Set from any thread: the current step gives up soon.
    std::atomic<bool> cancelled { false };

public Q_SLOTS:
    void run();
    void finish();

Q_SIGNALS:
    void progress(const QString& text);
    void running();
    void statsChanged(const Samsa::SampleDataStats& stats);
    void failed(const QString& error);
    void finished();

private:
    bool createClients(QString* error);
    bool createTopics(QString* error);
    void registerSchemas();
    void schemaRegistered(const QString& topic, int id, const QString& error);
    void tick();
    void produceDue(qint64 nowMs);
    void produceOne(const char* topic, const QByteArray& key, const QByteArray& value);
    void consume(rd_kafka_s* consumer, const QString& group, int budget);
    void fail(const QString& error);
    void destroyClients();


    SampleDataOptions m_options;
    SampleDataStats m_stats;
    QRandomGenerator m_random;
    rd_kafka_s* m_producer = nullptr;
    rd_kafka_s* m_keepingUp = nullptr;
    rd_kafka_s* m_fallingBehind = nullptr;
    SchemaRegistryClient* m_registry = nullptr;
    std::unique_ptr<AvroEncoder> m_orders;
    std::unique_ptr<AvroEncoder> m_telemetry;
    int m_orderSchemaId = -1;
    int m_telemetrySchemaId = -1;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastStatsMs = 0;
    double m_due = 0; // messages owed to the rate, fractional
    qint64 m_telemetryProduced = 0;
    bool m_done = false;
};

} // namespace Samsa
