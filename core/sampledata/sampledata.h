#pragma once

// "Load sample data": creates the demo topics (orders, clickstream, telemetry), registers their
// Avro schemas, keeps messages flowing at the chosen rate, and runs two consumer groups, one that
// keeps up and one that falls behind, so that lag and throughput views have something real to
// show. All Kafka and HTTP work happens on a worker thread; stopping stops the producers and the
// consumers, and the data stays.

#include "profiles/connectionprofile.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QUrl>

namespace Samsa {

class SampleDataWorker;

struct SampleDataOptions {
    ConnectionProfile profile; // bootstrap servers and security of the target cluster
    ProfileSecrets secrets;
    QUrl registryUrl;          // Schema Registry for the Avro topics
    int messagesPerSecond = 50; // all topics together
    int durationSeconds = 0;    // 0: until stop()
};

struct SampleDataStats {
    QHash<QString, qint64> produced; // by topic, acknowledged by the broker
    QHash<QString, qint64> consumed; // by consumer group
    qint64 failed = 0;               // deliveries the broker refused
};

class SampleData : public QObject {
    Q_OBJECT
public:
    enum class State { Stopped, Preparing, Running, Stopping, Failed };
    Q_ENUM(State)

    // The groups the sample runs: one keeps up, one reads a fraction of what arrives.
    static constexpr char KeepingUpGroup[] = "sample-billing";
    static constexpr char FallingBehindGroup[] = "sample-analytics";

    explicit SampleData(QObject* parent = nullptr);
    ~SampleData() override;

    void start(const SampleDataOptions& options);
    void stop();
    State state() const { return m_state; }
    QString errorText() const { return m_error; }
    SampleDataStats stats() const { return m_stats; }

Q_SIGNALS:
    void stateChanged(Samsa::SampleData::State state);
    // Once a second while running, and once more after stopping.
    void statsChanged(const Samsa::SampleDataStats& stats);
    // What it is doing, for a status line ("Creating topics…", "Registering schemas…").
    void progress(const QString& text);

private:
    void setState(State state, const QString& error = {});
    void retireWorker();

    State m_state = State::Stopped;
    QString m_error;
    SampleDataStats m_stats;
    SampleDataWorker* m_worker = nullptr;
};

} // namespace Samsa

Q_DECLARE_METATYPE(Samsa::SampleDataStats)
